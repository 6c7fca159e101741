import { Icon, type IconName } from './Icon.tsx';

/** A large tile of the quiz area (the home tiles' look): icon, name and a one-line description. */
export function QuizTile({
  icon,
  accent,
  label,
  tagline,
  onSelect,
}: {
  icon: IconName;
  accent: string;
  label: string;
  tagline: string;
  onSelect: () => void;
}) {
  return (
    <li class="tile" data-topic={accent}>
      <button type="button" class="tile__button" onClick={onSelect}>
        <span class="tile__icon">
          <Icon name={icon} />
        </span>
        <span class="tile__text">
          <span class="tile__label">{label}</span>
          <span class="tile__tagline">{tagline}</span>
        </span>
      </button>
    </li>
  );
}
