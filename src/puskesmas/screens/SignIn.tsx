import { useState } from 'preact/hooks';
import { ApiError, api, type Me } from '../api.ts';
import { Field } from '../components.tsx';
import { t } from '../strings/index.ts';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setProblem('');
    try {
      onSignedIn(await api.signIn(username, password));
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      setProblem(status === 429 ? t('rateLimited') : status === 401 ? t('wrongCredentials') : t('networkFailed'));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="sign-in">
      <h1>{t('appName')}</h1>
      <form onSubmit={(e) => void submit(e)} class="card">
        <h2>{t('signInTitle')}</h2>
        <Field label={t('username')} name="username" value={username} onInput={setUsername} autoComplete="username" />
        <Field
          label={t('password')}
          name="password"
          type="password"
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
        />
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
