import { batch, computed, signal } from '@preact/signals';
import type { PhoneScreen, TutorialAction, TutorialDoc, TutorialStep } from '../../protocol/tutorial-doc.ts';
import type { UsageCounter } from './kiosk-context.ts';

/** Why the hint shows: nothing happened for a while, or the resident did something else. */
export type HintReason = 'idle' | 'wrong';

/**
 * One resident going through one tutorial: the step, what is typed so far, the hint and the
 * end. A run counts `tutorial_start`, each step index the first time it is reached
 * (`tutorial_step <id>/<index>`, from 0), and `tutorial_complete`; starting over is a new run.
 * Nothing here outlives the screen, so an idle reset discards it.
 */
export function createTutorialRun(doc: TutorialDoc, usage: Pick<UsageCounter, 'count'>) {
  const index = signal(0);
  const typed = signal('');
  const hint = signal<HintReason | null>(null);
  const done = signal(false);
  let reached = new Set<number>();

  const last = doc.steps[doc.steps.length - 1] as TutorialStep;
  const step = computed(() => doc.steps[index.value] ?? last);
  /** The screen the phone shows: the step's, or where the last step led. */
  const screen = computed<PhoneScreen>(() => {
    const id = done.value ? last.next : step.value.screen;
    return doc.screens[id] ?? { elements: [] };
  });
  /** For a typing step, the key to press next. */
  const nextKey = computed(() =>
    step.value.action === 'type' && !done.value ? step.value.text?.[typed.value.length] : undefined,
  );

  function reach(i: number): void {
    batch(() => {
      index.value = i;
      typed.value = '';
      hint.value = null;
    });
    if (!reached.has(i)) {
      reached.add(i);
      usage.count('tutorial_step', `${doc.id}/${i}`);
    }
  }

  function advance(): void {
    if (index.value + 1 < doc.steps.length) {
      reach(index.value + 1);
      return;
    }
    batch(() => {
      done.value = true;
      hint.value = null;
    });
    usage.count('tutorial_complete', doc.id);
  }

  /** Starts a run from the first step (also "start over"). */
  function begin(): void {
    reached = new Set();
    done.value = false;
    usage.count('tutorial_start', doc.id);
    reach(0);
  }

  /**
   * The resident did `action` on element `target` (undefined: on no element). Advances and
   * returns true when that is what the step asks; otherwise shows the hint.
   */
  function act(target: string | undefined, action: Exclude<TutorialAction, 'type'>): boolean {
    if (done.value) return false;
    const s = step.value;
    if (s.action === 'type' || s.target !== target || s.action !== action) {
      hint.value = 'wrong';
      return false;
    }
    advance();
    return true;
  }

  /** A key pressed on the phone's keypad during a typing step. */
  function press(key: string): boolean {
    if (nextKey.value === undefined || key !== nextKey.value) {
      hint.value = 'wrong';
      return false;
    }
    typed.value += key;
    hint.value = hint.value === 'wrong' ? null : hint.value;
    if (typed.value === step.value.text) advance();
    return true;
  }

  /** Goes back one step (or clears what was typed on the first). */
  function back(): void {
    if (done.value) return;
    reach(Math.max(0, index.value - 1));
  }

  /** Shows the hint because nothing has happened for a while. */
  function idle(): void {
    if (!done.value && hint.value === null) hint.value = 'idle';
  }

  return {
    doc,
    index,
    step,
    screen,
    typed,
    nextKey,
    hint,
    done,
    begin,
    act,
    press,
    back,
    idle,
    restart: begin,
  };
}

export type TutorialRun = ReturnType<typeof createTutorialRun>;
