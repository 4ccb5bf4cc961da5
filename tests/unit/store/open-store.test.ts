import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { createMemoryLogger } from '../../../src/logging';
import { openStore } from '../../../src/store';
import { migrations } from '../../../src/store/migrations';

const ALL = Object.keys(migrations);

describe('openStore (SQLite)', () => {
  it('works in memory (sqlite::memory:) and logs the migrations it applied', async () => {
    const logger = createMemoryLogger();
    const store = await openStore({ kind: 'sqlite', filename: ':memory:' }, { logger });
    await store.ping();
    expect(await store.accounts.count()).toBe(0);
    expect(logger.lines.join('')).toContain(`"applied":${JSON.stringify(ALL)}`);
    expect(ALL[0]).toBe('001-initial');
    await store.close();
  });

  it('creates the folder, uses WAL, and records migrations in schema_migrations', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-store-'));
    const file = path.join(dir, 'nested', 'data.db');
    const store = await openStore({ kind: 'sqlite', filename: file });
    await store.close();
    const raw = new SqliteDatabase(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('select name from schema_migrations').all()).toEqual(ALL.map((name) => ({ name })));
    raw.close();
    fs.rmSync(dir, { recursive: true });
  });

  it('can open without migrating, and migrate later', async () => {
    const store = await openStore({ kind: 'sqlite', filename: ':memory:' }, { migrate: false });
    // match on fields, not toThrow: the native driver keeps the error class of the first jest
    // realm that loaded it, so instanceof Error can be false in later test files
    await expect(store.accounts.count()).rejects.toMatchObject({ message: expect.stringMatching(/no such table/) });
    expect(await store.migrate()).toEqual(ALL);
    expect(await store.accounts.count()).toBe(0);
    await store.close();
  });
});
