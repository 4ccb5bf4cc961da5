import { z } from 'zod';

/** A HaloPSA Client, which the product calls a group. */
export const haloGroupSchema = z.object({ id: z.number().int(), name: z.string() });
export type HaloGroup = z.infer<typeof haloGroupSchema>;

/** A HaloPSA end-user as the core sees it, after the client parsed Halo's JSON. */
export interface HaloUser {
  readonly id: number;
  readonly name: string;
  /** `emailaddress` exactly as Halo sent it (may be blank or padded) */
  readonly email: string;
  readonly site: string;
  readonly inactive: boolean;
}

/** What a reseller types to connect HaloPSA. */
export const haloCredentialsInputSchema = z.object({
  tenantId: z.string().trim().max(200, 'Tenant ID is too long (at most 200 characters)').default(''),
  clientId: z
    .string()
    .trim()
    .min(1, 'Client ID is required')
    .max(200, 'Client ID is too long (at most 200 characters)'),
  clientSecret: z
    .string()
    .min(1, 'Client Secret is required')
    .max(500, 'Client Secret is too long (at most 500 characters): copy it again from HaloPSA'),
  baseUrl: z
    .string()
    .trim()
    .max(500, 'HaloPSA Base URL is too long (at most 500 characters)')
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
});
export type HaloCredentialsInput = z.infer<typeof haloCredentialsInputSchema>;

/** The stored connection as anyone may see it: never the secret. */
export const connectionViewSchema = z.object({
  configured: z.boolean(),
  tenantId: z.string().nullable(),
  clientId: z.string().nullable(),
  baseUrl: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;
