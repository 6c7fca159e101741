import type { MessageKey } from '../i18n/index.ts';
import { useT } from '../stores/kiosk-context.ts';
import { Icon, type IconName } from './Icon.tsx';

/** A large home-screen tile: icon, name and a one-line description. */
export function TopicTile({
  icon,
  label,
  tagline,
  onSelect,
  wide,
}: {
  icon: IconName;
  label: MessageKey;
  tagline: MessageKey;
  onSelect: () => void;
  wide?: boolean;
}) {
  const t = useT();
  return (
    <li class={wide ? 'tile tile--wide' : 'tile'} data-topic={icon}>
      <button type="button" class="tile__button" onClick={onSelect}>
        <span class="tile__icon">
          <Icon name={icon} />
        </span>
        <span class="tile__text">
          <span class="tile__label">{t(label)}</span>
          <span class="tile__tagline">{t(tagline)}</span>
        </span>
      </button>
    </li>
  );
}
