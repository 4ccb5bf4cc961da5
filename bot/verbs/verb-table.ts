import { z } from 'zod';
import { haloCredentialsInputSchema } from '../../src/contracts';
import { type AdaptiveCard, type Verb, VERBS, helpCard } from '../cards';
import {
  type JourneyContext,
  approveImport,
  askDisconnect,
  cancelImport,
  changeCredentials,
  chooseTeam,
  confirmDisconnect,
  keepConnection,
  refreshDraft,
  requestImport,
  saveCredentials,
  showStatus,
  showUsers,
} from '../journey';

/** A card input that may come back as "" when nothing was chosen. */
const optionalId = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const teamId = z.string({ message: 'Choose a Team first.' }).trim().min(1, 'Choose a Team first.').max(200);
const draftId = z.string({ message: 'This card has no import request id: start again with “import halo users to <Team>”.' }).trim().min(1).max(200);
/** ChoiceSet values are strings; data written by the bot holds numbers. */
const positiveInt = (message: string) =>
  z.union([z.number(), z.string()], { message }).transform((v, ctx) => {
    const n = typeof v === 'number' ? v : /^\s*\d{1,12}\s*$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isSafeInteger(n) || n <= 0) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });
const groupId = positiveInt('Choose a HaloPSA customer first.');
const page = positiveInt('That page does not exist: go back to the first page.').optional().default(1);
const flag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');
/** `Input.ChoiceSet` with isMultiSelect: "12,15,20" (empty when nothing is ticked). */
const userIds = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const parts = (v ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (parts.length > 50_000) {
      ctx.addIssue({ code: 'custom', message: 'Too many users in one request.' });
      return z.NEVER;
    }
    if (parts.some((s) => !/^\d{1,12}$/.test(s))) {
      ctx.addIssue({ code: 'custom', message: 'The selection is not a list of HaloPSA user ids. Reload the users and select again.' });
      return z.NEVER;
    }
    return [...new Set(parts.map(Number))];
  });

interface VerbEntry<S extends z.ZodType> {
  readonly schema: S;
  readonly run: (t: JourneyContext, data: z.output<S>) => Promise<AdaptiveCard>;
}

const entry = <S extends z.ZodType>(schema: S, run: VerbEntry<S>['run']): VerbEntry<S> => ({ schema, run });
const none = z.looseObject({});

/**
 * The one verb table: each verb parses its `action.data` with zod, then calls one journey step
 * (which checks the caller and calls the service). Unknown keys are ignored.
 */
export const VERB_TABLE: Readonly<Record<Verb, VerbEntry<z.ZodType>>> = {
  [VERBS.chooseTeam]: entry(z.looseObject({ teamId: optionalId }), (t, d) => chooseTeam(t, d.teamId)),
  [VERBS.changeCredentials]: entry(z.looseObject({ teamId: optionalId }), (t, d) => changeCredentials(t, d.teamId)),
  [VERBS.saveCredentials]: entry(
    haloCredentialsInputSchema.extend({ teamId: optionalId }),
    (t, d) => saveCredentials(t, { tenantId: d.tenantId, clientId: d.clientId, clientSecret: d.clientSecret, baseUrl: d.baseUrl }, d.teamId),
  ),
  [VERBS.loadUsers]: entry(z.looseObject({ teamId, groupId }), (t, d) => showUsers(t, d.teamId, d.groupId, 1)),
  [VERBS.page]: entry(z.looseObject({ teamId, groupId, page }), (t, d) => showUsers(t, d.teamId, d.groupId, d.page)),
  [VERBS.requestImport]: entry(
    z.looseObject({ teamId, groupId, page, userIds, allImportable: flag.optional() }),
    (t, d) =>
      requestImport(t, {
        teamId: d.teamId,
        groupId: d.groupId,
        page: d.page,
        selection: d.allImportable ? { kind: 'allImportable' } : { kind: 'ids', haloUserIds: d.userIds ?? [] },
      }),
  ),
  [VERBS.approveImport]: entry(z.looseObject({ draftId }), (t, d) => approveImport(t, d.draftId)),
  [VERBS.cancelImport]: entry(z.looseObject({ draftId }), (t, d) => cancelImport(t, d.draftId)),
  [VERBS.refreshDraft]: entry(z.looseObject({ draftId }), (t, d) => refreshDraft(t, d.draftId)),
  [VERBS.disconnect]: entry(none, (t) => askDisconnect(t)),
  [VERBS.confirmDisconnect]: entry(none, (t) => confirmDisconnect(t)),
  [VERBS.keepConnection]: entry(none, (t) => keepConnection(t)),
  [VERBS.status]: entry(none, (t) => showStatus(t)),
  [VERBS.help]: entry(none, async () => helpCard()),
};

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(VERB_TABLE, value);
}
