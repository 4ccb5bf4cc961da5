import { app, authentication } from '@microsoft/teams-js';

/** The Teams theme names, as the host reports them. */
export type TeamsTheme = 'default' | 'dark' | 'contrast';

/** Where the tab runs and how it gets a token. */
export interface Host {
  readonly mode: 'teams' | 'standalone';
  readonly theme: TeamsTheme;
  /** 'settings' on the configuration page, 'content' in the tab */
  readonly frameContext: string | undefined;
  /** a fresh token for each API call; never stored outside memory */
  getToken(): Promise<string>;
  /** calls back on theme changes; returns nothing to undo (Teams keeps one handler) */
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
}

/** The demo identities a `?as=` can name (docs/demo-identities.md). */
export const DEMO_IDENTITIES: Record<string, string> = {
  ada: '11111111-1111-4111-8111-111111111111',
  rita: '22222222-2222-4222-8222-222222222222',
  carl: '33333333-3333-4333-8333-333333333333',
  nora: '44444444-4444-4444-8444-444444444444',
  uma: '55555555-5555-4555-8555-555555555555',
};

const INIT_TIMEOUT_MS = 5000;

/**
 * Connects to Teams; outside Teams (a plain browser, the demo) `app.initialize()` rejects at once
 * and, in a foreign frame, would wait forever: both fall back to the dev sign-in.
 */
export async function connectHost(location: Location = window.location): Promise<Host> {
  try {
    await withTimeout(app.initialize(), INIT_TIMEOUT_MS);
    const context = await app.getContext();
    app.notifySuccess();
    return {
      mode: 'teams',
      theme: asTheme(context.app.theme),
      frameContext: context.page.frameContext,
      getToken: () => authentication.getAuthToken(),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((t) => handler(asTheme(t))),
    };
  } catch {
    return standaloneHost(location);
  }
}

/** The demo: a token from the server's dev issuer for `?as=<name or object id>` (Ada Admin by default). */
export function standaloneHost(location: Location, doFetch: typeof fetch = (i, init) => fetch(i, init)): Host {
  const params = new URLSearchParams(location.search);
  const as = (params.get('as') ?? 'ada').trim();
  const oid = DEMO_IDENTITIES[as.toLowerCase()] ?? as;
  const themeParam = params.get('theme');
  const theme: TeamsTheme = themeParam === 'dark' || themeParam === 'contrast' ? themeParam : 'default';
  let cached: { token: string; until: number } | undefined;
  return {
    mode: 'standalone',
    theme,
    frameContext: location.pathname.endsWith('/config') ? 'settings' : 'content',
    async getToken() {
      if (cached && cached.until > Date.now()) return cached.token;
      const res = await doFetch('/dev-auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ oid }),
      });
      const body = (await res.json().catch(() => undefined)) as { token?: string; expiresIn?: number; error?: { message?: string } } | undefined;
      if (!res.ok || !body?.token) {
        throw new Error(
          res.status === 404
            ? 'open this tab inside Microsoft Teams: outside Teams, sign-in only works in the demo'
            : (body?.error?.message ?? `the demo sign-in answered HTTP ${res.status}`),
        );
      }
      cached = { token: body.token, until: Date.now() + ((body.expiresIn ?? 3600) - 60) * 1000 };
      return body.token;
    },
    onThemeChange() {},
  };
}

function asTheme(value: string | undefined): TeamsTheme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Teams did not answer')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
