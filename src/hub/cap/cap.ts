import type { Locale } from '../../protocol/locales.ts';
import type { CERTAINTIES, SEVERITIES, URGENCIES } from '../../protocol/notice.ts';
import { child, childrenNamed, parseXml, type XmlElement, XmlError } from './xml.ts';

/** CAP 1.2's namespace; 1.1 documents have the same shape for every field read here. */
export const CAP_NS = ['urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:1.1'];

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
const SCOPES = ['Public', 'Restricted', 'Private'] as const;

/** One earlier message named in `<references>`. */
export interface CapReference {
  sender: string;
  identifier: string;
  sent: string;
}

export interface CapArea {
  areaDesc: string;
  /** Closed rings of [lat, lon] (WGS 84), first point repeated last. */
  polygons: Array<Array<[number, number]>>;
  circles: Array<{ lat: number; lon: number; radiusKm: number }>;
  geocodes: Array<{ valueName: string; value: string }>;
}

export interface CapInfo {
  /** The `<language>` as written (RFC 3066), `en-US` when absent. */
  language: string;
  /** The kiosk language it is shown in, or null for a language the kiosks do not speak. */
  locale: Locale | null;
  /** Traditional Chinese fills the Chinese slot only when no Simplified block is there. */
  traditional: boolean;
  event: string;
  urgency: (typeof URGENCIES)[number];
  severity: (typeof SEVERITIES)[number];
  certainty: (typeof CERTAINTIES)[number];
  effective?: Date;
  onset?: Date;
  expires?: Date;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  areas: CapArea[];
}

/** The fields of a CAP alert that matter here, validated. */
export interface CapAlert {
  identifier: string;
  sender: string;
  /** As written (references quote it) and as a time. */
  sentText: string;
  sent: Date;
  status: (typeof CAP_STATUSES)[number];
  msgType: (typeof CAP_MSG_TYPES)[number];
  scope: (typeof SCOPES)[number];
  references: CapReference[];
  info: CapInfo[];
}

/** Why a CAP document was refused: a code, where (a field path and line), and, if known, whose. */
export class CapError extends Error {
  constructor(
    readonly code: 'CAP_INVALID' | 'CAP_NOT_CAP' | XmlError['code'],
    message: string,
    readonly line: number,
    readonly id?: { sender: string; identifier: string },
  ) {
    super(message);
    this.name = 'CapError';
  }
}

const MAX_TEXT = { headline: 200, description: 2000, instruction: 1000, areaDesc: 400, senderName: 200 };
/** Characters that CAP forbids in identifier and sender (spaces, commas, `<` and `&`). */
const ID_FORBIDDEN = /[\s,<&]/;
/** CAP's dateTime: a date, a time to the second, and a time zone (CAP says `-00:00`, not `Z`; both are taken). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a CAP 1.2 document from bytes, or throws a CapError saying what and where. */
export function parseCap(bytes: Uint8Array): CapAlert {
  let root: XmlElement;
  try {
    root = parseXml(bytes, { bytes: 512 * 1024, depth: 20, elements: 5_000, text: 20_000 });
  } catch (error) {
    if (error instanceof XmlError) throw new CapError(error.code, error.message, error.line);
    throw error;
  }
  return capFromElement(root);
}

/** Reads a CAP `<alert>` element (a whole document, or one embedded in a feed entry). */
export function capFromElement(root: XmlElement): CapAlert {
  if (root.name !== 'alert' || !CAP_NS.includes(root.ns)) {
    throw new CapError('CAP_NOT_CAP', `the root element is <${root.name}>, not a CAP 1.2 <alert>`, root.line);
  }
  const ns = root.ns;
  const reader = new FieldReader(root, ns);
  // Identity first, so a refusal can still say which message it was.
  const identifier = reader.id('identifier');
  const sender = reader.id('sender');
  reader.who = { sender, identifier };
  const sentText = reader.required('sent');
  const sent = reader.time('sent', sentText);
  const status = reader.pick('status', CAP_STATUSES);
  const msgType = reader.pick('msgType', CAP_MSG_TYPES);
  const scope = reader.pick('scope', SCOPES);
  const references = reader.references();
  if ((msgType === 'Update' || msgType === 'Cancel') && references.length === 0) {
    reader.fail(
      `references: an ${msgType} must name the message it ${msgType === 'Update' ? 'updates' : 'cancels'}`,
      root,
    );
  }
  const info = childrenNamed(root, 'info', ns).map((el, i) => readInfo(reader, el, `info[${i}]`));
  if ((msgType === 'Alert' || msgType === 'Update') && info.length === 0) {
    reader.fail('info: an alert needs at least one <info> block', root);
  }
  return { identifier, sender, sentText, sent, status, msgType, scope, references, info };
}

