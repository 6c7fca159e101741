import { LOCALES } from '../../protocol/locales.ts';
import { LOCALE_NAMES } from '../i18n/index.ts';
import { useKiosk, useT } from '../stores/kiosk-context.ts';
import { Icon } from './Icon.tsx';

/** The bar on every screen: Home, Back, language, large text and read-aloud. */
export function ControlBar() {
  const { session, speech, usage } = useKiosk();
  const t = useT();
  const locale = session.locale.value;
  const large = session.textSize.value === 'large';
  const reading = session.readAloud.value;
  const canSpeak = speech.voices.value.has(locale);

  return (
    <nav class="control-bar" aria-label={t('bar.label')}>
      <div class="control-bar__group">
        <button type="button" class="bar-button" onClick={session.home}>
          <Icon name="home" />
          <span>{t('bar.home')}</span>
        </button>
        <button type="button" class="bar-button" onClick={session.back} disabled={!session.canGoBack.value}>
          <Icon name="back" />
          <span>{t('bar.back')}</span>
        </button>
      </div>
      <fieldset class="control-bar__group control-bar__languages">
        <legend class="visually-hidden">{t('bar.language')}</legend>
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            class="bar-button bar-button--toggle"
            aria-pressed={l === locale}
            onClick={() => {
              if (l !== session.locale.value) usage.count('language', l);
              session.locale.value = l;
            }}
          >
            {l === locale && <Icon name="check" />}
            <span>{LOCALE_NAMES[l]}</span>
          </button>
        ))}
      </fieldset>
      <div class="control-bar__group">
        <button
          type="button"
          class="bar-button bar-button--toggle"
          aria-pressed={large}
          onClick={() => {
            if (!large) usage.count('large_text', 'on');
            session.textSize.value = large ? 'standard' : 'large';
          }}
        >
          <Icon name={large ? 'check' : 'text'} />
          <span>{t('bar.largeText')}</span>
        </button>
        {canSpeak && (
          <button
            type="button"
            class="bar-button bar-button--toggle"
            aria-pressed={reading}
            onClick={() => {
              if (!reading) usage.count('read_aloud', 'screen:bar');
              session.readAloud.value = !reading;
            }}
          >
            <Icon name={reading ? 'check' : 'speaker'} />
            <span>{t('bar.readAloud')}</span>
          </button>
        )}
      </div>
    </nav>
  );
}
