import { z } from 'zod';

/** Logins, users and their roles. */

/** A login name: an e-mail address, though local ones like `admin@localhost` are fine. */
export const LoginEmail = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address');

export const LoginRequest = z.object({
  email: LoginEmail,
  password: z.string().min(1).max(1000),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const userRoles = ['admin', 'technician'] as const;
export const UserRole = z.enum(userRoles);
export type UserRole = z.infer<typeof UserRole>;

export const User = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  email: z.string(),
  role: UserRole,
});
export type User = z.infer<typeof User>;

const newPassword = z
  .string()
  .min(12, { error: 'must be at least 12 characters' })
  .max(1000, { error: 'must be at most 1000 characters' });

/** A colleague added by an admin; without a password one is generated and shown once. */
export const UserCreate = z.strictObject({
  email: LoginEmail,
  role: UserRole.default('technician'),
  password: newPassword.optional(),
});
export type UserCreate = z.infer<typeof UserCreate>;

/** The new user; `password` only when it was generated (shown once, never stored in clear). */
export const UserCreated = User.extend({ password: z.string().optional() });
export type UserCreated = z.infer<typeof UserCreated>;

export const UserRoleChange = z.strictObject({ role: UserRole });

/** A user changing their own password: the current one proves it is them. */
export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword,
});
export type PasswordChange = z.infer<typeof PasswordChange>;
