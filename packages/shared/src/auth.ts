import { z } from 'zod';

export const ROLES = ['admin', 'analyst', 'executive', 'store_manager'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  analyst: { zh: '营销分析师', en: 'Marketing analyst' },
  executive: { zh: '管理层', en: 'Executive' },
  store_manager: { zh: '店长', en: 'Store manager' },
};

/** Roles that may see one customer at all (executives see aggregates only, PRODUCT §5). */
export const CUSTOMER_LEVEL_ROLES: readonly Role[] = ['admin', 'analyst', 'store_manager'];

export const usernameSchema = z
  .string({ error: 'username is required' })
  .trim()
  .min(3, 'username must be 3–32 characters')
  .max(32, 'username must be 3–32 characters')
  .regex(/^[a-zA-Z0-9_.-]+$/, 'username may use letters, digits, _ . and - only');

export const passwordSchema = z
  .string({ error: 'password is required' })
  .min(8, 'password must be at least 8 characters')
  .max(200, 'password must be at most 200 characters');

export const loginRequestSchema = z.object({
  username: z.string({ error: 'username is required' }).trim().min(1, 'username is required').max(64),
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string().nullable(),
  role: z.enum(ROLES),
  /** The stores a store manager is limited to; empty for other roles (they see the whole chain). */
  stores: z.array(z.object({ id: z.string(), name: z.string(), city: z.string() })),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const meSchema = z.object({ user: sessionUserSchema, csrfToken: z.string() });
export type Me = z.infer<typeof meSchema>;

export const adminUserSchema = sessionUserSchema.extend({
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const createUserSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().max(64).nullable().optional(),
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
    password: passwordSchema,
    stores: z.array(z.string().max(64)).max(500).default([]),
  })
  .superRefine(storesMatchRole);
export type CreateUserRequest = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    displayName: z.string().trim().max(64).nullable().optional(),
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
    stores: z.array(z.string().max(64)).max(500).default([]),
    disabled: z.boolean(),
  })
  .superRefine(storesMatchRole);
export type UpdateUserRequest = z.input<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ password: passwordSchema });

function storesMatchRole(v: { role: Role; stores: string[] }, ctx: z.RefinementCtx) {
  if (v.role === 'store_manager' && v.stores.length === 0)
    ctx.addIssue({ code: 'custom', path: ['stores'], message: 'a store manager needs at least one store' });
  if (v.role !== 'store_manager' && v.stores.length > 0)
    ctx.addIssue({ code: 'custom', path: ['stores'], message: 'only store managers are limited to stores' });
}

export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'account_locked',
  'view_customer',
  'view_customer_list',
  'search_customer',
  'export',
  'user_created',
  'user_updated',
  'password_reset',
  'suggestion_status',
  'suggestions_generated',
  'data_import',
  'data_sync',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  action: z.enum(AUDIT_ACTIONS, { error: `action must be one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
  username: z.string().trim().max(64).optional(),
  from: z.iso.date({ error: 'from must be YYYY-MM-DD' }).optional(),
  to: z.iso.date({ error: 'to must be YYYY-MM-DD' }).optional(),
  page: z.coerce.number({ error: 'page must be a number' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number({ error: 'pageSize must be a number' }).int().min(1).max(200).default(50),
});
export const auditPageSchema = z.object({ total: z.number().int(), entries: z.array(auditEntrySchema) });
export type AuditPage = z.infer<typeof auditPageSchema>;
