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
  };
}
export type UsersRepo = ReturnType<typeof usersRepo>;
