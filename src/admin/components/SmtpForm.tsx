import { useEffect, useState } from 'preact/hooks';
import type { SmtpView } from '../alert-types.ts';
import { useConsole, useT } from '../context.ts';
import { useAction, useLoad } from '../hooks.ts';
import { DoneNote, ErrorNote } from './ErrorNote.tsx';
import { Section } from './Page.tsx';
import { SelectField } from './SelectField.tsx';

type Form = Omit<SmtpView, 'passwordSet'> & { password: string };
const EMPTY: Form = {
  host: '',
  port: 587,
  security: 'starttls',
  username: '',
  from: '',
  consoleUrl: '',
  password: '',
};

/** The mail server (admins only). The password is write-only: an empty field keeps the stored one. */
export function SmtpForm() {
  const { session } = useConsole();
  const t = useT();
  const stored = useLoad(() => session.api.get<{ smtp: SmtpView | null }>('/alerts/smtp'), []);
  const [form, setForm] = useState<Form>(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const current = stored.status === 'ready' ? stored.value.smtp : null;
  useEffect(() => {
    if (current) {
      const { passwordSet: _p, ...rest } = current;
      setForm({ ...rest, password: '' });
    }
  }, [current]);
  const set = (patch: Partial<Form>) => {
    setDone(null);
    setForm({ ...form, ...patch });
  };
  return (
    <Section title={t('alerts.smtp')}>
      <p>{t('alerts.smtpIntro')}</p>
      {stored.status === 'ready' && !current && <p class="muted">{t('alerts.notSet')}</p>}
      <form
        class="form"
        aria-label={t('alerts.smtp')}
        onSubmit={async (event) => {
          event.preventDefault();
          const { password, ...rest } = form;
          const saved = await action.run(() =>
            session.api.send<{ smtp: SmtpView }>(
              'PUT',
              '/alerts/smtp',
              password ? { ...rest, password } : rest,
            ),
          );
          if (saved) {
            setDone(t('alerts.saved'));
            stored.reload();
          }
        }}
      >
        <div class="form form--row">
          <label class="field field--wide">
            <span class="field__label">{t('alerts.smtpHost')}</span>
            <input
              required
              maxLength={253}
              value={form.host}
              onInput={(e) => set({ host: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span class="field__label">{t('alerts.smtpPort')}</span>
            <input
              type="number"
              required
              min={1}
              max={65535}
              value={form.port}
              onInput={(e) => set({ port: Number(e.currentTarget.value) })}
            />
          </label>
          <SelectField
            label={t('alerts.smtpSecurity')}
            value={form.security}
            onChange={(v) => set({ security: v as Form['security'] })}
          >
            <option value="tls">{t('alerts.security.tls')}</option>
            <option value="starttls">{t('alerts.security.starttls')}</option>
            <option value="none">{t('alerts.security.none')}</option>
          </SelectField>
        </div>
        <div class="form form--row">
          <label class="field">
            <span class="field__label">{t('alerts.smtpUser')}</span>
            <input
              maxLength={200}
              autoComplete="off"
              value={form.username}
              onInput={(e) => set({ username: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span class="field__label">{t('alerts.smtpPassword')}</span>
            <input
              type="password"
              autoComplete="new-password"
              maxLength={200}
              placeholder={current?.passwordSet ? t('alerts.smtpPasswordSet') : ''}
              value={form.password}
              onInput={(e) => set({ password: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span class="field__label">{t('alerts.smtpFrom')}</span>
            <input
              type="email"
              required
              maxLength={254}
              value={form.from}
              onInput={(e) => set({ from: e.currentTarget.value })}
            />
          </label>
        </div>
        <label class="field">
          <span class="field__label">{t('alerts.smtpConsole')}</span>
          <input
            type="url"
            maxLength={500}
            value={form.consoleUrl}
            onInput={(e) => set({ consoleUrl: e.currentTarget.value })}
          />
        </label>
        <ErrorNote error={action.error} />
        <DoneNote text={done} />
        <button type="submit" class="button" disabled={action.busy}>
          {t('alerts.save')}
        </button>
      </form>
    </Section>
  );
}
