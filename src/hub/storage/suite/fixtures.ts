import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Heartbeat } from '../../../protocol/heartbeat.ts';
import type { Notice } from '../../../protocol/notice.ts';
import type { Counter, Metric } from '../../../protocol/usage.ts';
import type { Station, Store } from '../store.ts';

/** What each part of the shared suite gets: the suite's open store, and a way to open another. */
export interface SuiteContext {
  /** The store opened (and migrated) for this suite run. */
  store(): Store;
  /** Opens another store on the same database, like a second hub process would. */
  open(): Promise<Store>;
}

/** A name no other test in the run uses (every test shares one database). */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A fresh random hash-like token (64 hex digits). */
export function hash(): string {
  return randomUUID().replaceAll('-', '').repeat(2);
}

/** A fixed instant plus some minutes: tests pass their own clock. */
export function at(minutes = 0): Date {
  return new Date(Date.UTC(2025, 5, 1, 8, 0, 0, 0) + minutes * 60_000);
}

/** Creates a station in its own (unique unless given) town and group. */
export function addStation(store: Store, over: Partial<{ name: string; town: string; group: string }> = {}) {
  return store.createStation({
    name: over.name ?? unique('station'),
    town: over.town ?? unique('town'),
    group: over.group ?? unique('group'),
  });
}

/** Creates a station and enrolls it with a fresh token; returns the station and its token hash. */
export async function enrolledStation(store: Store): Promise<{ station: Station; token: string }> {
  const station = await addStation(store);
  const code = hash();
  const token = hash();
  await store.addEnrollmentCode(station.id, code, at(60));
  const redeemed = await store.redeemEnrollmentCode(code, token, at());
  expect(redeemed?.id).toBe(station.id);
  return { station, token };
}

/** A counter. */
export function counter(day: string, metric: Metric, key: string, count: number): Counter {
  return { day, metric, key, count };
}

/** A heartbeat with a given queue length (to tell them apart). */
export function heartbeat(queue: number, errors: string[] = []): Heartbeat {
  return {
    appVersion: '1.2.3',
    packVersion: 7,
    lastUpdate: { checkedAt: '2025-06-01T08:00:00.000Z', result: 'ok' },
    errors,
    storage: { used: 1_000_000, quota: 50_000_000 },
    queue,
  };
}

/** A notice in force from `onset` to `expires` (ISO timestamps). */
export function notice(id: string, onset: string, expires: string): Notice {
  return {
    id,
    severity: 'severe',
    urgency: 'immediate',
    headline: { 'zh-CN': '暴雨预警', vi: 'Cảnh báo mưa lớn', en: 'Heavy rain warning' },
    instruction: { 'zh-CN': '请远离河道', vi: 'Tránh xa bờ sông', en: 'Keep away from rivers' },
    onset,
    expires,
  };
}

/** Expects a promise to reject with a StoreError-like `code`. */
export async function expectCode(promise: Promise<unknown>, code: 'CONFLICT' | 'NOT_FOUND'): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}
