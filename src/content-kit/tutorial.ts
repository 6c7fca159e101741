import * as v from 'valibot';
import type { LocalizedText } from '../protocol/content-doc.ts';
import {
  MIN_TARGET,
  NAMELESS_TARGETS,
  reachableScreens,
  STEP_RANGE,
  TUTORIAL_ACTIONS,
  TUTORIAL_ICONS,
  type TutorialDoc,
  TutorialDocSchema,
  type TutorialStep,
  UNLABELLED_KINDS,
} from '../protocol/tutorial-doc.ts';
import type { Diagnostic } from './diagnostics.ts';
import { error } from './diagnostics.ts';
import { SourceFieldSchema } from './front-matter.ts';
import { compileScreens, ID, type Placed } from './tutorial-screens.ts';
import { isRecord, type YamlPath, YamlReporter } from './yaml-reporter.ts';
import { parseYaml } from './yaml-source.ts';

/** One tutorial file compiled: the document when it has no errors, and its place in the list. */
export interface CompiledTutorial {
  doc?: TutorialDoc;
  order: number;
}

const KEYS = ['id', 'order', 'icon', 'title', 'summary', 'reviewed', 'sources', 'screens', 'steps'];
const REQUIRED = ['id', 'icon', 'title', 'summary', 'reviewed', 'sources', 'screens', 'steps'];
const STEP_KEYS = ['screen', 'target', 'action', 'text', 'narration', 'next'];
const STEP_REQUIRED = ['screen', 'target', 'action', 'narration', 'next'];
/** Tutorials without `order` come after those with one. */
const LAST = 1000;

/** Checks and compiles `tutorials/<id>.yaml`; `stem` is the file name without `.yaml`. */
export function compileTutorialFile(
  text: string,
  file: string,
  stem: string,
  diagnostics: Diagnostic[],
): CompiledTutorial {
  const yaml = parseYaml(text);
  if (yaml.syntaxErrors.length > 0) {
    for (const e of yaml.syntaxErrors) diagnostics.push(error(file, e.line, 'YAML_SYNTAX', e.message));
    return { order: LAST };
  }
  const r = new YamlReporter(file, yaml, diagnostics, 'TUTORIAL_INVALID');
  const root = yaml.value;
  if (!isRecord(root)) {
    r.report([], r.invalid, 'a tutorial file is a map: id, title, summary, screens, steps, ...');
    return { order: LAST };
  }
  r.unknownKeys([], root, KEYS);
  for (const key of REQUIRED) {
    if (root[key] === undefined || root[key] === null)
      r.report([], r.invalid, `missing required field ${key}`);
  }
  const opt = <T>(key: string, schema: v.GenericSchema<unknown, T>, message: string) =>
    root[key] === undefined || root[key] === null ? undefined : r.field([key], root[key], schema, message);
  const id = opt('id', ID, 'must be an id');
  if (id && id !== stem)
    r.report(['id'], 'ID_FILE_MISMATCH', `"${id}" does not match the file name ${stem}.yaml`);
  const order = opt(
    'order',
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
    'must be 0 to 999',
  );
  const icon = opt('icon', v.picklist(TUTORIAL_ICONS), `must be one of ${TUTORIAL_ICONS.join(', ')}`);
  const title = root.title == null ? undefined : r.localized(['title'], root.title);
  const summary = root.summary == null ? undefined : r.localized(['summary'], root.summary);
  const reviewed = opt('reviewed', v.pipe(v.string(), v.isoDate()), 'must be a date YYYY-MM-DD');
  const sources = opt(
    'sources',
    v.pipe(v.array(SourceFieldSchema), v.minLength(1)),
    'must list at least one source (title, publisher, year, url)',
  );
  const screens = root.screens == null ? new Map() : compileScreens(r, root.screens);
  const steps = root.steps == null ? [] : compileSteps(r, root.steps, screens);
  if (r.errors > 0 || !id || !icon || !title || !summary || !reviewed || !sources)
    return { order: order ?? LAST };

  const doc = {
    id,
    icon,
    title,
    summary,
    reviewed,
    sources,
    screens: Object.fromEntries(
      [...screens].map(([sid, s]) => [
        sid,
        { ...(s.title ? { title: s.title } : {}), elements: s.elements.map((p: Placed) => p.el) },
      ]),
    ),
    steps,
  };
  const parsed = v.safeParse(TutorialDocSchema, doc);
  if (!parsed.success)
    throw new Error(`compiler bug: tutorial ${id} fails TutorialDocSchema: ${parsed.issues[0].message}`);
  return { doc: parsed.output, order: order ?? LAST };
}

type Screens = Map<string, { title?: LocalizedText; elements: Placed[] }>;

