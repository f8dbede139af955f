import { z } from 'zod';

export const USER_ROLES = ['admin', 'qa_manager', 'reviewer', 'supervisor', 'agent'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const TOKEN_SCOPES = ['ingest', 'read', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** What each role and token scope may do (DESIGN §9); the server enforces it, the dashboard hides the rest. */
export const PERMISSIONS = [
  'conversations:read',
  'conversations:write',
  'reviews:write',
  'rules:read',
  'rules:write',
  'reports:read',
  'alerts:read',
  'alerts:ack',
  'agents:read',
  'agents:write',
  'users:manage',
  'tokens:manage',
  'webhooks:manage',
  'settings:manage',
  'audit:read',
  'jobs:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  'conversations:read',
  'rules:read',
  'reports:read',
  'alerts:read',
  'agents:read',
  'jobs:read',
];

export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  qa_manager: [...READ, 'reviews:write', 'rules:write', 'alerts:ack', 'audit:read'],
  reviewer: [...READ, 'reviews:write'],
  supervisor: [...READ, 'alerts:ack'],
  agent: ['conversations:read', 'rules:read', 'reports:read', 'agents:read'],
};

export const SCOPE_PERMISSIONS: Record<TokenScope, readonly Permission[]> = {
  ingest: ['conversations:write'],
  read: READ,
  admin: PERMISSIONS,
};

export const PASSWORD_MIN_LENGTH = 10;

/** The password policy; `parseInput` turns a failure into AppError 'invalid' with the field's name. */
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  // scrypt would take any length; the cap keeps a request body from being a hashing workload.
  .max(1024, 'must be at most 1024 characters');

// Ids come from the helpdesks' exports, so any printable text is allowed, but not blank or padded.
export const DirectoryIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((id) => id.trim() === id, 'must not start or end with spaces');

export const EmailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email());
export const NameSchema = z.string().trim().min(1).max(200);
export const UserRoleSchema = z.enum(USER_ROLES);
export const AgentIdSchema = DirectoryIdSchema;
export const TeamIdsSchema = z
  .array(DirectoryIdSchema)
  .max(1000)
  .transform((ids) => [...new Set(ids)]);

// Only shape is checked here: the policy applies when a password is set, not when one is tried.
export const LoginSchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type Login = z.input<typeof LoginSchema>;

export const CreateUserSchema = z.strictObject({
  email: EmailSchema,
  name: NameSchema,
  role: UserRoleSchema,
  password: PasswordSchema,
  agentId: AgentIdSchema.nullable().default(null),
  teamIds: TeamIdsSchema.default([]),
  isDisabled: z.boolean().default(false),
});
export type CreateUser = z.input<typeof CreateUserSchema>;

export const UpdateUserSchema = z
  .strictObject({
    name: NameSchema.optional(),
    role: UserRoleSchema.optional(),
    agentId: AgentIdSchema.nullable().optional(),
    teamIds: TeamIdsSchema.optional(),
    isDisabled: z.boolean().optional(),
    /** A new password set by an admin (a reset): the user's sessions end. */
    password: PasswordSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'nothing to change');
export type UpdateUser = z.input<typeof UpdateUserSchema>;

export const CreateTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scopes: z
    .array(z.enum(TOKEN_SCOPES))
    .min(1, 'needs at least one scope')
    .transform((scopes) => [...new Set(scopes)]),
});
export type CreateToken = z.input<typeof CreateTokenSchema>;

/** A field left out keeps its value (null for a new agent); null clears it. */
export const UpsertAgentSchema = z.strictObject({
  id: DirectoryIdSchema,
  name: z.string().trim().min(1).max(200).nullable().optional(),
  teamId: DirectoryIdSchema.nullable().optional(),
});
export type UpsertAgent = z.input<typeof UpsertAgentSchema>;

export const UpsertTeamSchema = z.strictObject({
  id: DirectoryIdSchema,
  name: z.string().trim().min(1).max(200),
});
export type UpsertTeam = z.input<typeof UpsertTeamSchema>;

export const DEFAULT_ADMIN_EMAIL = 'admin@serviq.local';

/** The first admin, created at boot when the database has none (not an HTTP request). */
export const EnsureAdminSchema = z.strictObject({
  email: EmailSchema.default(DEFAULT_ADMIN_EMAIL),
  password: PasswordSchema.optional(),
});
export type EnsureAdmin = z.input<typeof EnsureAdminSchema>;
