import type { TutorialIcon } from '../../protocol/tutorial-doc.ts';

/** Arrows and a hand for the tutorial's own buttons, beside the content's icons. */
export type GuideIcon = 'arrow-up' | 'arrow-down' | 'arrow-left' | 'arrow-right' | 'hold';

// 24x24 line drawings of generic phone things: no brand marks, strokes only.
const PATHS: Record<TutorialIcon | GuideIcon, string> = {
  phone:
    'M5 3.5h4l2 5-2.5 1.5a11 11 0 0 0 5.5 5.5L15.5 13l5 2v4a2 2 0 0 1-2 2A16.5 16.5 0 0 1 3 5.5a2 2 0 0 1 2-2z',
  call: 'M5 3.5h4l2 5-2.5 1.5a11 11 0 0 0 5.5 5.5L15.5 13l5 2v4a2 2 0 0 1-2 2A16.5 16.5 0 0 1 3 5.5a2 2 0 0 1 2-2z',
  chat: 'M4 5h16v11H9l-5 4z M8.5 10.5h.01 M12 10.5h.01 M15.5 10.5h.01',
  camera: 'M3 8h4l2-3h6l2 3h4v11H3z M12 16.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z',
  gallery: 'M7 3h14v14 M3 7h14v14H3z M3 18l4-4 3 3 2-2 5 5',
  settings:
    'M12 5a7 7 0 1 0 0 14 7 7 0 0 0 0-14z M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z M12 2v3 M12 19v3 M2 12h3 M19 12h3 M4.9 4.9L7 7 M17 17l2.1 2.1 M4.9 19.1L7 17 M17 7l2.1-2.1',
  wifi: 'M2 9a15 15 0 0 1 20 0 M5 12.5a10 10 0 0 1 14 0 M8.5 16a5 5 0 0 1 7 0 M12 19.5v.5',
  pay: 'M3 7h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z M3 7l12-3v3 M16 13.5h2',
  scan: 'M4 8V4h4 M16 4h4v4 M20 16v4h-4 M8 20H4v-4 M4 12h16',
  shield: 'M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z M8.5 12l2.5 2.5 4.5-5',
  hospital: 'M4 21V5h16v16 M2 21h20 M12 8v6 M9 11h6 M10 21v-3h4v3',
  video: 'M3 7h12v10H3z M15 10.5l6-3.5v10l-6-3.5',
  mic: 'M12 3a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3z M5.5 11a6.5 6.5 0 0 0 13 0 M12 17.5V21 M8.5 21h7',
  send: 'M3 11l18-8-8 18-2-8z M11 13l10-10',
  plus: 'M12 5v14 M5 12h14',
  back: 'M10 5l-7 7 7 7 M3 12h18',
  home: 'M3 11l9-8 9 8 M5 9.5V21h14V9.5',
  recent: 'M5 5h14v14H5z',
  flip: 'M4 10a8 8 0 0 1 14-4.5l2 2 M20 3.5v4h-4 M20 14a8 8 0 0 1-14 4.5l-2-2 M4 20.5v-4h4',
  mute: 'M4 9h4l5-4v14l-5-4H4z M16 9l5 6 M21 9l-5 6',
  hangup: 'M2.5 14.5c5.3-5.3 13.7-5.3 19 0l-2.5 3-4-1.5v-3c-2-.7-4-.7-6 0v3L5 17.5z',
  'text-size': 'M3 19l5-14 5 14 M4.8 14h6.4 M14 19l3.5-9 3.5 9 M15.2 16h4.6',
  display: 'M3 4h18v12H3z M8 20h8 M12 16v4',
  keyboard: 'M2 6h20v12H2z M6 10h.01 M10 10h.01 M14 10h.01 M18 10h.01 M7 14h10',
  fingerprint:
    'M7 11a5 5 0 0 1 10 0v2 M9.5 20a9 9 0 0 0 2.5-7v-2 M14.5 20.5c.8-2 1-3.5 1-5.5 M4.5 16.5A12 12 0 0 0 5 11a7 7 0 0 1 14 0v1 M18.5 16.5c.3-1 .5-2 .5-3',
  check: 'M4 12.5l5 5L20 6.5',
  calendar: 'M3 5h18v16H3z M3 10h18 M8 3v4 M16 3v4',
  doctor: 'M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21a8 8 0 0 1 16 0 M12 14v5 M9.5 16.5h5',
  photo: 'M3 5h18v14H3z M3 17l6-6 4 4 3-3 5 5 M16 9.5a1.5 1.5 0 1 0 0-.01',
  qr: 'M4 4h6v6H4z M14 4h6v6h-6z M4 14h6v6H4z M14 14h2v2h-2z M18 18h2v2h-2z M14 18h2 M18 14h2',
  bluetooth: 'M7 7l10 10-5 4V3l5 4L7 17',
  flashlight: 'M7 3h10l-2 6v12H9V9z M7 6h10 M12 13v2',
  person: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9z M3.5 21a8.5 8.5 0 0 1 17 0',
  group:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z M2 20a7 7 0 0 1 14 0 M16 4.5a3.5 3.5 0 0 1 0 6.5 M18.5 14a6 6 0 0 1 3.5 6',
  warning: 'M12 3l10 18H2z M12 9v6 M12 18v.5',
  chevron: 'M9 5l7 7-7 7',
  flag: 'M5 21V4 M5 4h12l-2 4 2 4H5',
  close: 'M5 5l14 14 M19 5L5 19',
  sound: 'M4 9h4l5-4v14l-5-4H4z M16.5 8.5a5 5 0 0 1 0 7 M19 6a8.5 8.5 0 0 1 0 12',
  location:
    'M12 21s-7-6.5-7-12a7 7 0 0 1 14 0c0 5.5-7 12-7 12z M12 11.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
  'arrow-up': 'M12 20V4 M5 11l7-7 7 7',
  'arrow-down': 'M12 4v16 M5 13l7 7 7-7',
  'arrow-left': 'M20 12H4 M11 5l-7 7 7 7',
  'arrow-right': 'M4 12h16 M13 5l7 7-7 7',
  hold: 'M9 11V5a1.5 1.5 0 0 1 3 0v5 M12 10V4a1.5 1.5 0 0 1 3 0v6 M15 10V6a1.5 1.5 0 0 1 3 0v7c0 4-2.5 8-7 8-3 0-4.5-1.5-6-4l-2-3.5a1.5 1.5 0 0 1 2.5-1.6L9 14',
};

/** A decorative line icon of the simulated phone or the tutorial guide. */
export function PhoneIcon({ name, class: className }: { name: TutorialIcon | GuideIcon; class?: string }) {
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
