import type { JSX } from 'preact';
import { useRef } from 'preact/hooks';
import type { Locale } from '../../protocol/locales.ts';
import { keypadGrid, PHONE, type PhoneElement, type TutorialAction } from '../../protocol/tutorial-doc.ts';
import type { TutorialRun } from '../stores/tutorial-run.ts';
import { ElementBody } from './PhoneParts.tsx';
import { useLessonT } from './use-lesson-t.ts';

/** The phone's body around its screen, in design units. */
const BEZEL = { side: 16, top: 44, bottom: 44 };
/** The whole phone, in design units: the player scales it to the space it has. */
export const PHONE_FRAME = {
  width: PHONE.width + 2 * BEZEL.side,
  height: PHONE.height + BEZEL.top + BEZEL.bottom,
};
const LONG_PRESS_MS = 700;
/** CSS px a finger must travel for a swipe; less is a tap. */
const SWIPE_PX = 40;
const STILL_PX = 12;

interface Press {
  x: number;
  y: number;
  onTarget: boolean;
  timer?: number;
}

/**
 * The simulated phone: a generic body, the step's screen drawn from data, and the resident's
 * taps, long presses and swipes. Only the step's target is a real button; anything else
 * pressed on the screen shows the hint.
 */
export function Phone({
  run,
  locale,
  scale,
  hinted,
}: {
  run: TutorialRun;
  locale: Locale;
  scale: number;
  hinted: boolean;
}) {
  const lt = useLessonT();
  const press = useRef<Press | null>(null);
  const suppressClick = useRef(false);
  const done = run.done.value;
  const step = run.step.value;
  const screen = run.screen.value;
  const target = done ? undefined : step.target;
  const typing = !done && step.action === 'type';
  const field = typing ? screen.elements.find((e) => e.kind === 'textfield')?.id : undefined;

  function gesture(action: Exclude<TutorialAction, 'type'>, onTarget: boolean): void {
    suppressClick.current = true;
    run.act(onTarget ? target : undefined, action);
  }

  function finish(e: PointerEvent): void {
    const p = press.current;
    press.current = null;
    if (!p) return;
    window.clearTimeout(p.timer);
    const dx = e.clientX - p.x;
    const dy = e.clientY - p.y;
    if (Math.hypot(dx, dy) < SWIPE_PX) return; // a tap: the click that follows handles it
    const horizontal = Math.abs(dx) > Math.abs(dy);
    gesture(
      horizontal ? (dx < 0 ? 'swipe-left' : 'swipe-right') : dy < 0 ? 'swipe-up' : 'swipe-down',
      p.onTarget,
    );
  }

  const handlers = {
    onPointerDown(e: JSX.TargetedPointerEvent<HTMLElement>) {
      if (!e.isPrimary || done) return;
      suppressClick.current = false;
      const onTarget = Boolean((e.target as Element).closest('.phone__target'));
      const p: Press = { x: e.clientX, y: e.clientY, onTarget };
      if (onTarget && step.action === 'longpress') {
        p.timer = window.setTimeout(() => {
          press.current = null;
          gesture('longpress', true);
        }, LONG_PRESS_MS);
      }
      press.current = p;
    },
    onPointerMove(e: JSX.TargetedPointerEvent<HTMLElement>) {
      const p = press.current;
      if (p?.timer !== undefined && Math.hypot(e.clientX - p.x, e.clientY - p.y) > STILL_PX) {
        window.clearTimeout(p.timer);
        p.timer = undefined;
      }
    },
    onPointerUp: finish,
    onPointerLeave: finish,
    onPointerCancel() {
      window.clearTimeout(press.current?.timer);
      press.current = null;
    },
    // A press that was not on the target (the target's own click handles that).
    onClick(e: JSX.TargetedMouseEvent<HTMLElement>) {
      if (suppressClick.current || done) {
        suppressClick.current = false;
        return;
      }
      const el = e.target as Element;
      if (el.closest('.phone__target')) return;
      const key = el.closest<HTMLElement>('[data-key]')?.dataset.key;
      if (typing && key !== undefined) run.press(key);
      else run.act(undefined, 'tap');
    },
  };

  const onTargetClick = () => {
    if (suppressClick.current) return;
    run.act(target, 'tap');
  };

  const renderElement = (el: PhoneElement) => {
    const [x, y, w, h] = el.box;
    const isTarget = el.id === target && el.kind !== 'keypad';
    const classes = [
      'ph',
      `ph--${el.kind}`,
      el.tone && `ph--${el.tone}`,
      el.size && `ph--${el.size}`,
      w >= 2 * h && 'ph--wide',
      w === h && 'ph--round',
      el.kind === 'button' && w <= 100 && 'ph--narrow',
      isTarget && 'phone__target',
      isTarget && hinted && 'is-hinted',
    ]
      .filter(Boolean)
      .join(' ');
    const style: JSX.CSSProperties = { left: x, top: y, width: w, height: h };
    if (el.kind === 'keypad' && el.keys) {
      const grid = keypadGrid(el.keys, el.box);
      style.gridTemplateColumns = `repeat(${grid.cols}, 1fr)`;
      style.gridTemplateRows = `repeat(${grid.rows}, 1fr)`;
    }
    const next = typing && el.id === target ? (el.keys ?? '').indexOf(run.nextKey.value ?? '\u0000') : -1;
    const body = (
      <ElementBody
        el={el}
        locale={locale}
        typed={el.id === field ? run.typed.value : undefined}
        renderKey={(key, i) =>
          i === next ? (
            <button
              key={i}
              type="button"
              class={`ph-key is-next phone__target${hinted ? ' is-hinted' : ''}`}
              aria-label={lt('lesson.key', { key })}
              data-key={key}
              onClick={() => !suppressClick.current && run.press(key)}
            >
              {key}
            </button>
          ) : (
            <span key={i} class="ph-key" data-key={key} aria-hidden="true">
              {key}
            </span>
          )
        }
      />
    );
    if (isTarget) {
      const name = el.label?.[locale] ?? lt('lesson.statusbar');
      return (
        <button
          key={el.id}
          type="button"
          class={classes}
          style={style}
          data-el={el.id}
          aria-label={name}
          onClick={onTargetClick}
        >
          {body}
        </button>
      );
    }
    return (
      <div
        key={el.id}
        class={classes}
        style={style}
        data-el={el.id}
        aria-hidden={el.kind === 'keypad' && next >= 0 ? undefined : 'true'}
      >
        {body}
      </div>
    );
  };

  return (
    <div class="phone" style={{ width: PHONE_FRAME.width * scale, height: PHONE_FRAME.height * scale }}>
      <div class="phone__frame" style={{ transform: `scale(${scale})` }}>
        <span class="phone__speaker" aria-hidden="true" />
        <section
          class="phone__screen"
          aria-label={lt('lesson.phone', { screen: screen.title?.[locale] ?? run.doc.title[locale] })}
          data-action={done ? 'done' : step.action}
          {...handlers}
        >
          {screen.elements.map(renderElement)}
        </section>
      </div>
    </div>
  );
}
