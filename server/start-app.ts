import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Config } from '../src/config';
import type { Logger } from '../src/logging';

/** Everything the running app exposes to main.ts and to tests. */
export interface RunningApp {
  readonly url: string;
  readonly server: restify.Server;
  close(): Promise<void>;
}

/** Collaborators a test may replace; production builds them from config. */
export interface StartAppOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** overrides config.port (tests pass 0) */
  readonly port?: number;
  readonly host?: string;
}

/**
 * The composition root: config -> store -> services -> one restify server
 * (health, API, bot endpoint, static tab).
 */
export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const { config, logger } = options;
  const server = restify.createServer({ name: 'halo-import', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.dedupeSlashes());

  let ready = false;
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.get('/readyz', (_req, res, next) => {
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'starting' });
    next();
  });

  // --- store, HaloPSA, service, API, bot and tab are mounted here (see README architecture) ---

  await new Promise<void>((resolve) => server.listen(options.port ?? config.port, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  ready = true;
  logger.info('server listening', { url });

  return {
    url,
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
