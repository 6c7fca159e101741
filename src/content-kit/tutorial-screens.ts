import * as v from 'valibot';
import type { LocalizedText } from '../protocol/content-doc.ts';
import {
  type Box,
  ELEMENT_KINDS,
  ELEMENT_SIZES,
  ELEMENT_TONES,
  type ElementKind,
  insidePhone,
  keypadGrid,
  MIN_KEY_CELL,
  PHONE,
  type PhoneElement,
  TUTORIAL_ICONS,
  UNLABELLED_KINDS,
} from '../protocol/tutorial-doc.ts';
import { isRecord, type YamlPath, type YamlReporter } from './yaml-reporter.ts';

/** An element and where it was written (a screen that extends another inherits the place). */
export interface Placed {
  el: PhoneElement;
  path: YamlPath;
}

/** A screen as written: its own elements, and the screen it builds on. */
interface RawScreen {
  title?: LocalizedText;
  extends?: string;
  extendsPath: YamlPath;
  elements: Placed[];
}

export const ID = v.pipe(
  v.string('must be text'),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and hyphens'),
  v.maxLength(80, 'must be at most 80 characters'),
);

const ELEMENT_KEYS = [
  'id',
  'kind',
  'box',
  'label',
  'detail',
  'value',
  'icon',
  'tone',
  'size',
  'on',
  'keys',
  'level',
];
const Unit = v.pipe(v.number(), v.integer(), v.minValue(0));
const BOX = v.tuple([Unit, Unit, Unit, Unit]);
/** Fields only some kinds may have. */
const ONLY: Record<string, readonly ElementKind[]> = {
  keys: ['keypad'],
  on: ['toggle'],
  level: ['slider'],
  value: ['textfield'],
  size: ['text', 'textfield', 'bubble', 'appicon', 'chatitem', 'button'],
};

/** Checks `screens:` and resolves `extends`: every screen with its complete element list. */
export function compileScreens(
  r: YamlReporter,
  value: unknown,
): Map<string, { title?: LocalizedText; elements: Placed[] }> {
  const out = new Map<string, { title?: LocalizedText; elements: Placed[] }>();
  if (!isRecord(value) || Object.keys(value).length === 0) {
    r.report(['screens'], r.invalid, 'must be a map of screens by id');
    return out;
  }
  const raw = new Map<string, RawScreen>();
  for (const [id, screen] of Object.entries(value)) {
    const parsed = rawScreen(r, ['screens', id], id, screen);
    if (parsed) raw.set(id, parsed);
  }
  const visiting = new Set<string>();
  const resolve = (id: string): Placed[] => {
    const done = out.get(id);
    if (done) return done.elements;
    const screen = raw.get(id);
    if (!screen) return [];
    visiting.add(id);
    let elements: Placed[] = [];
    if (screen.extends !== undefined) {
      if (!raw.has(screen.extends)) {
        r.report(screen.extendsPath, 'UNKNOWN_SCREEN', `no screen "${screen.extends}"`);
      } else if (visiting.has(screen.extends)) {
        r.report(
          screen.extendsPath,
          r.invalid,
          `${screen.extends} extends ${id}: screens cannot extend in a circle`,
        );
      } else elements = [...resolve(screen.extends)];
    }
    for (const placed of screen.elements) {
      const at = elements.findIndex((p) => p.el.id === placed.el.id);
      if (at >= 0) elements[at] = placed;
      else elements.push(placed);
    }
    visiting.delete(id);
    out.set(id, { ...(screen.title ? { title: screen.title } : {}), elements });
    return elements;
  };
  for (const id of raw.keys()) resolve(id);
  return out;
}

function rawScreen(r: YamlReporter, path: YamlPath, id: string, screen: unknown): RawScreen | undefined {
  if (!v.is(ID, id)) r.report(path, r.invalid, 'screen ids are lower-case letters, digits and hyphens');
  if (!isRecord(screen)) {
    r.report(path, r.invalid, 'a screen is a map with elements (and optional title, extends)');
    return undefined;
  }
  r.unknownKeys(path, screen, ['title', 'extends', 'elements']);
  const title = screen.title === undefined ? undefined : r.localized([...path, 'title'], screen.title);
  const extendsPath = [...path, 'extends'];
  const base =
    screen.extends === undefined
      ? undefined
      : r.field(extendsPath, screen.extends, ID, 'must be a screen id');
  const list = screen.elements ?? [];
  if (!Array.isArray(list)) {
    r.report([...path, 'elements'], r.invalid, 'must be a list of elements');
    return undefined;
  }
  if (list.length === 0 && base === undefined)
    r.report(path, r.invalid, 'a screen needs elements or extends');
  const elements: Placed[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const at = [...path, 'elements', i];
    const el = element(r, at, item);
    if (!el) return;
    const first = seen.get(el.id);
    if (first !== undefined) {
      r.report(
        [...at, 'id'],
        'DUPLICATE_ID',
        `element id ${el.id} is already used by elements[${first}] of this screen`,
      );
      return;
    }
    seen.set(el.id, i);
    elements.push({ el, path: at });
  });
  return { ...(title ? { title } : {}), ...(base ? { extends: base } : {}), extendsPath, elements };
}

