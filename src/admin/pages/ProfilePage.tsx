import { useState } from 'preact/hooks';
import { DoneNote, ErrorNote } from '../components/ErrorNote.tsx';
import { Page, Section } from '../components/Page.tsx';
import { useConsole, useT } from '../context.ts';
import { useAction } from '../hooks.ts';

/** Change your own password (the current one is needed; other signed-in browsers are signed out). */
export function ProfilePage() {
  const { session } = useConsole();
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const me = session.me.value;
  const mismatch = again.length > 0 && again !== next;
  return (
    <Page
      title={t('profile.title')}
      intro={me ? t('profile.intro', { name: me.username, role: t(`role.${me.role}`) }) : undefined}
    >
      <Section title={t('profile.password')}>
        <form
          class="form narrow"
          onSubmit={async (event) => {
            event.preventDefault();
            if (mismatch) return;
            if (await action.run(() => session.api.send('POST', '/me/password', { current, next }))) {
              setDone(t('profile.changed'));
              setCurrent('');
              setNext('');
              setAgain('');
            }
          }}
        >
          <label class="field">
            <span class="field__label">{t('profile.current')}</span>
            <input
              type="password"
              autocomplete="current-password"
              required
              value={current}
              onInput={(e) => setCurrent(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            <span class="field__label">{t('profile.next')}</span>
            <input
              type="password"
              autocomplete="new-password"
              minLength={10}
              required
              value={next}
              onInput={(e) => setNext(e.currentTarget.value)}
            />
            <span class="field__help">{t('profile.rule')}</span>
          </label>
          <label class="field">
            <span class="field__label">{t('profile.again')}</span>
            <input
              type="password"
              autocomplete="new-password"
              required
              value={again}
              aria-invalid={mismatch}
              onInput={(e) => setAgain(e.currentTarget.value)}
            />
            {mismatch && <span class="field__error">{t('profile.mismatch')}</span>}
          </label>
          <ErrorNote error={action.error} />
          <DoneNote text={done} />
          <button type="submit" class="button" disabled={action.busy || mismatch}>
            {t('profile.submit')}
          </button>
        </form>
      </Section>
    </Page>
  );
}
