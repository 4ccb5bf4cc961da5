import { loadConfig, readOrCreateDevKey } from '../src/config';
import { isAppError } from '../src/errors';
import { createJsonLogger } from '../src/logging';
import { startApp } from './start-app';

async function main(): Promise<void> {
  const logger = createJsonLogger();
  const config = loadConfig(process.env, { readOrCreateDevKey });
  const app = await startApp({ config, logger, host: process.env.HOST ?? '0.0.0.0' });
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // A bad configuration is the common case: print just its message, which names the variable.
  console.error(isAppError(error) ? `Cannot start: ${error.message}` : error);
  process.exit(1);
});
