import { type UserRole, userRoles } from '@linewatch/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiRequestError } from '../../api/errors';
import { useApi, useCurrentUser, useIsAdmin } from '../../app/context';
import { ConfirmButton } from '../../components/ConfirmButton';
import { CopyButton } from '../../components/CopyButton';
import { Notice } from '../../components/Notice';
import { QueryProblem, useProblemText } from '../../components/QueryProblem';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n/context';
import { ChangePassword } from './ChangePassword';

/** The shop's users and their roles; everyone can change their own password here. */
export function UsersSettings() {
  const { t } = useI18n();
  const api = useApi();
  const me = useCurrentUser();
  const isAdmin = useIsAdmin();
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const ids = useId();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api.users() });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<UserRole>('technician');
  const create = useMutation({ mutationFn: api.createUser, onSuccess: refresh });
  const changeRole = useMutation({
    mutationFn: (v: { id: string; role: UserRole }) => api.setUserRole(v.id, v.role),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: api.deleteUser, onSuccess: refresh });
  const emailIssue =
    create.error instanceof ApiRequestError
      ? (create.error.problem.issues.find((i) => i.path === 'email')?.message ?? null)
      : null;
  const failed = changeRole.error ?? remove.error;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ email: email.trim(), role }, { onSuccess: () => setEmail('') });
  }

  return (
    <section id="users" className="card panel" aria-labelledby="users-title">
      <h2 id="users-title">{t('settings.users')}</h2>
      <p className="muted">{t('users.intro')}</p>
      {users.isError && <QueryProblem error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <ul className="plain-list card-list">
          {users.data.map((u) => (
            <li key={u.id} className="row-between">
              <span>
                <strong>{u.email}</strong>
                {u.id === me?.id && <span className="tag">{t('users.you')}</span>}
              </span>
              <span className="button-row">
                {isAdmin ? (
                  <select
                    aria-label={t('users.roleOf', { email: u.email })}
                    value={u.role}
                    onChange={(e) => changeRole.mutate({ id: u.id, role: e.target.value as UserRole })}
                  >
                    {userRoles.map((r) => (
                      <option key={r} value={r}>
                        {t(`users.role.${r}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span>{t(`users.role.${u.role}`)}</span>
                )}
                {isAdmin && u.id !== me?.id && (
                  <ConfirmButton
                    label={t('users.remove')}
                    ariaLabel={t('users.removeLabel', { email: u.email })}
                    confirmLabel={t('users.confirmRemove', { email: u.email })}
                    onConfirm={() => remove.mutate(u.id)}
                  />
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {failed && <Notice tone="error">{problemText(failed)}</Notice>}
      {isAdmin && (
        <form className="form" onSubmit={submit} noValidate>
          <h3>{t('users.add')}</h3>
          <div className="form-grid">
            <TextField
              label={t('login.email')}
              type="email"
              value={email}
              onValueChange={setEmail}
              error={emailIssue}
            />
            <div className="field">
              <label htmlFor={`${ids}-role`}>{t('users.role')}</label>
              <select id={`${ids}-role`} value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
                {userRoles.map((r) => (
                  <option key={r} value={r}>
                    {t(`users.role.${r}`)}
                  </option>
                ))}
              </select>
              <span className="hint">{t(`users.roleHint.${role}`)}</span>
            </div>
          </div>
          {create.isError && !emailIssue && <Notice tone="error">{problemText(create.error)}</Notice>}
          {create.data?.password && (
            <Notice tone="warn">
              <p>{t('users.generated', { email: create.data.email })}</p>
              <p className="command-row">
                <code>{create.data.password}</code>{' '}
                <CopyButton text={create.data.password} label={t('users.copyPassword')} />
              </p>
            </Notice>
          )}
          <button type="submit" className="button primary" disabled={create.isPending}>
            {t('users.addSubmit')}
          </button>
        </form>
      )}
      <ChangePassword />
    </section>
  );
}
