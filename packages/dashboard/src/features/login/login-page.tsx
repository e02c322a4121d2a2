import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { writeToken } from '../../app/auth-token';
import { LOGIN_MUTATION } from '../../app/session.queries';
import { useI18n } from '../../i18n/i18n';
import { LangSwitch } from '../../i18n/lang-switch';

export function LoginPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(LOGIN_MUTATION);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await login({ variables: { username, password } }).catch(() => null);
    const token = res?.data?.login.token;
    if (!token) return;
    writeToken(token);
    const next = params.get('next');
    // A full load: the new token applies to a fresh client cache.
    const home = res?.data?.login.user.role === 'SCREEN' ? '/screen' : '/ranking';
    window.location.assign(next?.startsWith('/') && !next.startsWith('//') ? next : home);
  };

  return (
    <div className="login-page">
      <form className="card login-card" onSubmit={submit}>
        <div className="login-top">
          <h1>{t('login.title')}</h1>
          <LangSwitch />
        </div>
        <label>
          {t('login.username')}
          <input
            data-testid="login-username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t('login.password')}
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <div className="form-error" role="alert">
            {t('login.failed', { message: error.message })}
          </div>
        )}
        <button type="submit" className="btn btn-primary" data-testid="login-submit" disabled={loading}>
          {t('login.submit')}
        </button>
      </form>
    </div>
  );
}
