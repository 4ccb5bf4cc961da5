import type { z } from 'zod';
import { AppError, toAppError } from '../../src/errors';
import { type ActionData, type AdaptiveCard, type Verb, errorCard } from '../cards';
import type { JourneyContext } from '../journey';
import { VERB_TABLE } from './verb-table';

/**
 * Runs one verb and always returns a card: bad data, refusals and HaloPSA failures become an
 * error card with the reason and a way forward. Never logs the action data (it may hold a secret).
 */
export async function runVerb(t: JourneyContext, verb: Verb, rawData: unknown): Promise<AdaptiveCard> {
  const { schema, run } = VERB_TABLE[verb];
  return guardStep(t, { verb, data: rawData }, async () => {
    const parsed = schema.safeParse(rawData ?? {});
    if (!parsed.success) {
      throw new AppError('bad_request', { message: firstMessage(parsed.error), detail: `verb ${verb}: ${describeIssues(parsed.error)}` });
    }
    return run(t, parsed.data);
  });
}

/** Runs a step; a failure becomes an error card whose Retry replays `retry` (secrets removed). */
export async function guardStep(
  t: JourneyContext,
  retry: { readonly verb: Verb; readonly data: unknown },
  step: () => Promise<AdaptiveCard>,
): Promise<AdaptiveCard> {
  try {
    return await step();
  } catch (thrown) {
    const error = toAppError(thrown);
    const fields = { verb: retry.verb, code: error.code, detail: error.detail };
    if (error.status >= 500) t.logger.error('bot action failed', fields);
    else t.logger.info('bot action refused', fields);
    const teamId = teamIdOf(retry.data);
    return errorCard({
      code: error.code,
      message: error.message,
      retry: { verb: retry.verb, data: retryData(retry.data) },
      ...(teamId ? { teamId } : {}),
    });
  }
}

function firstMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The card sent something I cannot read. Start again with “help”.';
  // zod's own wording ("Invalid input") helps nobody: name the field instead.
  const field = issue.path.join('.');
  return /^(Invalid|Expected|Required|Too big|Too small|Unrecognized)/.test(issue.message) ? `“${field}” is missing or not valid. Fill it in and try again.` : issue.message;
}

/** Paths and codes only: the values may be secrets. */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; ');
}

function retryData(raw: unknown): ActionData {
  if (!raw || typeof raw !== 'object') return {};
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

function teamIdOf(raw: unknown): string | undefined {
  const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).teamId : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

