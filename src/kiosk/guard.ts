const EDITABLE = 'input, textarea, [contenteditable="true"]';
// Browser shortcuts that zoom, print, save, open, find or leave the page.
const BLOCKED_CTRL_KEYS = new Set(['+', '-', '=', '0', 'p', 's', 'o', 'f', 'l', 'n', 't', 'w', 'u']);

/**
 * Keeps the kiosk a kiosk: no context menu, text selection, dragging, pinch or keyboard zoom,
 * or browser shortcuts. Chromium's kiosk flags close the rest (see scripts/kiosk-launch.sh).
 */
export function guardKiosk(win: Window): void {
  const block = (event: Event) => event.preventDefault();
  win.addEventListener('contextmenu', block);
  win.addEventListener('dragstart', block);
  win.addEventListener('selectstart', (event) => {
    if (!(event.target instanceof Element && event.target.closest(EDITABLE))) event.preventDefault();
  });
  win.addEventListener(
    'wheel',
    (event) => {
      if (event.ctrlKey) event.preventDefault();
    },
    { passive: false },
  );
  win.addEventListener(
    'touchmove',
    (event) => {
      if (event.touches.length > 1) event.preventDefault();
    },
    { passive: false },
  );
  win.addEventListener('keydown', (event) => {
    const ctrl = event.ctrlKey || event.metaKey;
    if ((ctrl && BLOCKED_CTRL_KEYS.has(event.key.toLowerCase())) || event.key === 'F5') {
      event.preventDefault();
    }
    if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) event.preventDefault();
  });
}
