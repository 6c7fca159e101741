/**
 * Alerts end to end: a real hub (HTTP, SQLite file), its real scheduler and jobs, a real SMTP
 * server (smtp-server on loopback, with a password) and a webhook receiver (node:http). A kiosk
 * goes silent: one email and one webhook call arrive, nothing more within the suppression, and
 * a "recovered" message when its heartbeats come back. Usage uploads never count as heard from.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubJobs } from '../../src/hub/jobs.ts';
import { createScheduler, type Scheduler } from '../../src/hub/scheduler.ts';
import { startTestHub, type TestHub } from '../../src/hub/test-hub.ts';
import type { WebhookPayload } from '../../src/protocol/alerts.ts';

const SMTP_USER = 'alerts@hekou.test';
const SMTP_PASSWORD = 'smtp pass 9f3a1c77';
const WEBHOOK_SECRET = 'webhook-secret-0123456789';
const HOUR = 3_600_000;
const MINUTE = 60_000;

let hub: TestHub;
let admin: Record<string, string>;
let smtp: SMTPServer;
let smtpPort = 0;
let webhook: Server;
let webhookUrl = '';
let scheduler: Scheduler;
const mails: ParsedMail[] = [];
const calls: Array<{ body: string; signature: string | undefined; event: string | undefined }> = [];
/** Answers the webhook gives next (then 204). */
const webhookAnswers: number[] = [];
let station: { stationId: string; token: string };
let t0 = 0;
let liveVersion = 0;

const api = async (method: string, path: string, body?: unknown, headers = admin) => {
  const res = await fetch(`${hub.url}/api/v1/admin${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};

const heartbeat = async () => {
  const res = await fetch(`${hub.url}/api/v1/heartbeat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${station.token}` },
    body: JSON.stringify({
      appVersion: '1.0.0',
      packVersion: liveVersion,
      lastUpdate: null,
      errors: [],
      storage: { used: 1_000, quota: 1_000_000 },
      queue: 0,
      sentAt: hub.clock.now.toISOString(),
    }),
  });
  expect(res.status).toBe(204);
};

/** Moves the hub's clock to `ms` after the first heartbeat and lets the scheduler run what is due. */
const at = async (ms: number) => {
  hub.clock.now = new Date(t0 + ms);
  // Each message is stored before the SMTP server or webhook answers, so it is here when this resolves.
  await scheduler.tick();
};

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, done) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) done(null, { user: auth.username });
      else done(new Error('wrong password'));
    },
    onData(stream, _session, done) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  webhook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: req.headers['x-kepu-signature'] as string | undefined,
        event: req.headers['x-kepu-event'] as string | undefined,
      });
      res.statusCode = webhookAnswers.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/county/alerts`;

  hub = await startTestHub({ publish: true });
  t0 = Date.parse('2026-11-16T02:00:00Z');
  hub.clock.now = new Date(t0);
  admin = await hub.login('admin');
  liveVersion = (await hub.store.activeRelease('hekou'))?.version ?? 0;
  scheduler = createScheduler({ leases: hub.store.leases, jobs: hubJobs(hub.ctx), now: () => hub.clock.now });
});

afterAll(async () => {
  await scheduler?.stop();
  await hub?.close();
  await new Promise((r) => smtp?.close(() => r(undefined)));
  await new Promise((r) => webhook?.close(() => r(undefined)));
});

