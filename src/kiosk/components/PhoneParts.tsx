import type { ComponentChildren } from 'preact';
import type { Locale } from '../../protocol/locales.ts';
import type { PhoneElement } from '../../protocol/tutorial-doc.ts';
import { PhoneIcon } from './PhoneIcon.tsx';

/** What an element shows inside its box; `typed` fills the screen's first text field. */
export function ElementBody({
  el,
  locale,
  typed,
  renderKey,
}: {
  el: PhoneElement;
  locale: Locale;
  typed?: string;
  renderKey: (key: string, index: number) => ComponentChildren;
}) {
  const label = el.label?.[locale] ?? '';
  const detail = el.detail && <span class="ph-detail">{el.detail[locale]}</span>;
  const icon = el.icon && <PhoneIcon name={el.icon} class="ph-icon" />;
  switch (el.kind) {
    case 'statusbar':
      return <StatusBar />;
    case 'appicon':
      return (
        <>
          <span class="ph-tile" data-icon={el.icon}>
            {icon}
          </span>
          <span class="ph-label">{label}</span>
        </>
      );
    case 'chatitem':
      return (
        <>
          <span class="ph-avatar" data-tone={el.tone ?? 'plain'}>
            {icon ?? [...label][0]}
          </span>
          <span class="ph-lines">
            <span class="ph-label">{label}</span>
            {detail}
          </span>
        </>
      );
    case 'keypad':
      return (
        <>{[...(el.keys ?? '')].map((key, i) => (key === ' ' ? <span key={i} /> : renderKey(key, i)))}</>
      );
    case 'textfield': {
      const text = typed || el.value?.[locale];
      return text ? <span class="ph-value">{text}</span> : <span class="ph-placeholder">{label}</span>;
    }
    case 'toggle':
      return (
        <>
          <span class="ph-label">{label}</span>
          <span class="ph-switch" data-on={el.on ? 'true' : 'false'}>
            <span class="ph-knob" />
          </span>
        </>
      );
    case 'slider':
      return (
        <span class="ph-track">
          <span class="ph-fill" style={{ width: `${el.level ?? 0}%` }} />
          <span class="ph-thumb" style={{ left: `${el.level ?? 0}%` }} />
        </span>
      );
    case 'image':
      return <Picture icon={el.icon} />;
    case 'chatlist':
      return null;
    default:
      // button, dialog, text, bubble: an icon, the words, a second line.
      return (
        <>
          {icon}
          {label && <span class="ph-label">{label}</span>}
          {detail}
        </>
      );
  }
}

/** The generic status bar: a time and simple signal and battery shapes (no brand). */
function StatusBar() {
  return (
    <>
      <span class="ph-time">9:30</span>
      <svg class="ph-signal" viewBox="0 0 64 20" aria-hidden="true">
        <rect x="0" y="14" width="5" height="6" />
        <rect x="8" y="10" width="5" height="10" />
        <rect x="16" y="6" width="5" height="14" />
        <rect x="24" y="2" width="5" height="18" />
        <rect
          x="36"
          y="3"
          width="24"
          height="14"
          rx="3"
          fill="none"
          stroke="currentColor"
          stroke-width="2.5"
        />
        <rect x="39" y="6" width="15" height="8" />
        <rect x="61" y="7" width="3" height="6" />
      </svg>
    </>
  );
}

/** Pictures drawn from shapes: a scene for photos, a person for video, a code for QR. */
function Picture({ icon }: { icon: PhoneElement['icon'] }) {
  if (icon === 'photo') {
    return (
      <svg class="ph-picture" viewBox="0 0 120 90" preserveAspectRatio="xMidYMid slice" aria-hidden="true">
        <rect width="120" height="90" fill="#bfe0f7" />
        <circle cx="92" cy="22" r="10" fill="#f2b705" />
        <path d="M0 70l30-28 22 18 20-14 48 34v10H0z" fill="#2e6b1f" />
        <path
          d="M30 90V52 M30 54c-10-6-16-2-22 4 M30 54c8-8 16-8 22-2 M30 60c-6-8-14-10-20-8"
          stroke="#1b4d12"
          stroke-width="3"
          fill="none"
        />
      </svg>
    );
  }
  if (icon === 'qr') return <FakeCode />;
  if (icon === 'check') {
    return (
      <svg class="ph-picture ph-tick" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="11" fill="#1b5e20" />
        <path
          d="M6.5 12.5l3.5 3.5 7.5-8"
          fill="none"
          stroke="#fff"
          stroke-width="2.4"
          stroke-linecap="round"
        />
      </svg>
    );
  }
  if (icon === 'person' || icon === 'group') {
    return (
      <svg class="ph-picture" viewBox="0 0 120 120" preserveAspectRatio="xMidYMax meet" aria-hidden="true">
        <circle cx="60" cy="50" r="24" fill="#5c6b7a" />
        <path d="M14 120a46 42 0 0 1 92 0z" fill="#5c6b7a" />
      </svg>
    );
  }
  if (icon === 'keyboard') {
    const keys: preact.JSX.Element[] = [];
    for (let row = 0; row < 3; row++) {
      for (let k = 0; k < 10 - row; k++) {
        keys.push(
          <rect
            key={`${row}-${k}`}
            x={4 + row * 6 + k * 11.6}
            y={6 + row * 20}
            width={9.6}
            height={16}
            rx={2}
          />,
        );
      }
    }
    return (
      <svg class="ph-picture" viewBox="0 0 124 92" preserveAspectRatio="none" aria-hidden="true">
        <g fill="#fff" stroke="#7a8794" stroke-width="0.6">
          {keys}
          <rect x="28" y="68" width="68" height="16" rx="2" />
        </g>
      </svg>
    );
  }
  return <span class="ph-picture ph-picture--icon">{icon && <PhoneIcon name={icon} class="ph-icon" />}</span>;
}

/** A code-like pattern that is not a real, scannable code. */
function FakeCode() {
  const size = 21;
  const cells: preact.JSX.Element[] = [];
  const finder = (x: number, y: number) => x < 7 && y < 7;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inFinder = finder(x, y) || finder(size - 1 - x, y) || finder(x, size - 1 - y);
      const dark = inFinder
        ? (() => {
            const fx = x < 7 ? x : size - 1 - x;
            const fy = y < 7 ? y : size - 1 - y;
            const ring = Math.max(Math.abs(fx - 3), Math.abs(fy - 3));
            return ring !== 2;
          })()
        : (x * 7 + y * 13 + x * y) % 5 < 2;
      if (dark) cells.push(<rect key={`${x}-${y}`} x={x + 2} y={y + 2} width={1.02} height={1.02} />);
    }
  }
  return (
    <svg class="ph-picture ph-code" viewBox="0 0 25 25" aria-hidden="true">
      <rect width="25" height="25" fill="#fff" />
      <g fill="#000">{cells}</g>
    </svg>
  );
}