/** Checks `steps:` against the screens: references, order, actions, sizes and reachability. */
function compileSteps(r: YamlReporter, value: unknown, screens: Screens): TutorialStep[] {
  if (!Array.isArray(value)) {
    r.report(['steps'], r.invalid, 'must be a list of steps');
    return [];
  }
  if (value.length < STEP_RANGE.min || value.length > STEP_RANGE.max) {
    const msg = `a tutorial has ${STEP_RANGE.min} to ${STEP_RANGE.max} steps; this one has ${value.length}`;
    r.report(['steps'], 'STEP_COUNT', msg);
  }
  const before = r.errors;
  const small = new Set<Placed>();
  const steps: TutorialStep[] = [];
  let leadsTo: string | undefined;
  value.forEach((raw, i) => {
    const step = compileStep(r, ['steps', i], raw, screens, leadsTo, small);
    leadsTo = step?.next;
    if (step) steps.push(step);
  });
  // Only with every step sound, so one broken reference does not hide half the screens.
  if (r.errors === before && steps.length === value.length) {
    const reachable = reachableScreens(steps);
    for (const id of screens.keys()) {
      if (!reachable.has(id)) r.report(['screens', id], 'UNREACHABLE_SCREEN', 'no step leads to this screen');
    }
  }
  return steps;
}

function compileStep(
  r: YamlReporter,
  path: YamlPath,
  step: unknown,
  screens: Screens,
  leadsTo: string | undefined,
  small: Set<Placed>,
): TutorialStep | undefined {
  if (!isRecord(step)) {
    r.report(path, r.invalid, 'each step must be a map of fields (screen, target, action, narration, next)');
    return undefined;
  }
  const before = r.errors;
  const at = (key: string) => [...path, key];
  r.unknownKeys(path, step, STEP_KEYS);
  for (const key of STEP_REQUIRED) {
    if (step[key] === undefined || step[key] === null)
      r.report(path, r.invalid, `missing required field ${key}`);
  }
  const opt = <T>(key: string, schema: v.GenericSchema<unknown, T>, message: string) =>
    step[key] === undefined || step[key] === null ? undefined : r.field(at(key), step[key], schema, message);
  const screenId = opt('screen', ID, 'must be a screen id');
  const targetId = opt('target', ID, 'must be an element id');
  const action = opt('action', v.picklist(TUTORIAL_ACTIONS), `must be one of ${TUTORIAL_ACTIONS.join(', ')}`);
  const text = opt('text', v.pipe(v.string(), v.minLength(1), v.maxLength(24)), 'must be 1 to 24 characters');
  const narration = step.narration == null ? undefined : r.localized(at('narration'), step.narration);
  const next = opt('next', ID, 'must be a screen id');

  const screen = screenId === undefined ? undefined : screens.get(screenId);
  if (screenId !== undefined && !screen) r.report(at('screen'), 'UNKNOWN_SCREEN', `no screen "${screenId}"`);
  else if (screenId !== undefined && leadsTo !== undefined && leadsTo !== screenId) {
    const msg = `the step before leads to ${leadsTo}, so this step must be on ${leadsTo}`;
    r.report(at('screen'), 'STEP_SCREEN_MISMATCH', msg);
  }
  if (next !== undefined && !screens.has(next)) r.report(at('next'), 'UNKNOWN_SCREEN', `no screen "${next}"`);
  const target = screen && targetId ? screen.elements.find((p) => p.el.id === targetId) : undefined;
  if (screen && targetId && !target)
    r.report(at('target'), 'UNKNOWN_ELEMENT', `no element "${targetId}" on screen ${screenId}`);

  if (action === 'type') {
    if (text === undefined && step.text === undefined)
      r.report(path, 'ACTION_MISMATCH', 'a type step needs text: the characters to press on the keypad');
    if (target && target.el.kind !== 'keypad') {
      r.report(
        at('target'),
        'ACTION_MISMATCH',
        `a type step needs a keypad target; ${targetId} is a ${target.el.kind}`,
      );
    } else if (target && text !== undefined) {
      const keys = target.el.keys ?? '';
      const missing = [...new Set(text)].filter((c) => c === ' ' || !keys.includes(c));
      if (missing.length > 0)
        r.report(
          at('text'),
          'ACTION_MISMATCH',
          `"${missing.join('')}" is not on keypad ${targetId} (keys: ${keys})`,
        );
    }
  } else if (step.text !== undefined) {
    r.report(at('text'), 'ACTION_MISMATCH', 'only a type step has text');
  }
  // Kinds that must have a label were reported already; a panel may go without one, unless it is a target.
  const kind = target?.el.kind;
  if (
    target &&
    kind &&
    !target.el.label &&
    UNLABELLED_KINDS.includes(kind) &&
    !NAMELESS_TARGETS.includes(kind)
  ) {
    const msg = `${targetId} has no label; a step target needs one (it names the button people press)`;
    r.report(at('target'), r.invalid, msg);
  }
  if (action && action !== 'type' && target && !small.has(target)) {
    const [, , w, h] = target.el.box;
    if (w < MIN_TARGET || h < MIN_TARGET) {
      small.add(target);
      const msg = `${target.el.id} is a step target of ${w}x${h}; a target needs at least ${MIN_TARGET}x${MIN_TARGET}`;
      r.report([...target.path, 'box'], 'TARGET_TOO_SMALL', msg);
    }
  }
  if (r.errors > before || !screenId || !targetId || !action || !narration || !next) return undefined;
  return {
    screen: screenId,
    target: targetId,
    action,
    ...(text === undefined ? {} : { text }),
    narration,
    next,
  };
}