function readInfo(reader: FieldReader, el: XmlElement, path: string): CapInfo {
  const at = reader.at(el, path);
  const language = at.optional('language') ?? 'en-US';
  const { locale, traditional } = kioskLocale(language);
  const urgency = at.pick('urgency', ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const);
  const severity = at.pick('severity', ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const);
  const certainty = at.pick('certainty', ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const);
  if (childrenNamed(el, 'category', reader.ns).length === 0)
    at.fail('category: at least one is required', el);
  const info: CapInfo = {
    language,
    locale,
    traditional,
    event: clip(at.required('event'), MAX_TEXT.headline),
    urgency: urgency.toLowerCase() as CapInfo['urgency'],
    severity: severity.toLowerCase() as CapInfo['severity'],
    certainty: certainty.toLowerCase() as CapInfo['certainty'],
    areas: childrenNamed(el, 'area', reader.ns).map((a, i) => readArea(at, a, `${path}.area[${i}]`)),
  };
  for (const name of ['effective', 'onset', 'expires'] as const) {
    const text = at.optional(name);
    if (text !== undefined) info[name] = at.time(name, text);
  }
  if (info.onset && info.expires && info.expires <= info.onset) at.fail('expires: must be after onset', el);
  for (const name of ['senderName', 'headline', 'description', 'instruction'] as const) {
    const text = at.optional(name);
    if (text !== undefined) info[name] = clip(text, MAX_TEXT[name]);
  }
  return info;
}

function readArea(parent: FieldReader, el: XmlElement, path: string): CapArea {
  const at = parent.at(el, path);
  const area: CapArea = {
    areaDesc: clip(at.required('areaDesc'), MAX_TEXT.areaDesc),
    polygons: [],
    circles: [],
    geocodes: [],
  };
  for (const [i, p] of childrenNamed(el, 'polygon', parent.ns).entries()) {
    area.polygons.push(parsePolygon(p.text, (m) => at.fail(`polygon[${i}]: ${m}`, p)));
  }
  for (const [i, c] of childrenNamed(el, 'circle', parent.ns).entries()) {
    area.circles.push(parseCircle(c.text, (m) => at.fail(`circle[${i}]: ${m}`, c)));
  }
  for (const [i, g] of childrenNamed(el, 'geocode', parent.ns).entries()) {
    const valueName = child(g, 'valueName', parent.ns)?.text.trim();
    const value = child(g, 'value', parent.ns)?.text.trim();
    if (!valueName || !value || value.length > 64)
      at.fail(`geocode[${i}]: needs <valueName> and a <value> of at most 64 characters`, g);
    area.geocodes.push({ valueName: valueName ?? '', value: value ?? '' });
  }
  return area;
}

/** CAP's polygon: at least four "lat,lon" pairs separated by spaces, the first repeated last. */
export function parsePolygon(text: string, fail: (message: string) => never): Array<[number, number]> {
  const points = text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => parsePoint(pair, fail));
  if (points.length < 4) fail('needs at least four points (a closed ring)');
  const [first, last] = [points[0], points[points.length - 1]];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
    fail('the first and last points must be the same');
  }
  return points;
}

/** CAP's circle: "lat,lon radius" with the radius in kilometres. */
export function parseCircle(text: string, fail: (message: string) => never) {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2) fail('must be "lat,lon radius"');
  const [lat, lon] = parsePoint(parts[0] ?? '', fail);
  const radiusKm = Number(parts[1]);
  if (!Number.isFinite(radiusKm) || radiusKm < 0 || radiusKm > 20_000) fail('radius must be 0 to 20000 km');
  return { lat, lon, radiusKm };
}

function parsePoint(pair: string, fail: (message: string) => never): [number, number] {
  const parts = pair.split(',');
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (
    parts.length !== 2 ||
    parts.some((p) => p.trim() === '') ||
    !Number.isFinite(lat) ||
    !Number.isFinite(lon)
  ) {
    fail(`"${pair.slice(0, 40)}" is not "lat,lon"`);
  }
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) fail(`${pair} is outside -90..90, -180..180`);
  return [lat, lon];
}

