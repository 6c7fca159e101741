import * as v from 'valibot';
import { LocalizedTextSchema, SourceSchema } from './content-doc.ts';

/**
 * The compiled phone-tutorial format: a simulated phone's screens as data (elements with
 * boxes in a 360x720 coordinate space) and the steps that lead through them.
 */

/** The simulated phone's screen, in design units; the kiosk scales it to the panel. */
export const PHONE = { width: 360, height: 720 } as const;
/** Smallest step target, in design units: at the kiosk's smallest phone scale this is 60 CSS px. */
export const MIN_TARGET = 64;
/** Smallest keypad cell (a key plus its gap), in design units. */
export const MIN_KEY_CELL = 70;
/** How many steps a tutorial may have. */
export const STEP_RANGE = { min: 5, max: 15 } as const;

/** What a resident does on a step's target. */
export const TUTORIAL_ACTIONS = [
  'tap',
  'longpress',
  'swipe-left',
  'swipe-right',
  'swipe-up',
  'swipe-down',
  'type',
] as const;
export type TutorialAction = (typeof TUTORIAL_ACTIONS)[number];

/** Things drawn on the simulated phone. */
export const ELEMENT_KINDS = [
  'statusbar',
  'appicon',
  'button',
  'chatlist',
  'chatitem',
  'keypad',
  'textfield',
  'toggle',
  'dialog',
  'text',
  'image',
  'bubble',
  'slider',
] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

/** Kinds that need no `label`: they draw no words of their own (a list or panel is a background). */
export const UNLABELLED_KINDS: readonly ElementKind[] = ['statusbar', 'keypad', 'chatlist', 'dialog'];
/** Kinds that may be a step target without a label (keys are named by their character). */
export const NAMELESS_TARGETS: readonly ElementKind[] = ['statusbar', 'keypad'];

/** Colour schemes: `primary` blue, `go` green (answer, call), `stop` red (hang up, warnings). */
export const ELEMENT_TONES = ['plain', 'primary', 'go', 'stop'] as const;
/** Text sizes (the font-size tutorial shows words grow). */
export const ELEMENT_SIZES = ['normal', 'large', 'huge'] as const;

/** Generic line icons the kiosk can draw (no brand marks). */
export const TUTORIAL_ICONS = [
  'phone',
  'chat',
  'camera',
  'gallery',
  'settings',
  'wifi',
  'pay',
  'scan',
  'shield',
  'hospital',
  'video',
  'mic',
  'send',
  'plus',
  'back',
  'home',
  'recent',
  'flip',
  'mute',
  'hangup',
  'call',
  'text-size',
  'display',
  'keyboard',
  'fingerprint',
  'check',
  'calendar',
  'doctor',
  'photo',
  'qr',
  'bluetooth',
  'flashlight',
  'person',
  'group',
  'warning',
  'chevron',
  'flag',
  'close',
  'sound',
  'location',
] as const;
export type TutorialIcon = (typeof TUTORIAL_ICONS)[number];

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), v.maxLength(80));
const Unit = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(PHONE.height));

/** `[x, y, width, height]` inside the phone's screen. */
export const BoxSchema = v.pipe(
  v.tuple([Unit, Unit, Unit, Unit]),
  v.check((box) => insidePhone(box), 'box is outside the phone'),
);
export type Box = v.InferOutput<typeof BoxSchema>;

/** One thing on a screen. Fields beyond id, kind and box depend on the kind. */
export const ElementSchema = v.strictObject({
  id: Id,
  kind: v.picklist(ELEMENT_KINDS),
  box: BoxSchema,
  label: v.optional(LocalizedTextSchema),
  /** A second, smaller line (a chat's last message, a dialog's body). */
  detail: v.optional(LocalizedTextSchema),
  /** What a text field holds. */
  value: v.optional(LocalizedTextSchema),
  icon: v.optional(v.picklist(TUTORIAL_ICONS)),
  tone: v.optional(v.picklist(ELEMENT_TONES)),
  size: v.optional(v.picklist(ELEMENT_SIZES)),
  /** A toggle's state. */
  on: v.optional(v.boolean()),
  /** A keypad's keys in reading order, three to a row; a space leaves a cell empty. */
  keys: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(16))),
  /** A slider's position, 0 to 100. */
  level: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))),
});
export type PhoneElement = v.InferOutput<typeof ElementSchema>;

export const ScreenSchema = v.strictObject({
  title: v.optional(LocalizedTextSchema),
  elements: v.pipe(v.array(ElementSchema), v.maxLength(60)),
});
export type PhoneScreen = v.InferOutput<typeof ScreenSchema>;

export const StepSchema = v.strictObject({
  screen: Id,
  target: Id,
  action: v.picklist(TUTORIAL_ACTIONS),
  /** For `type`: the characters to press on the keypad, in order. */
  text: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(24))),
  narration: LocalizedTextSchema,
  next: Id,
});
export type TutorialStep = v.InferOutput<typeof StepSchema>;

