import type { CapArea } from './cap.ts';

/** Where a station stands: its town's name, a point (WGS 84) and an administrative code, each optional. */
export interface Place {
  town?: string;
  lat?: number;
  lon?: number;
  /** An administrative division code (GB/T 2260, e.g. 532532 for Hekou county), or another scheme's value. */
  geocode?: string;
}

/** The areas an alert covers, as stored with its notice. */
export type AlertArea = CapArea[];

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Whether a point is inside a ring of [lat, lon] points, or on its edge (even-odd rule, in the
 * plane of longitude and latitude, which is what CAP's "lat,lon" polygons mean at county scale).
 */
export function insidePolygon(
  lat: number,
  lon: number,
  ring: ReadonlyArray<readonly [number, number]>,
): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [yi, xi] = ring[i] as readonly [number, number];
    const [yj, xj] = ring[j] as readonly [number, number];
    if (onSegment(lat, lon, yi, xi, yj, xj)) return true;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(y: number, x: number, y1: number, x1: number, y2: number, x2: number): boolean {
  const cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
  if (Math.abs(cross) > 1e-12) return false;
  return x >= Math.min(x1, x2) && x <= Math.max(x1, x2) && y >= Math.min(y1, y2) && y <= Math.max(y1, y2);
}

/** Folds a name for comparison: Unicode NFKC, lower case, no spaces. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/**
 * Whether an alert's code covers a place's: equal, or a GB/T 2260 code for a larger division
 * (530000 Yunnan covers 532532 Hekou and 532532100 a township of it; trailing zero groups widen).
 */
export function geocodeCovers(alertCode: string, placeCode: string): boolean {
  const a = alertCode.trim();
  const p = placeCode.trim();
  if (a === '' || p === '') return false;
  if (a === p) return true;
  if (!/^\d{6}(\d{3}){0,2}$/.test(a) || !/^\d{6}(\d{3}){0,2}$/.test(p)) return false;
  return p.startsWith(significant(a)) && significant(a).length <= significant(p).length;
}

/** A GB/T 2260 code without its trailing zero groups (pairs in the first six digits, then triples). */
function significant(code: string): string {
  let tail = code.slice(6);
  while (tail.endsWith('000')) tail = tail.slice(0, -3);
  if (tail !== '') return code.slice(0, 6) + tail;
  let head = code.slice(0, 6);
  while (head.length > 2 && head.endsWith('00')) head = head.slice(0, -2);
  return head;
}

/** Why an area covers a place, or null: its polygon or circle holds the point, or it names the town or code. */
export function areaCovers(areas: AlertArea, place: Place): 'polygon' | 'circle' | 'geocode' | 'town' | null {
  const hasPoint = typeof place.lat === 'number' && typeof place.lon === 'number';
  for (const area of areas) {
    if (hasPoint) {
      const { lat, lon } = place as { lat: number; lon: number };
      if (area.polygons.some((ring) => insidePolygon(lat, lon, ring))) return 'polygon';
      if (area.circles.some((c) => distanceKm(lat, lon, c.lat, c.lon) <= c.radiusKm)) return 'circle';
    }
    if (place.geocode && area.geocodes.some((g) => geocodeCovers(g.value, place.geocode ?? ''))) {
      return 'geocode';
    }
    const town = place.town ? fold(place.town) : '';
    // One character ("镇") would match almost anything.
    if ([...town].length >= 2 && fold(area.areaDesc).includes(town)) return 'town';
  }
  return null;
}
