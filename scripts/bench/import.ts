/**
 * Import of 10,000 HaloPSA users (accounts, memberships, outcomes, audit) in one transaction
 * (spec §8: SQLite <= 1 s, PostgreSQL <= 3 s). SQLite in a fresh file always; PostgreSQL in a
 * fresh database when BENCH_POSTGRES_URL is set. Run alone: `npx tsx scripts/bench/import.ts`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../src/config';
import type { HaloUser } from '../../src/contracts';
import { executeImport } from '../../src/import';
import { openStore } from '../../src/store';
import { type BenchResult, runStandalone } from './bench-result';

const USERS = 10_000;

/** Imports 10,000 users into a fresh, seeded database and times executeImport alone. */
async function measure(database: DatabaseConfig): Promise<{ ms: number; imported: number }> {
  const store = await openStore(database);
  try {
    await store.resellers.upsert({ id: 'bench', name: 'Bench MSP', entraTenantId: 't', requireSecondApprover: false });
    await store.teams.upsert({ id: 'team-bench', resellerId: 'bench', name: 'Bench', maxUsers: null });
    await store.teams.upsert({ id: 'team-warm', resellerId: 'bench', name: 'Warm-up', maxUsers: null });
    // a realistic store: existing accounts, some of which the group shares
    await store.accounts.insertMany(
      Array.from({ length: 20_000 }, (_, i) => ({
        id: `pre-${i}`,
        emailNormalized: `existing${i}@acme.example`,
        email: `existing${i}@acme.example`,
        name: `Existing ${i}`,
        createdAt: new Date().toISOString(),
        source: 'bench',
      })),
    );
    const users: HaloUser[] = Array.from({ length: USERS + 100 }, (_, i) => ({
      id: 1_000 + i,
      name: `Person ${i}`,
      email: i < USERS ? ` Person${i}@Acme.Example ` : `existing${i}@acme.example`,
      site: 'Main',
      inactive: false,
    }));
    const importInto = (teamId: string, group: HaloUser[]) =>
      executeImport(
        store,
        {
          resellerId: 'bench',
          teamId,
          groupId: 20,
          users: group,
          haloUserIds: group.map((u) => u.id),
          idempotencyKey: randomUUID(),
          requestedBy: { adminId: 'bench', name: 'Bench' },
        },
        { clock: Date.now, newId: randomUUID },
      );
    // a running server has imported before: warm the JIT with a small import of other users
    await importInto(
      'team-warm',
      Array.from({ length: 200 }, (_, i) => ({ id: 900_000 + i, name: `Warm ${i}`, email: `warm${i}@acme.example`, site: 'Main', inactive: false })),
    );
    const start = performance.now();
    const result = await importInto('team-bench', users);
    return { ms: performance.now() - start, imported: result.imported.length };
  } finally {
    await store.close();
  }
}

async function sqlite(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  try {
    const { ms, imported } = await measure({ kind: 'sqlite', filename: path.join(dir, 'bench.db') });
    return { name: 'import 10k users (SQLite file)', value: ms, unit: 'ms', target: 1000, kind: 'max', note: `${imported} imported, 100 skipped; after a 200-user warm-up import` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(url: string): Promise<BenchResult> {
  const name = `halo_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin(url, `create database ${name}`);
  try {
    const target = new URL(url);
    target.pathname = `/${name}`;
    const { ms, imported } = await measure({ kind: 'postgres', url: target.toString() });
    return { name: 'import 10k users (PostgreSQL)', value: ms, unit: 'ms', target: 3000, kind: 'max', note: `${imported} imported, 100 skipped; after a 200-user warm-up import` };
  } finally {
    await admin(url, `drop database if exists ${name} with (force)`);
  }
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Runs the import benchmarks. */
export async function run(): Promise<BenchResult[]> {
  const results = [await sqlite()];
  const url = process.env.BENCH_POSTGRES_URL;
  if (url) results.push(await postgres(url));
  return results;
}

if (require.main === module) {
  runStandalone(run);
}
