/** A framework-free HTTP request, as the restify adapter hands it over. */
export interface ApiRequest {
  readonly method: string;
  /** the path only, e.g. `/api/v1/teams/team-x/preview` */
  readonly path: string;
  readonly query: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** lower-case header names */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** the raw body; longer than the limit means the adapter stopped reading (413) */
  readonly body: Buffer | undefined;
}

/** The answer; `body` is JSON text or absent (204). */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** Reads one header value (the first, if repeated). */
export function header(req: Pick<ApiRequest, 'headers'>, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : value?.[0];
}
