import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlertState } from '../alert-store.ts';
import { addStation, expectCode, heartbeat, type SuiteContext, unique } from './fixtures.ts';

const T = (iso: string) => new Date(iso);

/** Alert rules, recipients, states with their history and messages, schedules, uptime, settings. */
export function alertTests(ctx: SuiteContext): void {
  describe('alerts, schedules, uptime and settings', () => {
    it('ships default rules for every group and keeps one rule per group and kind', async () => {
      const { alerts } = ctx.store();
      const defaults = (await alerts.listRules()).filter((r) => r.group === '*');
      expect(defaults.map((r) => r.kind).sort()).toEqual(
        ['clock_skew', 'notice_not_shown', 'silent', 'stale_content', 'storage_low', 'update_errors'].sort(),
      );
      const group = unique('g');
      const rule = {
        id: randomUUID(),
        group,
        kind: 'silent' as const,
        threshold: 3,
        remindHours: 12,
        enabled: false,
      };
      await alerts.saveRule(rule);
      expect((await alerts.listRules()).find((r) => r.id === rule.id)).toEqual(rule);
      await expectCode(alerts.saveRule({ ...rule, id: randomUUID() }), 'CONFLICT');
      expect(await alerts.deleteRule(rule.id)).toBe(true);
      expect(await alerts.deleteRule(rule.id)).toBe(false);
    });

    it('stores recipients with their sealed secret', async () => {
      const { alerts } = ctx.store();
      const r = {
        id: randomUUID(),
        channel: 'webhook' as const,
        address: 'https://example.test/hook',
        groups: ['a', 'b'],
        locale: 'vi' as const,
        enabled: true,
        sealedSecret: 'v1:abc',
      };
      await alerts.saveRecipient(r);
      expect((await alerts.listRecipients()).find((x) => x.id === r.id)).toEqual(r);
      await alerts.saveRecipient({ ...r, enabled: false, sealedSecret: null });
      expect((await alerts.listRecipients()).find((x) => x.id === r.id)).toMatchObject({
        enabled: false,
        sealedSecret: null,
      });
      expect(await alerts.deleteRecipient(r.id)).toBe(true);
    });

    it('moves an alert through its states once, with its event and messages, and queues them', async () => {
      const store = ctx.store();
      const { alerts } = store;
      const station = await addStation(store);
      const recipient = {
        id: randomUUID(),
        channel: 'email' as const,
        address: `${unique('c')}@x.test`,
        groups: ['*'],
        locale: 'zh-CN' as const,
        enabled: true,
        sealedSecret: null,
      };
      await alerts.saveRecipient(recipient);
      const id = `silent:${station.id}`;
      const first: AlertState = {
        id,
        kind: 'silent',
        stationId: station.id,
        subject: '',
        state: 'firing',
        since: T('2026-11-01T00:00:00Z'),
        notifiedAt: T('2026-11-01T06:00:00Z'),
        version: 1,
        detail: { since: '2026-11-01T00:00:00.000Z', threshold: 6, value: 6 },
        updatedAt: T('2026-11-01T06:00:00Z'),
      };
      const eventId = randomUUID();
      const deliveryId = randomUUID();
      const fire = {
        next: first,
        event: { id: eventId, type: 'firing' as const, at: T('2026-11-01T06:00:00Z'), detail: first.detail },
        deliveries: [
          {
            id: deliveryId,
            recipientId: recipient.id,
            channel: 'email' as const,
            address: recipient.address,
          },
        ],
      };
      expect(await alerts.transition(fire)).toBe(true);
      // A second process making the same transition from the same version changes nothing.
      expect(
        await alerts.transition({ ...fire, event: { ...fire.event, id: randomUUID() }, deliveries: [] }),
      ).toBe(false);
      expect((await alerts.states()).find((s) => s.id === id)).toEqual(first);
      const events = await alerts.events({ limit: 10, stationId: station.id });
      expect(events).toEqual([{ ...fire.event, alertId: id, kind: 'silent', stationId: station.id }]);

      const due = await alerts.dueDeliveries(T('2026-11-01T06:00:00Z'), 500);
      const mine = due.find((d) => d.id === deliveryId);
      expect(mine).toMatchObject({ status: 'pending', attempts: 0, eventId });
      expect(await alerts.eventsById([eventId])).toHaveLength(1);
      const until = T('2026-11-01T06:05:00Z');
      expect(await alerts.claimDelivery(deliveryId, mine?.nextAt as Date, until)).toBe(true);
      expect(await alerts.claimDelivery(deliveryId, mine?.nextAt as Date, until)).toBe(false);
      expect(
        (await alerts.dueDeliveries(T('2026-11-01T06:01:00Z'), 500)).some((d) => d.id === deliveryId),
      ).toBe(false);
      await alerts.finishDelivery(deliveryId, {
        status: 'sent',
        attempts: 1,
        nextAt: until,
        sentAt: until,
        error: null,
      });
      expect((await alerts.deliveriesOf([eventId]))[0]).toMatchObject({
        status: 'sent',
        attempts: 1,
        sentAt: until,
      });

      // Version 2: recovered, from version 1 only.
      const ok = {
        ...first,
        state: 'ok' as const,
        version: 2,
        since: T('2026-11-01T09:00:00Z'),
        updatedAt: T('2026-11-01T09:00:00Z'),
      };
      expect(
        await alerts.transition({
          next: ok,
          event: { id: randomUUID(), type: 'recovered', at: ok.since, detail: ok.detail },
        }),
      ).toBe(true);
      expect(await alerts.transition({ next: ok })).toBe(false);
      expect((await alerts.events({ limit: 10, stationId: station.id })).map((e) => e.type)).toEqual([
        'recovered',
        'firing',
      ]);
      expect(
        await alerts.events({ limit: 10, stationId: station.id, before: T('2026-11-01T07:00:00Z') }),
      ).toHaveLength(1);
    });

    it('claims a scheduled report period once, and again only after a failure is due', async () => {
      const { schedules } = ctx.store();
      const s = {
        id: randomUUID(),
        period: 'monthly' as const,
        scope: 'town' as const,
        scopeValue: '南溪镇',
        recipients: ['a@x.test'],
        locale: 'zh-CN' as const,
        enabled: true,
        createdAt: T('2026-10-01T00:00:00Z'),
      };
      await schedules.save(s);
      expect((await schedules.list()).find((x) => x.id === s.id)).toEqual(s);
      const now = T('2026-11-01T00:00:00Z');
      const until = T('2026-11-01T00:15:00Z');
      expect(await schedules.claimRun(s.id, '2026-10', now, until, 3)).toBe(true);
      expect(await schedules.claimRun(s.id, '2026-10', now, until, 3)).toBe(false);
      await schedules.finishRun(
        s.id,
        '2026-10',
        { ok: false, error: 'MAIL_NOT_CONFIGURED', retryAt: until },
        now,
      );
      expect(await schedules.claimRun(s.id, '2026-10', now, until, 3)).toBe(false);
      expect(await schedules.claimRun(s.id, '2026-10', until, T('2026-11-01T00:30:00Z'), 3)).toBe(true);
      await schedules.finishRun(s.id, '2026-10', { ok: true }, until);
      expect(
        await schedules.claimRun(s.id, '2026-10', T('2026-12-01T00:00:00Z'), T('2026-12-01T01:00:00Z'), 3),
      ).toBe(false);
      expect((await schedules.runs(100)).find((r) => r.scheduleId === s.id)).toMatchObject({
        status: 'sent',
        attempts: 2,
        error: null,
      });
      expect(await schedules.delete(s.id)).toBe(true);
    });

    it('rolls heartbeats up into 15-minute slots per station day (UTC+8)', async () => {
      const store = ctx.store();
      const station = await addStation(store);
      // 23:50 and 23:55 on 1 Nov (one slot), 00:05 on 2 Nov station time, then 20 minutes later.
      for (const iso of [
        '2030-11-01T15:50:00Z',
        '2030-11-01T15:55:00Z',
        '2030-11-01T16:05:00Z',
        '2030-11-01T16:25:00Z',
      ])
        await store.recordHeartbeat(station.id, heartbeat(0), T(iso));
      await store.uptime.rollup(T('2030-11-01T00:00:00Z'), T('2030-11-02T12:00:00Z'));
      const days = (await store.uptime.days('2030-11-01', '2030-11-02')).filter(
        (d) => d.stationId === station.id,
      );
      expect(days).toEqual([
        { stationId: station.id, day: '2030-11-01', slots: 1 },
        { stationId: station.id, day: '2030-11-02', slots: 2 },
      ]);
      // Rolling up again gives the same counts, not more.
      await store.uptime.rollup(T('2030-11-01T00:00:00Z'), T('2030-11-02T12:00:00Z'));
      expect(
        (await store.uptime.days('2030-11-01', '2030-11-02')).filter((d) => d.stationId === station.id),
      ).toEqual(days);
      expect((await store.uptime.firstDays()).get(station.id)).toBe('2030-11-01');
      expect(await store.uptime.lastDay()).toBe('2030-11-02');
    });

    it('keeps settings as JSON by name', async () => {
      const { settings } = ctx.store();
      const name = unique('setting');
      expect(await settings.get(name)).toBeNull();
      await settings.set(name, { host: 'h', port: 25, list: [1, 2] });
      await settings.set(name, { host: 'h2', port: 587, list: [] });
      expect(await settings.get(name)).toEqual({ host: 'h2', port: 587, list: [] });
    });
  });
}