describe('alerts for a silent kiosk', () => {
  it('are set up in the console by an admin: mail server, recipients, a rule for the group', async () => {
    const saved = await api('PUT', '/alerts/smtp', {
      host: '127.0.0.1',
      port: smtpPort,
      security: 'none',
      username: SMTP_USER,
      password: SMTP_PASSWORD,
      from: 'hub@hekou.test',
      consoleUrl: 'https://hub.hekou.test',
    });
    expect(saved.status, saved.text).toBe(200);
    // The password is write-only: never sent back, and not in the database in clear.
    expect(saved.text).not.toContain(SMTP_PASSWORD);
    expect(saved.json.smtp).toMatchObject({ passwordSet: true, host: '127.0.0.1' });
    expect(JSON.stringify(await hub.store.settings.get('smtp'))).not.toContain(SMTP_PASSWORD);

    const mail = await api('POST', '/alerts/recipients', {
      channel: 'email',
      address: 'clerk@hekou.test',
      groups: ['hekou'],
      locale: 'zh-CN',
      enabled: true,
    });
    expect(mail.status, mail.text).toBe(200);
    const hook = await api('POST', '/alerts/recipients', {
      channel: 'webhook',
      address: webhookUrl,
      groups: ['*'],
      locale: 'en',
      enabled: true,
      secret: WEBHOOK_SECRET,
    });
    expect(hook.status, hook.text).toBe(200);
    expect(hook.text).not.toContain(WEBHOOK_SECRET);
    expect(hook.json).toMatchObject({ secretSet: true });
    const listed = await api('GET', '/alerts/recipients');
    expect(listed.text).not.toContain(WEBHOOK_SECRET);

    // A test message reaches both.
    expect((await api('POST', `/alerts/recipients/${mail.json.id}/test`, {})).json).toEqual({
      ok: true,
      error: null,
    });
    expect((await api('POST', `/alerts/recipients/${hook.json.id}/test`, {})).json).toEqual({
      ok: true,
      error: null,
    });
    expect(mails.map((m) => m.subject)).toEqual(['【科普e站】测试消息']);
    expect(calls.map((c) => JSON.parse(c.body).type)).toEqual(['test']);
    mails.length = 0;
    calls.length = 0;

    const rule = await api('POST', '/alerts/rules', {
      group: 'hekou',
      kind: 'silent',
      threshold: 2,
      remindHours: 0,
      enabled: true,
    });
    expect(rule.status, rule.text).toBe(200);
    // One rule per group and kind.
    const again = await api('POST', '/alerts/rules', { ...(rule.json as object), id: 'mine' });
    expect(again.status).toBe(400);
    const twice = await api('POST', '/alerts/rules', {
      group: 'hekou',
      kind: 'silent',
      threshold: 3,
      remindHours: 0,
      enabled: true,
    });
    expect(twice.status).toBe(409);
  });

  it('sends one alert when the kiosk goes silent, none while it stays silent, one when it is back', async () => {
    station = await hub.enroll('hekou');
    const name = (await hub.store.getStation(station.stationId))?.name;
    await heartbeat();
    await at(MINUTE);
    expect(mails).toHaveLength(0);
    expect(calls).toHaveLength(0);

    // Usage keeps arriving (a batch sealed offline, say), but usage is not a heartbeat.
    const usage = await fetch(`${hub.url}/api/v1/usage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${station.token}` },
      body: JSON.stringify({
        batchId: crypto.randomUUID(),
        counters: [{ day: '2026-11-16', metric: 'article_open', key: 'boil-water', count: 3 }],
      }),
    });
    expect(usage.status).toBe(200);
    await at(HOUR + 50 * MINUTE);
    expect(mails).toHaveLength(0);

    // Two hours without a heartbeat: silent. The webhook fails once and is tried again.
    webhookAnswers.push(503);
    await at(2 * HOUR + MINUTE);
    expect(mails).toHaveLength(1);
    const firing = mails[0];
    expect(firing?.subject).toBe(`【科普e站】${name}：已失联`);
    expect(firing?.text).toContain('已 2 小时没有收到心跳');
    expect(firing?.text).toContain(`https://hub.hekou.test/admin/fleet/${station.stationId}`);
    expect(calls).toHaveLength(1);
    await at(2 * HOUR + 3 * MINUTE);
    expect(calls).toHaveLength(2);
    const payload = JSON.parse(calls[1]?.body ?? '{}') as WebhookPayload;
    expect(payload).toMatchObject({
      type: 'alert.firing',
      alert: { kind: 'silent', station: { id: station.stationId, group: 'hekou' }, detail: { threshold: 2 } },
    });
    expect(payload.text).toMatch(/silent/);
    const expected = createHmac('sha256', WEBHOOK_SECRET)
      .update(calls[1]?.body ?? '')
      .digest('hex');
    expect(calls[1]?.signature).toBe(`sha256=${expected}`);
    expect(calls[1]?.event).toBe('alert.firing');

    // Still silent for a day: no repeat.
    for (let t = 3 * HOUR; t <= 26 * HOUR; t += 30 * MINUTE) await at(t);
    expect(mails).toHaveLength(1);
    expect(calls).toHaveLength(2);

    // Back: the next heartbeat, and one recovery message each.
    hub.clock.now = new Date(t0 + 26 * HOUR + 10 * MINUTE);
    await heartbeat();
    await at(26 * HOUR + 11 * MINUTE);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toBe(`【科普e站】已恢复：${name}：已失联`);
    expect(calls).toHaveLength(3);
    expect(JSON.parse(calls[2]?.body ?? '{}')).toMatchObject({ type: 'alert.recovered' });
    // And nothing more while it keeps reporting.
    for (let t = 26 * HOUR + 15 * MINUTE; t <= 28 * HOUR; t += 5 * MINUTE) {
      hub.clock.now = new Date(t0 + t - MINUTE);
      await heartbeat();
      await at(t);
    }
    expect(mails).toHaveLength(2);
    expect(calls).toHaveLength(3);
  }, 60_000);

  it('shows every alert and its messages in the console', async () => {
    const viewer = await hub.login('viewer');
    const list = await api('GET', `/alerts?station=${station.stationId}`, undefined, viewer);
    expect(list.status).toBe(200);
    const events = list.json.events as Array<{
      type: string;
      kind: string;
      deliveries: Array<{ channel: string; status: string; attempts: number; error: string | null }>;
    }>;
    expect(events.map((e) => [e.type, e.kind])).toEqual([
      ['recovered', 'silent'],
      ['firing', 'silent'],
    ]);
    const webhookFiring = events[1]?.deliveries.find((d) => d.channel === 'webhook');
    expect(webhookFiring).toMatchObject({ status: 'sent', attempts: 2, error: 'WEBHOOK_HTTP_503' });
    expect(events.every((e) => e.deliveries.every((d) => d.status === 'sent'))).toBe(true);
    expect(list.json.open).toEqual([]);
  });

  it('lets only admins change rules, recipients and the mail server', async () => {
    admin = await hub.login('admin');
    for (const role of ['viewer', 'editor'] as const) {
      const h = await hub.login(role);
      expect((await api('GET', '/alerts/rules', undefined, h)).status).toBe(200);
      const rule = { group: '*', kind: 'storage_low', threshold: 80, remindHours: 0, enabled: true };
      expect((await api('POST', '/alerts/rules', rule, h)).status).toBe(403);
      expect((await api('PUT', '/alerts/rules/default-silent', rule, h)).status).toBe(403);
      expect((await api('GET', '/alerts/recipients', undefined, h)).status).toBe(403);
      expect(
        (
          await api(
            'POST',
            '/alerts/recipients',
            { channel: 'email', address: 'x@y.test', groups: ['*'], locale: 'en', enabled: true },
            h,
          )
        ).status,
      ).toBe(403);
      expect((await api('GET', '/alerts/smtp', undefined, h)).status).toBe(403);
    }
    // A webhook must be http(s).
    const bad = await api('POST', '/alerts/recipients', {
      channel: 'webhook',
      address: 'file:///etc/passwd',
      groups: ['*'],
      locale: 'en',
      enabled: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('BODY_INVALID');
  });
});

