import { randomUUID } from 'node:crypto';
import type { Contact, ContactInput, Language } from '@linewatch/shared';
import type { Db } from './db.js';

interface ContactRow {
  id: string;
  org_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  language: Language;
  note: string;
  created_at: number;
}

const toContact = (r: ContactRow): Contact => ({
  id: r.id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  language: r.language,
  note: r.note,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The shop's address book of people who receive alerts, per org. */
export function contactsRepo(db: Db) {
  const q = {
    list: db.prepare<[string], ContactRow>(
      'SELECT * FROM contacts WHERE org_id = ? ORDER BY name COLLATE NOCASE, id',
    ),
    get: db.prepare<[string, string], ContactRow>('SELECT * FROM contacts WHERE org_id = ? AND id = ?'),
    insert:
      db.prepare(`INSERT INTO contacts (id, org_id, name, email, phone, language, note, created_at, updated_at)
      VALUES (@id, @orgId, @name, @email, @phone, @language, @note, @now, @now)`),
    update:
      db.prepare(`UPDATE contacts SET name = @name, email = @email, phone = @phone, language = @language,
      note = @note, updated_at = @now WHERE org_id = @orgId AND id = @id`),
    remove: db.prepare<[string, string]>('DELETE FROM contacts WHERE org_id = ? AND id = ?'),
  };
  return {
    list: (orgId: string) => q.list.all(orgId).map(toContact),
    get(orgId: string, id: string): Contact | undefined {
      const row = q.get.get(orgId, id);
      return row ? toContact(row) : undefined;
    },
    create(orgId: string, c: ContactInput, now: number): Contact {
      const id = randomUUID();
      q.insert.run({ id, orgId, now, ...c });
      return toContact(q.get.get(orgId, id) as ContactRow);
    },
    /** False when there is no such contact. */
    update: (orgId: string, id: string, c: ContactInput, now: number) =>
      q.update.run({ id, orgId, now, ...c }).changes > 0,
    remove: (orgId: string, id: string) => q.remove.run(orgId, id).changes > 0,
  };
}
