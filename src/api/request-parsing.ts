import type { z } from 'zod';
import { AppError } from '../errors';
import { header, type ApiRequest } from './http-types';

/** Parses the JSON body against a schema; every failure is a 400 that names the field. */
export function parseJsonBody<S extends z.ZodType>(req: ApiRequest, schema: S): z.output<S> {
  const raw = req.body;
  if (!raw || raw.length === 0) {
    throw new AppError('bad_request', { message: 'The request needs a JSON body. Send the fields as JSON.' });
  }
  const type = header(req, 'content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type.trim())) {
    throw new AppError('bad_request', {
      message: 'Send the body as JSON with the header Content-Type: application/json.',
      detail: `content-type ${type}`,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new AppError('bad_request', {
      message: 'The request body is not valid JSON. Check the quotes, commas and brackets.',
      detail: String(error),
    });
  }
  return parseWith(schema, value, 'body');
}

/** Parses any value against a schema, turning zod's issues into one readable 400 message. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // zod's messages describe the expected shape and never echo the input, so no secret leaks here
  const problems = result.error.issues.slice(0, 5).map((i) => {
    const field = i.path.length > 0 ? i.path.join('.') : where;
    return `${field}: ${i.message}`;
  });
  throw new AppError('bad_request', {
    message: `The request is not valid: ${problems.join('; ')}. Correct it and try again.`,
    detail: `${where} failed validation`,
  });
}
