import fs from 'node:fs';
import path from 'node:path';
import type restify from 'restify';
import { projectRoot } from '../src/config';

/**
 * Hosts that may frame the tab (Teams web/desktop, Outlook and the Microsoft 365 app), plus
 * 'self' so a same-origin page (the browser test's Teams stand-in) can frame it too.
 */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.skype.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://local.teams.office.com',
  'https://*.teams.microsoft.us',
  'https://gov.teams.microsoft.us',
  'https://dod.teams.microsoft.us',
];

/** The tab's Content-Security-Policy: Griffel (Fluent) injects style tags, hence 'unsafe-inline' for styles only. */
export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // teams-js fetches its list of valid Teams origins from this CDN (it falls back to a built-in list)
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** Client-side routes of the single-page app: all answer index.html. */
export const SPA_ROUTES = new Set(['/tab/', '/tab/index.html', '/tab/config', '/tab/about', '/tab/privacy', '/tab/terms']);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Where the built tab lives, from the sources (tsx, jest) or from dist/. */
export function defaultTabDir(): string {
  return path.join(projectRoot(), 'tab', 'dist');
}

/**
 * Serves tab/dist under /tab/ with the CSP that lets Teams frame it. Hashed assets are cached for
 * a year; index.html never, so a new build is picked up at once.
 */
export function registerStaticTab(server: restify.Server, options: { tabDir?: string } = {}): void {
  const root = path.resolve(options.tabDir ?? defaultTabDir());

  server.get('/tab', (_req, res, next) => {
    res.writeHead(301, { location: '/tab/' });
    res.end();
    next();
  });
  server.get('/tab/*', (req, res, next) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = SPA_ROUTES.has(pathname) ? path.join(root, 'index.html') : resolveInside(root, pathname.slice('/tab/'.length));
    const security = { 'content-security-policy': TAB_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' };
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...security });
      res.end('Not found');
      next();
      return;
    }
    fs.readFile(file, (error, data) => {
      if (error) {
        const missingBuild = file.endsWith('index.html');
        res.writeHead(missingBuild ? 503 : 404, { 'content-type': 'text/plain; charset=utf-8', ...security });
        res.end(missingBuild ? 'The tab is not built yet: run "npm run build:tab", then reload.' : 'Not found');
      } else {
        const immutable = pathname.startsWith('/tab/assets/');
        res.writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          ...security,
        });
        res.end(data);
      }
      next();
    });
  });
}

function resolveInside(root: string, relative: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  const full = path.resolve(root, decoded);
  return full.startsWith(root + path.sep) ? full : undefined;
}
