import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { normalizeEmail } from '../../import/email';
import type { Store } from '../store.types';
import { seedSchema, type Seed } from './seed-schema';

/** What applying a seed changed; all zeros when it was applied before. */
export interface SeedSummary {
  readonly resellers: number;
  readonly teams: number;
  readonly admins: number;
  readonly accountsCreated: number;
  readonly membersAdded: number;
}

/** Validates seed JSON; the error names every bad path, e.g. `resellers[0].admins[1].role`. */
export function parseSeed(json: unknown, source = 'seed'): Seed {
  const parsed = seedSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw invalidSeed(source, parsed.error);
}

/** Reads and validates a seed file. */
export function loadSeedFile(file: string): Seed {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new AppError('config_invalid', {
      message: `Seed file ${file} cannot be read: check the path (SEED_FILE or the seed command's argument).`,
      detail: String(cause),
      cause,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AppError('config_invalid', {
      message: `Seed file ${file} is not valid JSON (${(cause as Error).message}). Fix the syntax and try again.`,
      cause,
    });
  }
  return parseSeed(json, `Seed file ${file}`);
}

/**
 * Applies a seed in one transaction. Idempotent: resellers, teams and admins are upserted by id
 * (by Entra identity for admins); accounts and memberships are only ever added, never duplicated.
 */
export async function applySeed(
  store: Store,
  seed: Seed,
  options: { now?: () => number; newId?: () => string } = {},
): Promise<SeedSummary> {
  const at = new Date((options.now ?? Date.now)()).toISOString();
  const newId = options.newId ?? randomUUID;
  return store.transaction(async (repos) => {
    let admins = 0;
    let teams = 0;
    let membersAdded = 0;
    const people = new Map<string, { email: string; name: string; source: string }>();
    const remember = (p: { email: string; name: string }, source: string) => {
      const n = normalizeEmail(p.email) as string;
      if (!people.has(n)) people.set(n, { email: p.email.trim(), name: p.name, source });
      return n;
    };

    for (const r of seed.resellers) {
      await repos.resellers.upsert({
        id: r.id,
        name: r.name,
        entraTenantId: r.entraTenantId.toLowerCase(),
        requireSecondApprover: r.requireSecondApprover,
      });
      for (const t of r.teams) {
        await repos.teams.upsert({ id: t.id, resellerId: r.id, name: t.name, maxUsers: t.maxUsers });
        teams += 1;
        for (const m of t.members) remember(m, 'seed');
      }
      for (const a of r.admins) {
        await repos.resellers.upsertAdmin({
          id: newId(),
          resellerId: r.id,
          entraTenantId: r.entraTenantId,
          entraObjectId: a.entraObjectId,
          name: a.name,
          role: a.role,
          teamId: a.teamId ?? null,
        });
        admins += 1;
      }
    }
    for (const a of seed.accounts) remember(a, 'seed');

    const inserted = await repos.accounts.insertMany(
      [...people].map(([emailNormalized, p]) => ({
        id: newId(),
        emailNormalized,
        email: p.email,
        name: p.name,
        createdAt: at,
        source: p.source,
      })),
    );

    for (const r of seed.resellers) {
      for (const t of r.teams) {
        const members = [];
        for (const m of t.members) {
          const account = await repos.accounts.findByEmail(normalizeEmail(m.email) as string);
          if (account) members.push({ teamId: t.id, accountId: account.id, addedAt: at, source: 'seed', importId: null });
        }
        membersAdded += await repos.teams.addMembers(members);
      }
    }

    const summary = { resellers: seed.resellers.length, teams, admins, accountsCreated: inserted.length, membersAdded };
    if (inserted.length > 0 || membersAdded > 0) {
      await repos.audit.append({
        id: newId(),
        at,
        actor: 'seed',
        action: 'seed.applied',
        resellerId: null,
        teamId: null,
        details: summary,
      });
    }
    return summary;
  });
}

function invalidSeed(source: string, error: z.ZodError): AppError {
  const lines = error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  const message = `${source} is not valid: ${lines.join('; ')}.`;
  return new AppError('config_invalid', { message, detail: message });
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}
