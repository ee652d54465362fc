import type { LoginRequest } from '@linewatch/shared';
import { type FormEvent, useRef, useState } from 'react';
import { type ApiProblem, ApiRequestError } from '../api/errors';
import { Notice } from '../components/Notice';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/dictionary';
import { describeProblem } from '../i18n/problems';
import type { SignedOutNotice } from './useSession';

/** Kept as a key or problem, not as text, so switching the language re-translates it. */
type LoginError = { key: MessageKey } | { problem: ApiProblem };

const noticeKeys: Record<SignedOutNotice, MessageKey> = {
  expired: 'login.expired',
  signedOut: 'login.signedOut',
};

interface LoginScreenProps {
  notice: SignedOutNotice | null;
  /** Why the last request failed (e.g. the server was unreachable on start). */
  problem: ApiProblem | null;
  onLogin(credentials: LoginRequest): Promise<void>;
}

export function LoginScreen({ notice, problem, onLogin }: LoginScreenProps) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<LoginError | null>(problem ? { problem } : null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (email.trim() === '') {
      setError({ key: 'login.missingEmail' });
      emailRef.current?.focus();
      return;
    }
    if (password === '') {
      setError({ key: 'login.missingPassword' });
      passwordRef.current?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      // On success this screen is replaced by the board.
      await onLogin({ email: email.trim(), password });
    } catch (failure) {
      if (!(failure instanceof ApiRequestError)) throw failure;
      const { kind } = failure.problem;
      if (kind === 'unauthorized') {
        setError({ key: 'login.wrongCredentials' });
        setPassword('');
        passwordRef.current?.focus();
      } else {
        setError(kind === 'invalid' ? { key: 'login.invalid' } : { problem: failure.problem });
      }
      setSubmitting(false);
    }
  }

  const errorText = error === null ? null : 'key' in error ? t(error.key) : describeProblem(error.problem, t);
  const errorKey = error !== null && 'key' in error ? error.key : null;
  const invalidEmail = errorKey === 'login.missingEmail' || errorKey === 'login.invalid';
  const invalidPassword = errorKey === 'login.missingPassword';

  return (
    <section className="login card" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p className="muted">{t('login.intro')}</p>
      {notice && <Notice tone="info">{t(noticeKeys[notice])}</Notice>}
      <form className="form" onSubmit={submit} noValidate aria-busy={submitting}>
        <div className="field">
          <label htmlFor="login-email">{t('login.email')}</label>
          <input
            ref={emailRef}
            id="login-email"
            name="email"
            type="email"
            autoComplete="username"
            // biome-ignore lint/a11y/noAutofocus: signing in is the only thing this screen is for
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={invalidEmail}
            aria-describedby={invalidEmail ? 'login-error' : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            ref={passwordRef}
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={invalidPassword}
            aria-describedby={invalidPassword ? 'login-error' : undefined}
          />
        </div>
        {errorText && (
          <Notice tone="error" id="login-error">
            {errorText}
          </Notice>
        )}
        <button type="submit" className="button primary wide" disabled={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
