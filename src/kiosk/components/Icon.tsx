import type { TopicId } from '../../protocol/topics.ts';

/** Names of the kiosk's line icons. */
export type IconName =
  | TopicId
  | 'quizzes'
  | 'home'
  | 'back'
  | 'text'
  | 'speaker'
  | 'check'
  | 'hand'
  | 'up'
  | 'down'
  | 'stop'
  | 'qr'
  | 'cross'
  | 'calendar'
  | 'selftest'
  | 'next'
  | 'book'
  | 'again';

// 24x24 line drawings: strokes only, so one colour rule styles them all.
const PATHS: Record<IconName, string> = {
  health: 'M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.5-7 10-7 10z M8 11h2l1-2 2 4 1-2h2',
  emergency: 'M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z M12 8v5 M12 16v.5',
  farming: 'M12 21v-9 M12 12c0-4 3-7 8-7 0 5-3 7-8 7z M12 14c0-3-2.5-5-7-5 0 4 2.5 5 7 5z M6 21h12',
  digital: 'M8 2h8a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z M11 18h2',
  rumors: 'M10.5 17a6.5 6.5 0 1 1 0-13 6.5 6.5 0 0 1 0 13z M15.5 15.5L21 21 M7.5 10.5l2 2 4-4',
  youth: 'M9 3h6 M10 3v6l-5 9a2 2 0 0 0 1.8 3h10.4a2 2 0 0 0 1.8-3l-5-9V3 M7.5 15h9',
  quizzes: 'M4 5h16v11H9l-5 4z M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.4 M12 14.5v.5',
  home: 'M3 11l9-8 9 8 M5 9.5V21h5v-6h4v6h5V9.5',
  back: 'M10 5l-7 7 7 7 M3 12h18',
  text: 'M3 19l5-14 5 14 M4.8 14h6.4 M14 19l3.5-9 3.5 9 M15.2 16h4.6',
  speaker: 'M4 9h4l5-4v14l-5-4H4z M16.5 8.5a5 5 0 0 1 0 7 M19 6a8.5 8.5 0 0 1 0 12',
  check: 'M4 12.5l5 5L20 6.5',
  up: 'M5 15l7-7 7 7',
  down: 'M5 9l7 7 7-7',
  stop: 'M7 7h10v10H7z',
  qr: 'M4 4h6v6H4z M14 4h6v6h-6z M4 14h6v6H4z M14 14h2v2h-2z M18 18h2v2h-2z M14 18h2 M18 14h2',
  cross: 'M6 6l12 12 M18 6L6 18',
  calendar: 'M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5 M8 14h3v3H8z',
  selftest:
    'M9 18h6 M10 21h4 M12 3a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.3 1.1 2.2h5c0-.9.4-1.6 1.1-2.2A6 6 0 0 0 12 3z',
  next: 'M13 5l7 7-7 7 M20 12H4',
  book: 'M4 5.5C6.5 4 9.5 4 12 6c2.5-2 5.5-2 8-.5V19c-2.5-1.5-5.5-1.5-8 .5-2.5-2-5.5-2-8-.5z M12 6v13.5',
  again: 'M20 12a8 8 0 1 1-2.3-5.7 M20 4v4.5h-4.5',
  hand: 'M9 11V5a1.5 1.5 0 0 1 3 0v5 M12 10V4a1.5 1.5 0 0 1 3 0v6 M15 10V6a1.5 1.5 0 0 1 3 0v7c0 4-2.5 8-7 8-3 0-4.5-1.5-6-4l-2-3.5a1.5 1.5 0 0 1 2.5-1.6L9 14',
};

/** A decorative line icon; the text beside it carries the meaning. */
export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  return (
    <svg
      class={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
