import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { registerBot } from '../bot';
import type { Config } from '../src/config';
import { createHaloClient } from '../src/halo';
import { startHaloSandbox, type HaloSandbox } from '../src/halo/sandbox';
import type { Logger } from '../src/logging';
import { startImportRecovery } from '../src/import';
import { createVault } from '../src/secrets';
import {
  createHaloImportService,
  type Clock,
  type HaloGateway,
  type HaloImportService,
} from '../src/service';
import { applySeed, loadSeedFile, openStore, type Store } from '../src/store';
import { registerApi, type MountedApi } from './api-routes';

/** Everything the running app exposes to main.ts and to tests. */
export interface RunningApp {
  readonly url: string;
  readonly server: restify.Server;
  readonly store: Store;
  readonly service: HaloImportService;
  readonly api: MountedApi;
  /** the built-in HaloPSA sandbox, when config.halo.sandbox is on */
  readonly sandbox: HaloSandbox | undefined;
  close(): Promise<void>;
}

/** Collaborators a test may replace; production builds them from config. */
export interface StartAppOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** overrides config.port (tests pass 0) */
  readonly port?: number;
  readonly host?: string;
  readonly clock?: Clock;
  /** replaces the HaloPSA client built from config */
  readonly halo?: HaloGateway;
}

/**
 * The composition root: config -> store (+ seed) -> HaloPSA client (+ sandbox) -> service ->
 * one restify server (health, API, static tab, bot endpoint).
 */
export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const { config, logger } = options;
  const clock = options.clock ?? Date.now;

  if (config.database.kind === 'sqlite' && config.database.filename !== ':memory:') {
    fs.mkdirSync(config.dataDir, { recursive: true });
  }
  const store = await openStore(config.database, { logger });
  const closers: (() => Promise<void>)[] = [() => store.close()];
  try {
    if (config.seedFile) {
      const summary = await applySeed(store, loadSeedFile(config.seedFile));
      logger.info('seed applied', { file: config.seedFile, ...summary });
    }
    // imports left `running` by a process that died are marked failed (now and every lease)
    const recovery = await startImportRecovery(store, { clock, logger });
    closers.unshift(() => recovery.stop());

    const sandbox = config.halo.sandbox
      ? await startHaloSandbox({
          // an app on an OS-chosen port (tests) puts its sandbox on one too, so parallel apps never collide
          port: options.port === 0 ? 0 : config.halo.sandboxPort,
          host: '127.0.0.1',
          rateLimit: config.halo.rateLimit,
        })
      : undefined;
    if (sandbox) closers.unshift(() => sandbox.close());

    const halo =
      options.halo ??
      createHaloClient({
        allowPrivateUrls: config.halo.allowPrivateUrls,
        scope: config.halo.scope,
        rateLimit: config.halo.rateLimit,
        interactiveWaitMs: config.halo.interactiveWaitMs,
        logger,
      });
    const service = createHaloImportService({
      store,
      halo,
      vault: createVault(config.secrets),
      clock,
      logger,
      previewCacheTtlMs: config.previewCache.ttlMs,
    });

    const server = restify.createServer({ name: 'halo-import', handleUncaughtExceptions: false });
    server.pre(restify.plugins.pre.dedupeSlashes());
    server.get('/healthz', (_req, res, next) => {
      res.send(200, { status: 'ok' });
      next();
    });
    server.get('/readyz', (_req, res, next) => {
      store
        .ping()
        .then(
          () => res.send(200, { status: 'ready' }),
          (error: unknown) => {
            logger.warn('readiness check failed', { error });
            res.send(503, { status: 'database unavailable' });
          },
        )
        .finally(() => next());
    });
    const deps = { config, service, logger, clock };
    const api = registerApi(server, { ...deps, kv: store.kv });
    registerBot(server, { ...deps, kv: store.kv });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? config.port, options.host ?? '127.0.0.1', () => resolve());
    });
    closers.unshift(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
    logger.info('server listening', { url });

    return { url, server, store, service, api, sandbox, close: () => closeAll(closers) };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function closeAll(closers: readonly (() => Promise<void>)[]): Promise<void> {
  for (const close of closers) await close();
}