describe('scheduled reports', () => {
  it('email the monthly report once, as PDF and CSV, the morning after the month ends', async () => {
    admin = await hub.login('admin');
    const created = await api('POST', '/report-schedules', {
      period: 'monthly',
      scope: 'county',
      scopeValue: '',
      recipients: ['kexie@hekou.test'],
      locale: 'en',
      enabled: true,
    });
    expect(created.status, created.text).toBe(200);
    const reports = () => mails.filter((m) => m.subject?.includes('monthly report'));
    // A second hub process's scheduler on the same database.
    const other = createScheduler({
      leases: hub.store.leases,
      jobs: hubJobs(hub.ctx),
      now: () => hub.clock.now,
    });
    const both = async (iso: string) => {
      hub.clock.now = new Date(iso);
      await Promise.all([scheduler.tick(), other.tick()]);
    };
    await both('2026-12-01T05:50:00+08:00');
    expect(reports()).toHaveLength(0);
    await both('2026-12-01T06:05:00+08:00');
    expect(reports()).toHaveLength(1);
    const mail = reports()[0];
    expect(mail?.to).toMatchObject({ text: 'kexie@hekou.test' });
    expect(mail?.subject).toBe(
      '[e-Station] Science e-Station monthly report: November 2026 · Whole county · 2026-11-01 to 2026-11-30',
    );
    const names = mail?.attachments.map((a) => a.filename) ?? [];
    expect(names[0]).toBe('kepu-report-2026-11-county.pdf');
    expect(names).toContain('kepu-report-2026-11-county-summary.csv');
    expect(names).toContain('kepu-report-2026-11-county-selftest.csv');
    const pdf = mail?.attachments[0]?.content;
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    const summary = mail?.attachments
      .find((a) => a.filename?.endsWith('summary.csv'))
      ?.content.toString('utf8');
    expect(summary).toContain('opens,3');
    for (const t of ['2026-12-01T06:20:00+08:00', '2026-12-01T09:00:00+08:00', '2026-12-05T09:00:00+08:00'])
      await both(t);
    expect(reports()).toHaveLength(1);
    admin = await hub.login('admin');
    const runs = await api('GET', '/report-schedules');
    expect(runs.json.runs).toEqual([
      expect.objectContaining({
        scheduleId: created.json.id,
        period: '2026-11',
        status: 'sent',
        attempts: 1,
      }),
    ]);
    await other.stop();
  }, 60_000);
});
