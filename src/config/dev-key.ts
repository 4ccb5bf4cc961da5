import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Outside production only: keeps a generated SECRET_KEY in `<dataDir>/secret.key` so the demo's
 * stored credentials survive restarts. Warns, because a key next to the data protects nothing.
 */
export function readOrCreateDevKey(dataDir: string, warn: (m: string) => void = console.warn): string {
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  warn(`SECRET_KEY is not set: generated one into ${file} for this demo. Set SECRET_KEY in production.`);
  return key;
}
