import { randomUUID } from 'node:crypto';
import type { User, UserRole } from '@linewatch/shared';
import type { Db } from './db.js';

interface UserRow {
  id: string;
  org_id: string;
  email: string;
  role: UserRole;
  password_hash: string;
}

const toUser = (r: UserRow): User => ({ id: r.id, orgId: r.org_id, email: r.email, role: r.role });

/** Organisations, users and login sessions. */
export function usersRepo(db: Db) {
  const q = {
    firstOrg: db.prepare<[], { id: string }>('SELECT id FROM orgs ORDER BY created_at LIMIT 1'),
    insertOrg: db.prepare('INSERT INTO orgs (id, name, created_at) VALUES (?, ?, ?)'),
    countUsers: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users'),
    insertUser: db.prepare(
      'INSERT INTO users (id, org_id, email, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    byEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
    insertSession: db.prepare(
      'INSERT INTO sessions (token_hash, org_id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    sessionUser: db.prepare<[string, number], UserRow>(
      'SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?',
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    insertApiToken: db.prepare(
      'INSERT INTO api_tokens (token_hash, org_id, user_id, name, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    apiTokenUser: db.prepare<[string], UserRow>(
      'SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?',
    ),
    pruneSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    list: db.prepare<[string], UserRow>('SELECT * FROM users WHERE org_id = ? ORDER BY email'),
    get: db.prepare<[string, string], UserRow>('SELECT * FROM users WHERE org_id = ? AND id = ?'),
    admins: db.prepare<[string], { n: number }>(
      "SELECT COUNT(*) AS n FROM users WHERE org_id = ? AND role = 'admin'",
    ),
    setRole: db.prepare('UPDATE users SET role = ? WHERE org_id = ? AND id = ?'),
    remove: db.prepare('DELETE FROM users WHERE org_id = ? AND id = ?'),
    passwordHash: db.prepare<[string], { password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = ?',
    ),
    setPassword: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    endSessions: db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash != ?'),
  };
  return {
    /** The org everything belongs to while there is only one; created on first use. */
    defaultOrgId(now: number): string {
      const row = q.firstOrg.get();
      if (row) return row.id;
      const id = randomUUID();
      q.insertOrg.run(id, 'My shop', now);
      return id;
    },
    userCount: () => q.countUsers.get()?.n ?? 0,
    createUser(orgId: string, email: string, passwordHash: string, role: UserRole, now: number): User {
      const id = randomUUID();
      q.insertUser.run(id, orgId, email, passwordHash, role, now);
      return { id, orgId, email, role };
    },
    /** The user and its password hash, for login. */
    credentialsByEmail(email: string): { user: User; passwordHash: string } | undefined {
      const row = q.byEmail.get(email);
      return row && { user: toUser(row), passwordHash: row.password_hash };
    },
    createSession(tokenHash: string, user: User, now: number, expiresAt: number): void {
      q.insertSession.run(tokenHash, user.orgId, user.id, now, expiresAt);
    },
    sessionUser(tokenHash: string, now: number): User | undefined {
      const row = q.sessionUser.get(tokenHash, now);
      return row && toUser(row);
    },
    deleteSession: (tokenHash: string) => void q.deleteSession.run(tokenHash),
    createApiToken: (tokenHash: string, user: User, name: string, now: number) =>
      void q.insertApiToken.run(tokenHash, user.orgId, user.id, name, now),
    apiTokenUser(tokenHash: string): User | undefined {
      const row = q.apiTokenUser.get(tokenHash);
      return row && toUser(row);
    },
    pruneSessions: (now: number) => q.pruneSessions.run(now).changes,
    list: (orgId: string) => q.list.all(orgId).map(toUser),
    get(orgId: string, id: string): User | undefined {
      const row = q.get.get(orgId, id);
      return row && toUser(row);
    },
    adminCount: (orgId: string) => q.admins.get(orgId)?.n ?? 0,
    setRole: (orgId: string, id: string, role: UserRole) => q.setRole.run(role, orgId, id).changes > 0,
    /** Deletes a user; their sessions and API tokens go with them (ON DELETE CASCADE). */
    remove: (orgId: string, id: string) => q.remove.run(orgId, id).changes > 0,
    passwordHash: (id: string) => q.passwordHash.get(id)?.password_hash,
    setPassword: (id: string, passwordHash: string) => void q.setPassword.run(passwordHash, id),
    /** Ends every session of the user except the one with `keepTokenHash`. */
    endOtherSessions: (userId: string, keepTokenHash: string) =>
      q.endSessions.run(userId, keepTokenHash).changes,
  };
}
export type UsersRepo = ReturnType<typeof usersRepo>;