const TutorialFieldsSchema = v.strictObject({
  id: Id,
  icon: v.picklist(TUTORIAL_ICONS),
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  reviewed: v.pipe(v.string(), v.isoDate()),
  sources: v.pipe(v.array(SourceSchema), v.minLength(1)),
  screens: v.record(Id, ScreenSchema),
  steps: v.pipe(v.array(StepSchema), v.minLength(STEP_RANGE.min), v.maxLength(STEP_RANGE.max)),
});

/** One tutorial: `tutorials/<id>.json` in a pack. Screens are complete (`extends` resolved). */
export const TutorialDocSchema = v.pipe(
  TutorialFieldsSchema,
  v.check((doc) => tutorialProblems(doc).length === 0, 'steps do not fit the screens'),
);
export type TutorialDoc = v.InferOutput<typeof TutorialDocSchema>;

/** What the topic list needs about one tutorial: `tutorials.json` in a pack. */
export const TutorialCatalogSchema = v.strictObject({
  tutorials: v.array(
    v.strictObject({
      id: Id,
      icon: v.picklist(TUTORIAL_ICONS),
      title: LocalizedTextSchema,
      summary: LocalizedTextSchema,
      steps: v.pipe(v.number(), v.integer(), v.minValue(STEP_RANGE.min), v.maxValue(STEP_RANGE.max)),
    }),
  ),
});
export type TutorialCatalog = v.InferOutput<typeof TutorialCatalogSchema>;

/** Path of a tutorial in a pack. */
export function tutorialPath(id: string): string {
  return `tutorials/${id}.json`;
}

/** Path of the tutorials catalog in a pack. */
export const TUTORIAL_CATALOG_PATH = 'tutorials.json';

/** True when a box lies inside the phone's screen. */
export function insidePhone(box: readonly number[]): boolean {
  const [x = 0, y = 0, w = 0, h = 0] = box;
  return w > 0 && h > 0 && x + w <= PHONE.width && y + h <= PHONE.height;
}

/** A keypad's grid: three columns, as many rows as its keys need. */
export function keypadGrid(
  keys: string,
  box: Box,
): { cols: number; rows: number; cellW: number; cellH: number } {
  const cols = Math.min(3, keys.length);
  const rows = Math.ceil(keys.length / 3);
  return { cols, rows, cellW: box[2] / cols, cellH: box[3] / rows };
}

/** Screens reachable from the first step's screen by following each step's `next`. */
export function reachableScreens(steps: readonly Pick<TutorialStep, 'screen' | 'next'>[]): Set<string> {
  const seen = new Set<string>();
  const first = steps[0]?.screen;
  if (first === undefined) return seen;
  const queue = [first];
  while (queue.length > 0) {
    const screen = queue.shift() as string;
    if (seen.has(screen)) continue;
    seen.add(screen);
    for (const s of steps) if (s.screen === screen) queue.push(s.next);
  }
  return seen;
}

/**
 * What is wrong with a tutorial's references (empty when nothing): a kiosk refuses a document
 * with problems; the compiler reports the same rules with file and line.
 */
export function tutorialProblems(doc: {
  screens: Record<string, PhoneScreen>;
  steps: readonly TutorialStep[];
}): string[] {
  const problems: string[] = [];
  for (const [id, screen] of Object.entries(doc.screens)) {
    const ids = screen.elements.map((e) => e.id);
    if (new Set(ids).size !== ids.length) problems.push(`screen ${id} has an element id twice`);
  }
  doc.steps.forEach((step, i) => {
    const screen = doc.screens[step.screen];
    const target = screen?.elements.find((e) => e.id === step.target);
    if (!screen) problems.push(`step ${i}: no screen ${step.screen}`);
    else if (!target) problems.push(`step ${i}: no element ${step.target} on ${step.screen}`);
    if (!doc.screens[step.next]) problems.push(`step ${i}: no screen ${step.next}`);
    const before = doc.steps[i - 1];
    if (before && before.next !== step.screen) problems.push(`step ${i}: does not follow step ${i - 1}`);
    if ((step.action === 'type') !== (step.text !== undefined)) problems.push(`step ${i}: text without type`);
    if (step.action === 'type' && target) {
      const keys = target.kind === 'keypad' ? (target.keys ?? '') : '';
      if (![...(step.text ?? '')].every((c) => c !== ' ' && keys.includes(c)))
        problems.push(`step ${i}: text not on a keypad`);
    }
  });
  const reachable = reachableScreens(doc.steps);
  for (const id of Object.keys(doc.screens)) {
    if (!reachable.has(id)) problems.push(`screen ${id} is unreachable`);
  }
  return problems;
}
