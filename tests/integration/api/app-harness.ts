import type { AddressInfo } from 'node:net';
import path from 'node:path';
import restify from 'restify';
import { registerApi } from '../../../server/api-routes';
import { loadConfig, projectRoot, type Config } from '../../../src/config';
import { createHaloClient } from '../../../src/halo';
import { startHaloSandbox, type HaloSandbox } from '../../../src/halo/sandbox';
import { createMemoryLogger } from '../../../src/logging';
import { createVault } from '../../../src/secrets';
import { createHaloImportService } from '../../../src/service';
import { applySeed, loadSeedFile, openStore, type Store } from '../../../src/store';

/** What a journey test needs: the same shape startApp will resolve to. */
export interface TestApp {
  readonly url: string;
  readonly server: restify.Server;
  readonly store: Store;
  readonly sandbox: HaloSandbox;
  readonly config: Config;
  readonly logger: ReturnType<typeof createMemoryLogger>;
  close(): Promise<void>;
}

/**
 * The composition root in small, from the committed pieces (store, seed, vault, HaloPSA client,
 * sandbox, service, API), until server/start-app.ts wires them: SQLite in memory, the demo seed,
 * AUTH_MODE=dev, the sandbox on loopback.
 */
export async function startTestApp(options: { extraRoutes?: (server: restify.Server) => void } = {}): Promise<TestApp> {
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
    HALO_SANDBOX: 'true',
    AUTH_MODE: 'dev',
    SEED_FILE: path.join(projectRoot(), 'scripts', 'seeds', 'demo.json'),
  });
  const logger = createMemoryLogger();
  const store = await openStore(config.database, { logger });
  await applySeed(store, loadSeedFile(config.seedFile as string));
  const sandbox = await startHaloSandbox({ rateLimit: false });
  const service = createHaloImportService({
    store,
    halo: createHaloClient({ allowPrivateUrls: true, logger }),
    vault: createVault(config.secrets),
    clock: Date.now,
    logger,
  });
  const server = restify.createServer({ name: 'halo-import-test', handleUncaughtExceptions: false });
  registerApi(server, { config, service, logger, clock: Date.now });
  options.extraRoutes?.(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    store,
    sandbox,
    config,
    logger,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
      await store.close();
    },
  };
}
