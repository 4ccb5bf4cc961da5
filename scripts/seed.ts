/**
 * `npm run seed -- <file>`: applies a JSON seed (spec §6) to the configured database.
 * Idempotent: applying the same file again changes nothing.
 */
import { loadConfig, readOrCreateDevKey } from '../src/config';
import { isAppError } from '../src/errors';
import { createJsonLogger } from '../src/logging';
import { applySeed, loadSeedFile, openStore } from '../src/store';

async function main(argv: readonly string[]): Promise<number> {
  const file = argv[0];
  if (!file || argv.length > 1) {
    console.error('Usage: npm run seed -- <seed.json>   (applies one JSON seed to DATABASE_URL)');
    return 2;
  }
  const config = loadConfig(process.env, { readOrCreateDevKey });
  const seed = loadSeedFile(file);
  const store = await openStore(config.database, { logger: createJsonLogger({ level: 'warn' }) });
  try {
    const summary = await applySeed(store, seed);
    console.log(
      `Seed ${file} applied to ${config.database.kind}: ${summary.resellers} resellers, ${summary.teams} teams, ` +
        `${summary.admins} admins; ${summary.accountsCreated} new accounts, ${summary.membersAdded} new memberships.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(isAppError(e) ? e.message : e);
    process.exit(1);
  },
);
