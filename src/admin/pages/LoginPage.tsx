import { useState } from 'preact/hooks';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Page } from '../components/Page.tsx';
import { useConsole, useT } from '../context.ts';
import { useAction } from '../hooks.ts';

/** Sign-in with username and password; the hub locks an account after repeated failures. */
export function LoginPage() {
  const { session } = useConsole();
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  return (
    <Page title={t('login.title')} intro={t('login.intro')}>
      <form
        class="card form login-form"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(() => session.login(username.trim(), password));
        }}
      >
        <label class="field">
          <span class="field__label">{t('login.username')}</span>
          <input
            name="username"
            autocomplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <ErrorNote error={action.error} />
        <button type="submit" class="button" disabled={action.busy}>
          {action.busy ? t('common.working') : t('login.submit')}
        </button>
      </form>
    </Page>
  );
}
