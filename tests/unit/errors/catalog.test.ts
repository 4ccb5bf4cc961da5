import { AppError, errorCatalog, toAppError } from '../../../src/errors';

describe('error catalog', () => {
  it.each(Object.entries(errorCatalog))('%s has a status and words that say what to do', (_code, entry) => {
    expect([400, 401, 403, 404, 409, 413, 422, 429, 500, 502]).toContain(entry.status);
    expect(entry.message.length).toBeGreaterThan(15);
    expect(entry.message).toMatch(/[.!]$/);
  });

  it('keeps the log detail out of the wire shape', () => {
    const e = new AppError('halo_invalid_client', { detail: 'HTTP 401 from https://x/auth/token' });
    expect(JSON.stringify(e)).not.toContain('HTTP 401');
    expect(e.toJSON()).toEqual({ error: { code: 'halo_invalid_client', message: errorCatalog.halo_invalid_client.message } });
    expect(e.status).toBe(422);
  });

  it('wraps unknown throwables as internal errors with the original as cause', () => {
    const original = new TypeError('boom');
    const wrapped = toAppError(original);
    expect(wrapped.code).toBe('internal');
    expect(wrapped.cause).toBe(original);
    expect(wrapped.message).not.toContain('boom');
  });
});
