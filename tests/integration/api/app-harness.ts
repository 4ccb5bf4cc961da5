import path from 'node:path';
import type restify from 'restify';
import { startApp } from '../../../server/start-app';
import { loadConfig, projectRoot, type Config } from '../../../src/config';
import type { HaloSandbox } from '../../../src/halo/sandbox';
import { createMemoryLogger } from '../../../src/logging';
import type { Store } from '../../../src/store';

/** What a journey test needs from the running app. */
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
 * The real composition root (startApp) on port 0: SQLite in memory, the demo seed, AUTH_MODE=dev
 * (the default outside production) and the HaloPSA sandbox on loopback. `extraRoutes` lets a
 * browser test add its Teams host stand-in on the same origin.
 */
export async function startTestApp(options: { extraRoutes?: (server: restify.Server) => void } = {}): Promise<TestApp> {
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
    HALO_SANDBOX: 'true',
    SEED_FILE: path.join(projectRoot(), 'scripts', 'seeds', 'demo.json'),
  });
  const logger = createMemoryLogger();
  const app = await startApp({ config, logger, port: 0 });
  if (!app.sandbox) {
    await app.close();
    throw new Error('startApp did not start the HaloPSA sandbox although HALO_SANDBOX=true');
  }
  options.extraRoutes?.(app.server);
  return { url: app.url, server: app.server, store: app.store, sandbox: app.sandbox, config, logger, close: () => app.close() };
}
