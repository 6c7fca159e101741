import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { NoticeSchema } from '../../protocol/notice.ts';
import { areaCovers } from './area.ts';
import { CapError, parseCap } from './cap.ts';
import { alertToNotice } from './to-notice.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));
const enc = (s: string) => new TextEncoder().encode(s);
/** The CapError a document is refused with. */
function refusal(bytes: Uint8Array): CapError {
  try {
    parseCap(bytes);
  } catch (error) {
    if (error instanceof CapError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}
/** two-languages.xml with one field's text replaced. */
const withField = (name: string, value: string) =>
  enc(
    fixture('two-languages.xml')
      .toString('utf8')
      .replace(new RegExp(`<${name}>[^<]*</${name}>`), `<${name}>${value}</${name}>`),
  );

describe('CAP 1.2 parsing', () => {
  it('reads an alert with a Chinese and an English info block', () => {
    const alert = parseCap(fixture('two-languages.xml'));
    expect(alert).toMatchObject({
      identifier: 'HK-MET-2027-0612-001',
      sender: 'hekou-met@example.gov.cn',
      sentText: '2027-06-12T06:00:00+08:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      references: [],
    });
    expect(alert.sent.toISOString()).toBe('2027-06-11T22:00:00.000Z');
    expect(alert.info.map((i) => [i.language, i.locale])).toEqual([
      ['zh-CN', 'zh-CN'],
      ['en-US', 'en'],
    ]);
    const [zh] = alert.info;
    expect(zh).toMatchObject({ severity: 'severe', urgency: 'expected', certainty: 'likely' });
    expect(zh?.areas[0]?.polygons[0]).toHaveLength(5);
    expect(zh?.areas[0]?.geocodes).toEqual([{ valueName: 'GB/T 2260', value: '532532' }]);

    const content = alertToNotice(alert);
    expect(content?.notice).toMatchObject({
      severity: 'severe',
      status: 'actual',
      headline: { 'zh-CN': '河口县气象局发布暴雨橙色预警', en: 'Orange rainstorm warning for Hekou' },
      sender: { 'zh-CN': '河口县气象局', en: 'Hekou County Meteorological Bureau' },
      area: { 'zh-CN': '河口县河口镇', en: 'Hekou town, Hekou county' },
      onset: '2027-06-11T22:00:00.000Z',
      expires: '2027-06-13T00:00:00.000Z',
    });
    // No Vietnamese block: the kiosk falls back to Chinese with a note.
    expect(content?.notice.headline.vi).toBeUndefined();
    expect(v.safeParse(NoticeSchema, { ...content?.notice, id: 'c-1' }).success).toBe(true);
  });

  it('reads an Update with its reference, and a Cancel of two messages without info', () => {
    const update = parseCap(fixture('update.xml'));
    expect(update.msgType).toBe('Update');
    expect(update.references).toEqual([
      {
        sender: 'hekou-met@example.gov.cn',
        identifier: 'HK-MET-2027-0612-001',
        sent: '2027-06-12T06:00:00+08:00',
      },
    ]);
    expect(alertToNotice(update)?.notice).toMatchObject({ severity: 'extreme', urgency: 'immediate' });
    const cancel = parseCap(fixture('cancel.xml'));
    expect(cancel.msgType).toBe('Cancel');
    expect(cancel.info).toEqual([]);
    expect(cancel.references.map((r) => r.identifier)).toEqual([
      'HK-MET-2027-0612-001',
      'HK-MET-2027-0612-002',
    ]);
  });

  it('refuses an Update or Cancel that names no earlier message', () => {
    const text = fixture('cancel.xml')
      .toString('utf8')
      .replace(/<references>[^<]*<\/references>/, '');
    const error = refusal(enc(text));
    expect(error.code).toBe('CAP_INVALID');
    expect(error.message).toMatch(/references: a?n? ?Cancel must name/);
    expect(error.id).toEqual({ sender: 'hekou-met@example.gov.cn', identifier: 'HK-MET-2027-0612-003' });
  });

  it('matches polygon and circle areas against points, and names against towns and codes', () => {
    const polygon = alertToNotice(parseCap(fixture('two-languages.xml')))?.area ?? [];
    expect(areaCovers(polygon, { lat: 22.5, lon: 103.95 })).toBe('polygon');
    // On the edge counts as inside; just outside does not.
    expect(areaCovers(polygon, { lat: 22.45, lon: 103.95 })).toBe('polygon');
    expect(areaCovers(polygon, { lat: 22.62, lon: 103.95 })).toBeNull();
    expect(areaCovers(polygon, { lat: 22.62, lon: 103.95, town: '河口镇' })).toBe('town');
    expect(areaCovers(polygon, { geocode: '532532102' })).toBe('geocode');
    expect(areaCovers(polygon, { geocode: '532531' })).toBeNull();
    expect(areaCovers(polygon, { town: '镇' })).toBeNull();

    const circle = alertToNotice(parseCap(fixture('circle.xml')));
    expect(circle?.notice.headline).toEqual({
      'zh-CN': '南溪镇附近发生滑坡险情',
      vi: 'Nguy cơ sạt lở đất gần Nam Khê',
    });
    const area = circle?.area ?? [];
    // 10 km around 22.63,103.95: 0.08° of latitude is about 8.9 km, 0.1° about 11.1 km.
    expect(areaCovers(area, { lat: 22.71, lon: 103.95 })).toBe('circle');
    expect(areaCovers(area, { lat: 22.73, lon: 103.95 })).toBeNull();
    // Without <expires>, an alert lasts a day from its onset (here its sent time).
    expect(circle?.notice.expires).toBe('2027-07-03T06:10:00.000Z');
  });

  it('reads an expired alert (the ingest refuses to show it) and Exercise and Test statuses', () => {
    const expired = alertToNotice(parseCap(fixture('expired.xml')));
    expect(Date.parse(expired?.notice.expires ?? '')).toBeLessThan(Date.parse('2026-05-03T00:00:00Z'));
    expect(alertToNotice(parseCap(fixture('exercise.xml')))?.notice.status).toBe('exercise');
    expect(alertToNotice(parseCap(fixture('test-status.xml')))?.notice).toMatchObject({
      status: 'test',
      urgency: 'unknown',
      certainty: 'unknown',
    });
  });

  it('refuses a wrong status with the field and its line', () => {
    const error = refusal(fixture('wrong-status.xml'));
    expect(error.code).toBe('CAP_INVALID');
    expect(error.message).toBe('status: "Real" is not one of Actual, Exercise, System, Test, Draft');
    expect(error.line).toBe(7);
    expect(error.id?.identifier).toBe('HK-BAD-STATUS-1');
  });

  it('refuses malformed XML with the line', () => {
    const error = refusal(fixture('malformed.xml'));
    expect(error.code).toBe('XML_MALFORMED');
    expect(error.line).toBe(12);
  });

  it('refuses an XML bomb at its DTD, before reading what follows', () => {
    const bomb = fixture('bomb.xml');
    const error = refusal(bomb);
    expect(error.code).toBe('XML_DTD_REFUSED');
    // A bomb followed by broken XML is still refused for its DTD: parsing stopped there.
    const tail = enc(`${bomb.toString('utf8')}<broken><`);
    expect(refusal(tail).code).toBe('XML_DTD_REFUSED');
    // Any DTD, even a harmless one, and external entities.
    const external = '<?xml version="1.0"?><!DOCTYPE a SYSTEM "file:///etc/passwd"><alert/>';
    expect(refusal(enc(external)).code).toBe('XML_DTD_REFUSED');
    // Undeclared entities are malformed, not looked up.
    const entity = fixture('two-languages.xml').toString('utf8').replace('<sender>', '<sender>&xxe;');
    expect(refusal(enc(entity)).code).toBe('XML_MALFORMED');
  });

  it('refuses bombs without a DTD: deep nesting, too many elements, too many bytes', () => {
    expect(refusal(enc(`${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`)).code).toBe('XML_TOO_LARGE');
    expect(refusal(enc(`<a>${'<b/>'.repeat(6000)}</a>`)).code).toBe('XML_TOO_LARGE');
    expect(refusal(new Uint8Array(600 * 1024).fill(0x20)).code).toBe('XML_TOO_LARGE');
  });

  it('refuses documents that are not CAP, and bad fields with their path', () => {
    expect(refusal(enc('<feed xmlns="http://www.w3.org/2005/Atom"/>')).code).toBe('CAP_NOT_CAP');
    expect(refusal(enc('<alert xmlns="urn:example"/>')).code).toBe('CAP_NOT_CAP');
    const cases: Array<[string, string, RegExp]> = [
      ['identifier', 'has space', /^identifier: must be/],
      ['sender', 'a,b', /^sender: must be/],
      ['sent', '2027-06-12T06:00:00', /^sent: .* is not a CAP date/],
      ['sent', '2027-02-30T06:00:00+08:00', /^sent: /],
      ['msgType', 'Warning', /^msgType: /],
      ['scope', 'Everyone', /^scope: /],
      ['severity', 'Huge', /^info\[0\]\.severity: /],
      ['urgency', '', /^info\[0\]\.urgency: is required/],
      [
        'polygon',
        '22.45,103.90 22.45,104.02 22.45,103.90',
        /^info\[0\]\.area\[0\]\.polygon\[0\]: needs at least four/,
      ],
      ['polygon', '22.45,103.90 22.45,104.02 22.56,104.02 22.56,103.91', /first and last points/],
      ['polygon', '95,103.90 22.45,104.02 22.56,104.02 95,103.90', /outside/],
      ['expires', '2027-06-12T07:00:00+08:00', /^info\[0\]\.expires: must be after onset/],
    ];
    for (const [field, value, message] of cases) {
      expect(refusal(withField(field, value)).message, `${field}=${value}`).toMatch(message);
    }
    const circle = fixture('circle.xml').toString('utf8').replace('22.63,103.95 10', '22.63,103.95');
    expect(refusal(enc(circle)).message).toMatch(/circle\[0\]: must be "lat,lon radius"/);
  });

  it('decodes a declared encoding (GBK here) and refuses bytes that do not match it', () => {
    const [before, after] = fixture('two-languages.xml')
      .toString('utf8')
      .replace('encoding="UTF-8"', 'encoding="GBK"')
      .replace(/<headline>[^<]*<\/headline>/, '<headline>~~~</headline>')
      .replace(/[^\t\n\r -~]/g, 'x')
      .split('~~~');
    // 南 is C4 CF in GBK.
    const gbk = Buffer.concat([enc(before ?? ''), Buffer.from([0xc4, 0xcf]), enc(after ?? '')]);
    expect(parseCap(gbk).info[0]?.headline).toBe('南');
    const broken = Buffer.concat([enc(before ?? ''), Buffer.from([0x81, 0x20]), enc(after ?? '')]);
    expect(refusal(broken).code).toBe('XML_ENCODING');
    const unknown = enc(
      fixture('two-languages.xml')
        .toString('utf8')
        .replace('encoding="UTF-8"', 'encoding="no-such-encoding"'),
    );
    expect(refusal(unknown).code).toBe('XML_ENCODING');
  });
});
