/** How ids are written in answers: Halo sends `12`, sometimes `12.0`, sometimes `"12"`. */
export type IdStyle = 'int' | 'decimal' | 'string';

/** Limits a fault to requests whose path matches (case-insensitive, e.g. `/api/users`). */
export interface FaultScope {
  readonly path?: string;
}

/** Switches that make the sandbox misbehave the ways Halo does (halopsa-api.md §3, §5). */
export interface FaultControl {
  /** the next `times` requests get 429, with `Retry-After: <seconds>` when given */
  rateLimit(times: number, options?: FaultScope & { retryAfterSeconds?: number }): void;
  /** the next `times` requests get a 500 HTML "Sorry, something went wrong" page */
  serverError(times: number, options?: FaultScope): void;
  /** the next `times` requests get a 200 HTML login page instead of JSON */
  htmlPage(times: number, options?: FaultScope): void;
  /** the next `times` requests are answered `ms` late */
  slow(times: number, ms: number, options?: FaultScope): void;
  /** every token issued so far expires now */
  expireTokens(): void;
  /** the next `times` user pages (only page `pageNo` when given) come back empty */
  emptyPage(options?: { pageNo?: number; times?: number }): void;
  /** `record_count` claims `extra` more rows than exist */
  inflateRecordCount(extra: number): void;
  /** lists answer a bare array instead of `{record_count, …}` */
  bareArray(on?: boolean): void;
  idStyle(style: IdStyle): void;
  /** `GET /api/authinfo` answers 404 */
  authInfoMissing(on?: boolean): void;
  /** API calls answer 403 (the application lacks permission) */
  forbidden(on?: boolean): void;
  /** `/api/Client` answers an empty list (the agent cannot see any client) */
  hideClients(on?: boolean): void;
  /** back to a well-behaved server */
  reset(): void;
}

interface Counted {
  remaining: number;
  readonly path: string | undefined;
}

/** The fault state the server reads on every request. */
export interface FaultState {
  readonly control: FaultControl;
  /** consumes one matching counted fault of that kind */
  take<K extends CountedKind>(kind: K, path: string): CountedFault[K] | undefined;
  takeEmptyPage(pageNo: number): boolean;
  readonly flags: {
    /** tokens of an older generation are expired */
    tokenGeneration: number;
    inflate: number;
    bareArray: boolean;
    idStyle: IdStyle;
    authInfoMissing: boolean;
    forbidden: boolean;
    hideClients: boolean;
  };
}

interface CountedFault {
  rateLimit: Counted & { readonly retryAfterSeconds: number | undefined };
  serverError: Counted;
  htmlPage: Counted;
  slow: Counted & { readonly ms: number };
}
type CountedKind = keyof CountedFault;

/** Creates the switches and the state behind them. */
export function createFaults(): FaultState {
  const queues: { [K in CountedKind]: CountedFault[K][] } = {
    rateLimit: [],
    serverError: [],
    htmlPage: [],
    slow: [],
  };
  const emptyPages: { pageNo: number | undefined; remaining: number }[] = [];
  const initial = (tokenGeneration = 0) => ({
    tokenGeneration,
    inflate: 0,
    bareArray: false,
    idStyle: 'int' as IdStyle,
    authInfoMissing: false,
    forbidden: false,
    hideClients: false,
  });
  const flags = initial();
  const norm = (p: string | undefined) => p?.toLowerCase();

  const control: FaultControl = {
    rateLimit: (times, o = {}) =>
      void queues.rateLimit.push({
        remaining: times,
        path: norm(o.path),
        retryAfterSeconds: o.retryAfterSeconds,
      }),
    serverError: (times, o = {}) =>
      void queues.serverError.push({ remaining: times, path: norm(o.path) }),
    htmlPage: (times, o = {}) =>
      void queues.htmlPage.push({ remaining: times, path: norm(o.path) }),
    slow: (times, ms, o = {}) =>
      void queues.slow.push({ remaining: times, path: norm(o.path), ms }),
    expireTokens: () => {
      flags.tokenGeneration++;
    },
    emptyPage: (o = {}) => void emptyPages.push({ pageNo: o.pageNo, remaining: o.times ?? 1 }),
    inflateRecordCount: (extra) => {
      flags.inflate = extra;
    },
    bareArray: (on = true) => {
      flags.bareArray = on;
    },
    idStyle: (style) => {
      flags.idStyle = style;
    },
    authInfoMissing: (on = true) => {
      flags.authInfoMissing = on;
    },
    forbidden: (on = true) => {
      flags.forbidden = on;
    },
    hideClients: (on = true) => {
      flags.hideClients = on;
    },
    reset: () => {
      for (const q of Object.values(queues)) q.length = 0;
      emptyPages.length = 0;
      // tokens expired by a fault stay expired
      Object.assign(flags, initial(flags.tokenGeneration));
    },
  };

  return {
    control,
    flags,
    take(kind, path) {
      const queue = queues[kind] as CountedFault[typeof kind][];
      const p = path.toLowerCase();
      const fault = queue.find((f) => f.remaining > 0 && (f.path === undefined || f.path === p));
      if (!fault) return undefined;
      fault.remaining--;
      if (fault.remaining === 0) queue.splice(queue.indexOf(fault), 1);
      return fault;
    },
    takeEmptyPage(pageNo) {
      const fault = emptyPages.find(
        (f) => f.remaining > 0 && (f.pageNo === undefined || f.pageNo === pageNo),
      );
      if (!fault) return false;
      fault.remaining--;
      if (fault.remaining === 0) emptyPages.splice(emptyPages.indexOf(fault), 1);
      return true;
    },
  };
}
