import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import type { Config, SecretKey } from './config.types';
import { envBoolean, envPort, envText } from './env-parsers';
import { projectRoot } from './project-root';

const envSchema = z.object({
  NODE_ENV: envText,
  PORT: envPort,
  PUBLIC_URL: envText.pipe(z.url({ message: 'must be an absolute URL such as https://app.example.com' }).optional()),
  DATA_DIR: envText,
  DATABASE_URL: envText.refine(
    (v) => v === undefined || /^(sqlite:|postgres(ql)?:\/\/)/.test(v),
    'must start with sqlite: (e.g. sqlite:data/halo-import.db or sqlite::memory:) or postgres://',
  ),
  SECRET_KEY: envText,
  SECRET_KEY_PREVIOUS: envText,
  SEED_FILE: envText,
  AUTH_MODE: envText.pipe(z.enum(['dev', 'entra'], { message: 'must be dev or entra' }).optional()),
  AUTH_CLIENT_ID: envText,
  AUTH_ISSUER: envText,
  AUTH_JWKS_URL: envText,
  BOT_ID: envText,
  BOT_PASSWORD: envText,
  BOT_TYPE: envText.pipe(
    z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI'], {
      message: 'must be SingleTenant, MultiTenant or UserAssignedMSI',
    }).optional(),
  ),
  BOT_TENANT_ID: envText,
  HALO_ALLOW_PRIVATE_URLS: envBoolean,
  HALO_SANDBOX: envBoolean,
  HALO_SANDBOX_PORT: envPort,
  HALO_SCOPE: envText,
  HALO_RATE_LIMIT_REQUESTS: envPort,
  HALO_RATE_LIMIT_WINDOW_SECONDS: envPort,
  HALO_INTERACTIVE_WAIT_SECONDS: envPort,
  PREVIEW_CACHE_SECONDS: envPort,
});

/** Side effects the loader may need, injected so tests stay pure. */
export interface LoadConfigOptions {
  /** returns the demo key from dataDir, creating it if needed (never called in production) */
  readonly readOrCreateDevKey?: (dataDir: string) => string;
  /** where the demo seed lives (default seed outside production) */
  readonly demoSeedFile?: string;
}

const DEFAULT_DEMO_SEED = path.join(projectRoot(), 'scripts', 'seeds', 'demo.json');

/**
 * Builds the one frozen config from environment variables. Fails fast with an AppError
 * (`config_invalid`) whose message names every bad variable and what to do.
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw invalid(`Invalid environment: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const port = e.PORT ?? 3978;
  const dataDir = path.resolve(e.DATA_DIR ?? 'data');

  const authMode = e.AUTH_MODE ?? (production ? 'entra' : 'dev');
  if (production && authMode === 'dev') {
    throw invalid('AUTH_MODE=dev is refused when NODE_ENV=production: use AUTH_MODE=entra.');
  }
  const botId = e.BOT_ID ?? '';
  if (production && botId === '') {
    throw invalid('BOT_ID is required when NODE_ENV=production (an empty BOT_ID disables bot authentication).');
  }
  if (production && e.BOT_PASSWORD === undefined && (e.BOT_TYPE ?? 'SingleTenant') !== 'UserAssignedMSI') {
    throw invalid('BOT_PASSWORD is required when NODE_ENV=production.');
  }
  const authClientId = e.AUTH_CLIENT_ID ?? (production ? undefined : 'halo-import-dev');
  if (authClientId === undefined) {
    throw invalid('AUTH_CLIENT_ID is required when NODE_ENV=production (the Entra app id of the tab).');
  }

  let generated = false;
  let currentRaw = e.SECRET_KEY;
  if (currentRaw === undefined) {
    if (production || !options.readOrCreateDevKey) {
      throw invalid('SECRET_KEY is required: base64 of 32 random bytes (openssl rand -base64 32).');
    }
    currentRaw = options.readOrCreateDevKey(dataDir);
    generated = true;
  }

  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const config: Config = {
    production,
    port,
    publicUrl,
    dataDir,
    database: parseDatabaseUrl(e.DATABASE_URL ?? 'sqlite:data/halo-import.db'),
    secrets: {
      current: parseKey('SECRET_KEY', currentRaw),
      previous: e.SECRET_KEY_PREVIOUS ? parseKey('SECRET_KEY_PREVIOUS', e.SECRET_KEY_PREVIOUS) : undefined,
      generated,
    },
    seedFile: e.SEED_FILE ?? (production ? undefined : (options.demoSeedFile ?? DEFAULT_DEMO_SEED)),
    auth: {
      mode: authMode,
      clientId: authClientId,
      issuer:
        e.AUTH_ISSUER ??
        (authMode === 'dev' ? `${publicUrl}/dev-auth` : 'https://login.microsoftonline.com/{tenantid}/v2.0'),
      jwksUrl:
        e.AUTH_JWKS_URL ??
        (authMode === 'dev'
          ? `${publicUrl}/dev-auth/keys`
          : 'https://login.microsoftonline.com/common/discovery/v2.0/keys'),
    },
    bot: {
      id: botId,
      password: e.BOT_PASSWORD ?? '',
      type: e.BOT_TYPE ?? 'SingleTenant',
      tenantId: e.BOT_TENANT_ID ?? '',
    },
    halo: {
      allowPrivateUrls: e.HALO_ALLOW_PRIVATE_URLS ?? !production,
      sandbox: e.HALO_SANDBOX ?? !production,
      sandboxPort: e.HALO_SANDBOX_PORT ?? (port === 0 ? 0 : port + 1),
      scope: e.HALO_SCOPE ?? 'all',
      rateLimit: {
        requests: e.HALO_RATE_LIMIT_REQUESTS ?? 300,
        windowMs: (e.HALO_RATE_LIMIT_WINDOW_SECONDS ?? 300) * 1000,
      },
      interactiveWaitMs: (e.HALO_INTERACTIVE_WAIT_SECONDS ?? 5) * 1000,
    },
    previewCache: {
      ttlMs: (e.PREVIEW_CACHE_SECONDS ?? 30) * 1000,
    },
  };
  return deepFreeze(config);
}

function parseDatabaseUrl(url: string): Config['database'] {
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length);
    if (rest === '') throw invalid('DATABASE_URL sqlite: needs a file name, e.g. sqlite:data/halo-import.db');
    return { kind: 'sqlite', filename: rest === ':memory:' ? ':memory:' : path.resolve(rest) };
  }
  return { kind: 'postgres', url };
}

function parseKey(name: string, raw: string): SecretKey {
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== raw.replace(/=+$/, '')) {
    throw invalid(`${name} must be base64 of exactly 32 bytes (openssl rand -base64 32).`);
  }
  return { key, id: keyId(key) };
}

/** A short, non-secret fingerprint of a key, stored beside each ciphertext. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('halo-import key id').update(key).digest('hex').slice(0, 12);
}

function invalid(message: string): AppError {
  return new AppError('config_invalid', { message, detail: message });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
