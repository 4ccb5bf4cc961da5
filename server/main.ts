import { loadConfig, readOrCreateDevKey, type Config } from '../src/config';
import { isAppError } from '../src/errors';
import { createJsonLogger } from '../src/logging';
import { startApp, type RunningApp } from './start-app';

async function main(): Promise<void> {
  const logger = createJsonLogger({ level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  const config = loadConfig(process.env, { readOrCreateDevKey });
  const app = await startApp({ config, logger, host: process.env.HOST ?? '0.0.0.0' });
  if (!config.production) process.stdout.write(banner(config, app));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** What a person needs to try the demo, printed once at start. */
function banner(config: Config, app: RunningApp): string {
  const port = new URL(app.url).port;
  const base = `http://localhost:${port}`;
  const lines = [
    '',
    'Halo Import is running.',
    '',
    `  Tab (signed in as Ada Admin, reseller admin):  ${base}/tab/`,
    `  Same tab as Carl Client (client admin):        ${base}/tab/?as=carl`,
    `  Bot endpoint:                                   ${base}/api/messages`,
    `  Health:                                         ${base}/healthz  ${base}/readyz`,
  ];
  if (app.sandbox) {
    lines.push(
      '',
      '  HaloPSA sandbox (enter these in "Connect HaloPSA"):',
      `    Base URL       ${app.sandbox.url}`,
      `    Tenant ID      ${app.sandbox.tenant}`,
      `    Client ID      ${app.sandbox.clientId}`,
      `    Client Secret  ${app.sandbox.clientSecret}   (sandbox only: not a real secret)`,
    );
  }
  lines.push(
    '',
    '  Chat with the bot in the Microsoft 365 Agents Playground (a second terminal):',
    '    npm run playground',
    '',
    `  Data: ${config.database.kind === 'sqlite' ? config.database.filename : 'PostgreSQL'}   Stop: Ctrl+C`,
    '',
  );
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  // A bad configuration is the common case: print just its message, which names the variable.
  console.error(isAppError(error) ? `Cannot start: ${error.message}` : error);
  process.exit(1);
});
