import type { Contact, Language } from '@linewatch/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiRequestError } from '../../api/errors';
import { useApi } from '../../app/context';
import { Notice } from '../../components/Notice';
import { QueryProblem, useProblemText } from '../../components/QueryProblem';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n/context';

interface ContactForm {
  name: string;
  email: string;
  phone: string;
  language: Language;
  note: string;
}

const empty = (language: Language): ContactForm => ({ name: '', email: '', phone: '', language, note: '' });

/** The shop's people who get alerts; channels pick their recipients from here. */
export function ContactsSection() {
  const { t, lang } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const ids = useId();
  const contacts = useQuery({ queryKey: ['contacts'], queryFn: () => api.contacts() });
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState<ContactForm>(() => empty(lang));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['contacts'] });
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing ? api.updateContact(editing, body) : api.createContact(body),
    onSuccess: () => {
      setEditing(null);
      setForm(empty(lang));
      return refresh();
    },
  });
  const remove = useMutation({ mutationFn: api.deleteContact, onSuccess: refresh });
  const issues = save.error instanceof ApiRequestError ? save.error.problem.issues : [];
  const issue = (key: string) => issues.find((i) => i.path === key)?.message ?? null;
  const set = (key: keyof ContactForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      name: form.name,
      email: form.email.trim() || null,
      phone: form.phone.trim() || null,
      language: form.language,
      note: form.note,
    });
  }
  function edit(c: Contact) {
    setEditing(c.id);
    setForm({ name: c.name, email: c.email ?? '', phone: c.phone ?? '', language: c.language, note: c.note });
  }

  return (
    <div className="subsection">
      <h3>{t('contact.title')}</h3>
      <p className="muted">{t('contact.intro')}</p>
      {contacts.isError && <QueryProblem error={contacts.error} onRetry={() => void contacts.refetch()} />}
      {contacts.data?.length === 0 && <p className="empty-hint">{t('contact.none')}</p>}
      {contacts.data && contacts.data.length > 0 && (
        <ul className="plain-list">
          {contacts.data.map((c) => (
            <li key={c.id} className="row-between">
              <span>
                <strong>{c.name}</strong>
                <span className="muted">
                  {[c.email, c.phone, c.language.toUpperCase(), c.note].filter(Boolean).map((x) => ` · ${x}`)}
                </span>
              </span>
              <span className="button-row">
                <button
                  type="button"
                  className="button small"
                  onClick={() => edit(c)}
                  aria-label={t('contact.editLabel', { name: c.name })}
                >
                  {t('channel.edit')}
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={() => remove.mutate(c.id)}
                  aria-label={t('contact.deleteLabel', { name: c.name })}
                >
                  {t('channel.delete')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {remove.isError && <p className="field-error">{problemText(remove.error)}</p>}
      <form className="form" onSubmit={submit} noValidate>
        <h4>{t(editing ? 'contact.editTitle' : 'contact.addTitle')}</h4>
        <div className="form-grid">
          <TextField
            label={t('contact.name')}
            value={form.name}
            onValueChange={set('name')}
            error={issue('name')}
            maxLength={100}
          />
          <TextField
            label={t('contact.email')}
            type="email"
            value={form.email}
            onValueChange={set('email')}
            error={issue('email')}
          />
          <TextField
            label={t('contact.phone')}
            type="tel"
            value={form.phone}
            onValueChange={set('phone')}
            error={issue('phone')}
            hint={t('contact.phoneHint')}
          />
          <div className="field">
            <label htmlFor={`${ids}-lang`}>{t('policy.language')}</label>
            <select
              id={`${ids}-lang`}
              value={form.language}
              onChange={(e) => set('language')(e.target.value)}
            >
              <option value="de">Deutsch</option>
              <option value="en">English</option>
            </select>
          </div>
          <TextField
            className="span-2"
            label={t('contact.note')}
            value={form.note}
            onValueChange={set('note')}
            maxLength={500}
          />
        </div>
        {save.isError && issues.length === 0 && <Notice tone="error">{problemText(save.error)}</Notice>}
        <div className="button-row">
          {editing && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setEditing(null);
                setForm(empty(lang));
              }}
            >
              {t('common.cancel')}
            </button>
          )}
          <button type="submit" className="button primary" disabled={save.isPending}>
            {t(editing ? 'common.save' : 'contact.add')}
          </button>
        </div>
      </form>
    </div>
  );
}
