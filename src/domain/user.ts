import { z } from './zod.js';

export const ROLES = ['seller', 'partner-manager', 'finance', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
export const ROLE_LABELS: Record<Role, string> = {
  seller: 'Seller',
  'partner-manager': 'Partner manager',
  finance: 'Finance',
  admin: 'Admin',
};

export const UserSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1), z.maxLength(255)),
  email: z.optional(z.email()),
  role: RoleSchema,
  /** For partner managers: the partners they manage (empty = all). */
  partnerIds: z._default(z.array(z.string()), []),
});
export type User = z.infer<typeof UserSchema>;
export type UserInput = z.input<typeof UserSchema>;

/** What a role may do. Widgets check these; adapters enforce them too. */
export const can = {
  submitReferral: (u: User) => u.role === 'seller' || u.role === 'partner-manager' || u.role === 'admin',
  moveReferral: (u: User) => u.role === 'partner-manager' || u.role === 'admin',
  viewRevshare: (u: User) => u.role === 'partner-manager' || u.role === 'finance' || u.role === 'admin',
} as const;
