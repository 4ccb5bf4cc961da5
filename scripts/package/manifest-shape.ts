/**
 * The parts of a Teams manifest our own rules read, parsed from `unknown` with zod. Everything is
 * optional: the JSON schema reports what is missing, the rules only judge what is there.
 * @module
 */
import { z } from 'zod';

const command = z.looseObject({ title: z.string().optional(), description: z.string().optional() });

const shape = z.looseObject({
  id: z.string().optional(),
  version: z.string().optional(),
  developer: z.looseObject({}).optional(),
  name: z.looseObject({ short: z.string().optional(), full: z.string().optional() }).optional(),
  description: z.looseObject({ short: z.string().optional(), full: z.string().optional() }).optional(),
  icons: z.looseObject({ color: z.string().optional(), outline: z.string().optional() }).optional(),
  bots: z
    .array(
      z.looseObject({
        botId: z.string().optional(),
        scopes: z.array(z.string()).optional(),
        isNotificationOnly: z.boolean().optional(),
        commandLists: z
          .array(z.looseObject({ scopes: z.array(z.string()).optional(), commands: z.array(command).optional() }))
          .optional(),
      }),
    )
    .optional(),
  configurableTabs: z.array(z.looseObject({ configurationUrl: z.string().optional() })).optional(),
  staticTabs: z.array(z.looseObject({ entityId: z.string().optional(), contentUrl: z.string().optional() })).optional(),
  validDomains: z.array(z.string()).optional(),
  webApplicationInfo: z.looseObject({ id: z.string().optional(), resource: z.string().optional() }).optional(),
});

/** The manifest as our rules see it. */
export type ManifestShape = z.infer<typeof shape>;

/** Parses a manifest for the rules; `undefined` when its structure is too broken to judge. */
export function readManifestShape(manifest: unknown): ManifestShape | undefined {
  const parsed = shape.safeParse(manifest);
  return parsed.success ? parsed.data : undefined;
}

/** Every string property whose name ends in `Url`, with its JSON pointer. */
export function collectUrls(value: unknown, pointer = ''): Array<{ pointer: string; url: string }> {
  if (Array.isArray(value)) return value.flatMap((item, i) => collectUrls(item, `${pointer}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'string' && /Url$/.test(key)
      ? [{ pointer: `${pointer}/${key}`, url: child }]
      : collectUrls(child, `${pointer}/${key}`),
  );
}
