/**
 * jest globalSetup: starts a throwaway PostgreSQL 15 cluster (about 1 s) and exports
 * TEST_POSTGRES_URL, so the store contract suite and the import tests also run on PostgreSQL.
 * Does nothing when TEST_POSTGRES_URL is already set, when TEST_POSTGRES=0, or when the server
 * binaries are missing (the suites then run on SQLite only). Pair with postgres-teardown.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  readonly dir: string;
  readonly port: number;
  readonly url: string;
  stop(): void;
}

declare global {
  var __haloPostgresCluster: PostgresCluster | undefined;
}

export default async function setup(): Promise<void> {
  if (process.env.TEST_POSTGRES_URL || process.env.TEST_POSTGRES === '0') return;
  if (!fs.existsSync(path.join(BIN, 'initdb'))) {
    // CI must prove both databases; a developer machine without PostgreSQL runs SQLite only
    if (process.env.CI) throw new Error(`PostgreSQL server binaries are missing at ${BIN}: apt-get install -y postgresql`);
    return;
  }
  const cluster = await startCluster();
  globalThis.__haloPostgresCluster = cluster;
  process.env.TEST_POSTGRES_URL = cluster.url;
}

/** initdb + pg_ctl start on a free loopback port, as the postgres user when running as root. */
export async function startCluster(): Promise<PostgresCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'halo-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(BIN, bin), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(BIN, bin), args, { stdio: 'pipe' });
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const port = await freePort();
  run('initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-locale', '-E', 'UTF8']);
  run('pg_ctl', [
    '-D', dir,
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    '-l', path.join(dir, 'server.log'),
    '-w', 'start',
  ]);
  return {
    dir,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