/** Which kiosk language a CAP `<language>` (RFC 3066) is shown in. */
export function kioskLocale(language: string): { locale: Locale | null; traditional: boolean } {
  const tag = language.trim().toLowerCase();
  const primary = tag.split('-')[0];
  if (primary === 'zh') {
    const traditional = /^zh-(tw|hk|mo|hant)\b/.test(tag);
    return { locale: 'zh-CN', traditional };
  }
  if (primary === 'vi') return { locale: 'vi', traditional: false };
  if (primary === 'en') return { locale: 'en', traditional: false };
  return { locale: null, traditional: false };
}

/** Trims, collapses runs of blanks (keeping line breaks), and cuts over-long text with an ellipsis. */
function clip(text: string, max: number): string {
  const tidy = text
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return [...tidy].length > max ? `${[...tidy].slice(0, max - 1).join('')}…` : tidy;
}

/** Reads the fields of one element, failing with the field's path and line. */
class FieldReader {
  who: { sender: string; identifier: string } | undefined;
  constructor(
    readonly el: XmlElement,
    readonly ns: string,
    readonly path = '',
    who?: { sender: string; identifier: string },
  ) {
    this.who = who;
  }

  at(el: XmlElement, path: string): FieldReader {
    return new FieldReader(el, this.ns, path, this.who);
  }

  fail(message: string, where: XmlElement = this.el): never {
    throw new CapError('CAP_INVALID', this.path ? `${this.path}.${message}` : message, where.line, this.who);
  }

  /** The element of a field, where a refusal of its value points. */
  private where(name: string): XmlElement {
    return child(this.el, name, this.ns) ?? this.el;
  }

  optional(name: string): string | undefined {
    const found = childrenNamed(this.el, name, this.ns);
    if (found.length > 1) this.fail(`${name}: appears ${found.length} times`, found[1]);
    const text = found[0]?.text.trim();
    return text === '' ? undefined : text;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) this.fail(`${name}: is required`, this.where(name));
    return value;
  }

  id(name: string): string {
    const value = this.required(name);
    if (ID_FORBIDDEN.test(value) || value.length > 256) {
      this.fail(`${name}: must be at most 256 characters without spaces, commas, < or &`, this.where(name));
    }
    return value;
  }

  pick<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.required(name);
    if (!(allowed as readonly string[]).includes(value)) {
      this.fail(`${name}: "${value.slice(0, 40)}" is not one of ${allowed.join(', ')}`, this.where(name));
    }
    return value as T;
  }

  time(name: string, text: string): Date {
    const m = DATE_TIME.exec(text);
    const date = m ? new Date(text) : undefined;
    // The parts must survive a round trip, so 2026-02-31 or 24:00 are refused, not rolled over.
    if (!m || !date || Number.isNaN(date.getTime()) || !sameFields(m, date)) {
      this.fail(
        `${name}: "${text.slice(0, 40)}" is not a CAP date and time such as 2026-06-01T08:30:00+08:00`,
        this.where(name),
      );
    }
    return date;
  }

  references(): CapReference[] {
    const text = this.optional('references');
    if (text === undefined) return [];
    return text.split(/\s+/).map((triple) => {
      const [sender, identifier, sent, ...rest] = triple.split(',');
      if (!sender || !identifier || !sent || rest.length > 0) {
        this.fail(`references: "${triple.slice(0, 60)}" is not sender,identifier,sent`);
      }
      return { sender, identifier, sent };
    });
  }
}

/** Whether the written fields of a dateTime are the ones the parsed time has in that zone. */
function sameFields(m: RegExpExecArray, date: Date): boolean {
  const zone = m[8] ?? 'Z';
  const offset =
    zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  if (Math.abs(offset) > 14 * 60) return false;
  const local = new Date(date.getTime() + offset * 60_000);
  return (
    local.getUTCFullYear() === Number(m[1]) &&
    local.getUTCMonth() + 1 === Number(m[2]) &&
    local.getUTCDate() === Number(m[3]) &&
    local.getUTCHours() === Number(m[4]) &&
    local.getUTCMinutes() === Number(m[5]) &&
    local.getUTCSeconds() === Number(m[6])
  );
}
