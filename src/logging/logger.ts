/** Structured fields of a log line. Never put a secret here. */
export type LogFields = Readonly<Record<string, unknown>>;

/** The logging port: adapters and services log through this, tests capture it. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Field names whose values are dropped whatever they hold: a last line of defence. */
const REDACTED_KEYS = /secret|password|token|authorization|cookie|key$/i;

/** JSON lines to a writable (stdout by default). */
export function createJsonLogger(
  options: { level?: Level; write?: (line: string) => void; now?: () => Date } = {},
): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? (() => new Date());
  const log = (level: Level) => (message: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    write(`${JSON.stringify({ time: now().toISOString(), level, message, ...redact(fields) })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that keeps lines in memory: for tests that assert what was (not) logged. */
export function createMemoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return { ...createJsonLogger({ level: 'debug', write: (l) => lines.push(l) }), lines };
}

/** Drops nothing-to-see loggers' output. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function redact(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (REDACTED_KEYS.test(k)) out[k] = '[redacted]';
    else if (v instanceof Error) out[k] = { name: v.name, message: v.message };
    else out[k] = v;
  }
  return out;
}