function element(r: YamlReporter, path: YamlPath, value: unknown): PhoneElement | undefined {
  if (!isRecord(value)) {
    r.report(path, r.invalid, 'each element must be a map of fields (id, kind, box, ...)');
    return undefined;
  }
  r.unknownKeys(path, value, ELEMENT_KEYS);
  for (const key of ['id', 'kind', 'box']) {
    if (value[key] === undefined || value[key] === null)
      r.report(path, r.invalid, `missing required field ${key}`);
  }
  const at = (key: string) => [...path, key];
  const opt = <T>(key: string, schema: v.GenericSchema<unknown, T>, message: string) =>
    value[key] === undefined ? undefined : r.field(at(key), value[key], schema, message);
  const id = opt('id', ID, 'must be an id');
  const kind = opt('kind', v.picklist(ELEMENT_KINDS), `must be one of ${ELEMENT_KINDS.join(', ')}`);
  const box = opt('box', BOX, 'must be [x, y, width, height] in whole units');
  if (box && !insidePhone(box)) {
    const msg = `[${box.join(', ')}] reaches past the phone's ${PHONE.width}x${PHONE.height} screen`;
    r.report(
      at('box'),
      'BOX_OUTSIDE_PHONE',
      box[2] === 0 || box[3] === 0 ? 'width and height must be above 0' : msg,
    );
  }
  const text = (key: string) => (value[key] === undefined ? undefined : r.localized(at(key), value[key]));
  const label = text('label');
  const detail = text('detail');
  const fieldValue = text('value');
  const icon = opt('icon', v.picklist(TUTORIAL_ICONS), `must be one of ${TUTORIAL_ICONS.join(', ')}`);
  const tone = opt('tone', v.picklist(ELEMENT_TONES), `must be one of ${ELEMENT_TONES.join(', ')}`);
  const size = opt('size', v.picklist(ELEMENT_SIZES), `must be one of ${ELEMENT_SIZES.join(', ')}`);
  const on = opt('on', v.boolean(), 'must be true or false');
  const keys = opt('keys', v.pipe(v.string(), v.minLength(1), v.maxLength(16)), 'must be 1 to 16 characters');
  const level = opt(
    'level',
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
    'must be 0 to 100',
  );
  if (kind) {
    if (value.label === undefined && !UNLABELLED_KINDS.includes(kind))
      r.report(path, r.invalid, `missing required field label (a ${kind} shows words)`);
    for (const [key, kinds] of Object.entries(ONLY)) {
      if (value[key] !== undefined && !kinds.includes(kind))
        r.report(at(key), r.invalid, `only ${kinds.join(', ')} elements have ${key}`);
    }
    if (kind === 'keypad' && value.keys === undefined)
      r.report(path, r.invalid, 'missing required field keys');
    if (kind === 'keypad' && keys && box) keypadSize(r, at('keys'), keys, box);
  }
  // Kept with other mistakes (already reported) so steps can still refer to it.
  if (!id || !kind || !box) return undefined;
  const el: PhoneElement = { id, kind, box };
  if (label) el.label = label;
  if (detail) el.detail = detail;
  if (fieldValue) el.value = fieldValue;
  if (icon) el.icon = icon;
  if (tone) el.tone = tone;
  if (size) el.size = size;
  if (on !== undefined) el.on = on;
  if (keys) el.keys = keys;
  if (level !== undefined) el.level = level;
  return el;
}

function keypadSize(r: YamlReporter, path: YamlPath, keys: string, box: Box): void {
  const { cellW, cellH } = keypadGrid(keys, box);
  if (cellW < MIN_KEY_CELL || cellH < MIN_KEY_CELL) {
    const size = `${Math.floor(cellW)}x${Math.floor(cellH)}`;
    const msg = `each key gets a cell of ${size}; a key needs at least ${MIN_KEY_CELL}x${MIN_KEY_CELL} (make the box bigger)`;
    r.report(path, 'TARGET_TOO_SMALL', msg);
  }
}
