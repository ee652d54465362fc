import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiRequestError } from '../../api/errors';
import { useApi } from '../../app/context';
import { Notice } from '../../components/Notice';
import { useProblemText } from '../../components/QueryProblem';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n/context';

/** Changing your own password: the current one first; other sessions end. */
export function ChangePassword() {
  const { t } = useI18n();
  const api = useApi();
  const problemText = useProblemText();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: api.changePassword,
    onSuccess: () => {
      setCurrent('');
      setNext('');
    },
  });
  const problem = change.error instanceof ApiRequestError ? change.error.problem : null;
  const wrongCurrent = problem?.code === 'wrong_password' ? t('users.wrongPassword') : null;
  const tooShort = problem?.issues.some((i) => i.path === 'newPassword') ? t('users.passwordRule') : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate({ currentPassword: current, newPassword: next });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <h3>{t('users.changePassword')}</h3>
      <div className="form-grid">
        <TextField
          label={t('users.currentPassword')}
          type="password"
          autoComplete="current-password"
          value={current}
          onValueChange={setCurrent}
          error={wrongCurrent}
        />
        <TextField
          label={t('users.newPassword')}
          type="password"
          autoComplete="new-password"
          value={next}
          onValueChange={setNext}
          error={tooShort}
          hint={t('users.passwordRule')}
        />
      </div>
      {change.isSuccess && <Notice tone="success">{t('users.passwordChanged')}</Notice>}
      {change.isError && !wrongCurrent && !tooShort && (
        <Notice tone="error">{problemText(change.error)}</Notice>
      )}
      <button type="submit" className="button" disabled={change.isPending}>
        {t('users.changePasswordSubmit')}
      </button>
    </form>
  );
}
