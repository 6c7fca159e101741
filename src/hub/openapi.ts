/** The hub API described as OpenAPI 3.1, served at /api/v1/openapi.json. */
const error = { $ref: '#/components/schemas/Error' };
const errors = {
  '400': { description: 'Invalid input', content: { 'application/json': { schema: error } } },
  '401': {
    description: 'Missing, unknown or revoked credentials',
    content: { 'application/json': { schema: error } },
  },
  '429': { description: 'Rate limited', content: { 'application/json': { schema: error } } },
};

const station = [{ stationToken: [] }];
const admin = [{ adminSession: [] }];

/** One admin operation: its summary, the role it needs, and what it answers. */
function op(summary: string, role: 'viewer' | 'editor' | 'admin', answer = 'ok') {
  return {
    summary: `${summary} (role: ${role})`,
    security: admin,
    responses: { '200': { description: answer }, ...errors },
  };
}

/** The console's endpoints (see src/hub/routes/admin-*-routes.ts). */
function adminConsolePaths() {
  return {
    '/api/v1/admin/stations/{id}': { get: op('One station with its state', 'viewer') },
    '/api/v1/admin/drafts': {
      post: {
        ...op(
          'Upload a content archive (the content/ format) or an offline-signed pack (manifest.json + blobs/) as application/zip; 422 with every diagnostic (file, line) when the content has errors',
          'editor',
          'the draft with its diff against the live release',
        ),
        requestBody: { content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
      },
    },
    '/api/v1/admin/drafts/{id}': {
      get: op('A draft with its diff against the live release of ?group= (default *)', 'editor'),
      delete: op('Discard a draft', 'editor'),
    },
    '/api/v1/admin/drafts/{id}/publish': {
      post: op(
        'Sign (content) or keep the offline signature (pack), record and activate for {groups}',
        'editor',
      ),
    },
    '/api/v1/admin/releases': { get: op('Every release, newest first, with its groups', 'viewer') },
    '/api/v1/admin/releases/{version}': {
      get: op('One release with its files and diff against the live release of ?group=', 'viewer'),
    },
    '/api/v1/admin/releases/{version}/rollback': {
      post: op(
        "Republish a release's files as a new, higher version for {groups} (default: its own)",
        'editor',
      ),
    },
    '/api/v1/admin/releases/{version}/pack.zip': {
      get: op(
        'The release as one zip for sideloading: manifest.json, blobs/<sha256> and the root chain trust/<n>.root.json',
        'editor',
      ),
    },
    '/api/v1/admin/trust': {
      get: op(
        'The Keys page: the root chain, who holds which key (names only), thresholds, expiry dates',
        'viewer',
      ),
    },
    '/api/v1/admin/trust/drafts': {
      post: op(
        'A guided rotation: the unsigned draft of root N+1 (new online content or timestamp key made by the hub, root keys added or removed, threshold, days valid) for the root key holders to sign offline',
        'admin',
      ),
    },
    '/api/v1/admin/trust/roots': {
      post: op(
        'Root N+1, signed offline by a threshold of root N’s keys and its own: verified as kiosks verify it, stored, and live releases re-signed if the content key changed (422 ROOT_THRESHOLD_NOT_MET, ROOT_VERSION_INVALID, ROOT_INVALID)',
        'admin',
      ),
    },
    '/api/v1/admin/notices': {
      get: op('Emergency notices with their groups and state', 'viewer'),
      post: op(
        'Send a notice: severity, urgency, headline and instruction in zh-CN, vi and en, groups, onset, expires',
        'editor',
      ),
    },
    '/api/v1/admin/notices/{id}/cancel': { post: op('Cancel a notice', 'editor') },
    '/api/v1/admin/groups': { get: op('Station groups with their settings and station counts', 'viewer') },
    '/api/v1/admin/groups/{group}/config': {
      put: op('Idle timeout, default language, enabled topics and featured articles of a group', 'admin'),
    },
    '/api/v1/admin/reports': { get: op('The names of the usage reports', 'viewer') },
    '/api/v1/admin/reports/{name}': {
      get: {
        ...op('One usage report as {columns, rows}, or CSV with the same numbers (format=csv)', 'viewer'),
        parameters: ['from', 'to', 'station', 'town', 'group', 'topic', 'format'].map((name) => ({
          name,
          in: 'query',
          schema: { type: 'string' },
        })),
      },
    },
    '/api/v1/admin/alerts': {
      get: op(
        'Alerts open now (pending or firing) and the history of events with their messages; ?station=, ?before=, ?limit=',
        'viewer',
      ),
    },
    '/api/v1/admin/alerts/rules': {
      get: op('Alert rules per group (* = every group without its own)', 'viewer'),
      post: op(
        'Add a rule {group, kind, threshold, remindHours, enabled}; 409 when the group has one of that kind',
        'admin',
      ),
    },
    '/api/v1/admin/alerts/rules/{id}': {
      put: op('Change a rule', 'admin'),
      delete: op('Remove a rule', 'admin'),
    },
    '/api/v1/admin/alerts/recipients': {
      get: op('Email and webhook recipients (never a webhook secret: secretSet)', 'admin'),
      post: op('Add a recipient; a webhook is http(s) only, its secret write-only', 'admin'),
    },
    '/api/v1/admin/alerts/recipients/{id}': {
      put: op('Change a recipient (secret: omitted keeps it, null removes it)', 'admin'),
      delete: op('Remove a recipient', 'admin'),
    },
    '/api/v1/admin/alerts/recipients/{id}/test': {
      post: op('Send a test message now', 'admin', '{ok, error}: how the sending went'),
    },
    '/api/v1/admin/alerts/smtp': {
      get: op('The mail server (never its password: passwordSet)', 'admin'),
      put: op('Set the mail server (password: omitted keeps it, null removes it)', 'admin'),
    },
    '/api/v1/admin/period-reports': {
      get: op(
        'The current and the 12 previous months (?kind=monthly) or weeks (weekly) with headline figures; ?scope=county|town|group&value=',
        'viewer',
      ),
    },
    '/api/v1/admin/period-reports/{period}': {
      get: {
        ...op(
          'The report for a month (2026-11) or ISO week (2026-W47): JSON (every figure from the usage reports), an A4 PDF (?format=pdf&lang=zh-CN|en|vi) or one table as CSV (?format=csv&table=)',
          'viewer',
        ),
        parameters: ['scope', 'value', 'lang', 'format', 'table'].map((name) => ({
          name,
          in: 'query',
          schema: { type: 'string' },
        })),
      },
    },
    '/api/v1/admin/report-schedules': {
      get: op('Report schedules and their last sendings', 'admin'),
      post: op('Email a weekly or monthly report to addresses, per county, town or group', 'admin'),
    },
    '/api/v1/admin/report-schedules/{id}': {
      put: op('Change a schedule', 'admin'),
      delete: op('Remove a schedule', 'admin'),
    },
    '/api/v1/admin/accounts': {
      get: op('Every account (never a password hash)', 'admin'),
      post: op('Create an account with a role', 'admin'),
    },
    '/api/v1/admin/accounts/{id}/password': {
      post: op("Reset an account's password; its sessions end", 'admin'),
    },
    '/api/v1/admin/accounts/{id}/disable': { post: op('Disable an account; its sessions end', 'admin') },
    '/api/v1/admin/accounts/{id}/enable': { post: op('Enable an account again', 'admin') },
    '/api/v1/admin/accounts/{id}/role': { post: op("Change an account's role", 'admin') },
    '/api/v1/admin/me/password': { post: op('Change your own password (needs the current one)', 'viewer') },
    ...warningPaths(),
  };
}

const xmlBody = {
  required: true,
  content: Object.fromEntries(
    ['application/cap+xml', 'application/xml', 'text/xml'].map((t) => [t, { schema: { type: 'string' } }]),
  ),
};
const capRefused = {
  '422': {
    description:
      'Refused: {code: CAP_INVALID, message, reason (XML_MALFORMED, XML_DTD_REFUSED, XML_TOO_LARGE, XML_ENCODING, CAP_NOT_CAP, CAP_INVALID, CAP_EXPIRED, CAP_NO_LANGUAGE), line}',
    content: { 'application/json': { schema: error } },
  },
};

/** CAP ingest, feeds, places and approvals in the console (src/hub/routes/admin-warning-routes.ts). */
function warningPaths() {
  return {
    '/api/v1/admin/cap': {
      post: {
        ...op(
          'Send one CAP 1.2 document (at most 512 KB; DTDs are refused). Alert creates a notice, Update replaces it, Cancel ends it; answers {outcome: created | updated | cancelled | ignored | duplicate, noticeId, detail}',
          'editor',
        ),
        requestBody: xmlBody,
        responses: { '200': { description: 'what the message did' }, ...capRefused, ...errors },
      },
    },
    '/api/v1/admin/cap/messages': {
      get: op('The CAP messages seen, newest first, with their outcome', 'viewer'),
    },
    '/api/v1/admin/cap/feeds': {
      get: op('The polled feeds with their last result and next poll', 'viewer'),
      post: op(
        'Add a feed: {name, url (http/https: Atom or RSS of CAP entries, or one CAP document), intervalSeconds (60-86400, default 120), enabled}',
        'admin',
      ),
    },
    '/api/v1/admin/cap/feeds/{id}': {
      put: op('Change a feed (any of name, url, intervalSeconds, enabled)', 'admin'),
      delete: op('Remove a feed', 'admin'),
    },
    '/api/v1/admin/cap/feeds/{id}/poll': {
      post: op('Poll a feed now; answers {status, error, results}', 'editor'),
    },
    '/api/v1/admin/alert-settings': {
      get: op("Every group's alert policy and place, and every station's place", 'viewer'),
    },
    '/api/v1/admin/groups/{group}/alert-settings': {
      put: op(
        "A group's {policy: severe (Extreme and Severe at once) | extreme | all | none, chime, testGroup (also Exercise and Test alerts), place: {town, lat, lon, geocode} | null}",
        'admin',
      ),
    },
    '/api/v1/admin/stations/{id}/place': {
      put: op("A station's own {place: {town, lat, lon, geocode} | null} (null: its group's)", 'admin'),
    },
    '/api/v1/admin/notices/{id}/approve': {
      post: op('Approve a notice from a feed or partner that waits under a group policy', 'editor'),
    },
    '/api/v1/admin/partner-keys': {
      get: op('Partner API keys (never the secret)', 'admin'),
      post: op(
        'Create a partner key {name, groups, scopes: notices | cap}; the answer carries the secret, shown once',
        'admin',
      ),
    },
    '/api/v1/admin/partner-keys/{id}/revoke': { post: op('Revoke a partner key', 'admin') },
  };
}

const partnerNotice = {
  type: 'object',
  required: ['severity', 'urgency', 'headline', 'groups', 'expires'],
  properties: {
    severity: { enum: ['extreme', 'severe', 'moderate', 'minor', 'unknown'] },
    urgency: { enum: ['immediate', 'expected', 'future', 'past', 'unknown'] },
    certainty: { enum: ['observed', 'likely', 'possible', 'unlikely', 'unknown'] },
    status: { enum: ['actual', 'exercise', 'test'] },
    headline: { $ref: '#/components/schemas/SomeLanguages' },
    description: { $ref: '#/components/schemas/SomeLanguages' },
    instruction: { $ref: '#/components/schemas/SomeLanguages' },
    area: { $ref: '#/components/schemas/SomeLanguages' },
    sender: { $ref: '#/components/schemas/SomeLanguages' },
    groups: { type: 'array', items: { type: 'string' }, description: "within the key's groups" },
    onset: { type: 'string', format: 'date-time' },
    expires: { type: 'string', format: 'date-time', description: 'at most 30 days after onset' },
  },
};
const partnerErrors = {
  ...errors,
  '403': {
    description: "Outside the key's groups or scopes",
    content: { 'application/json': { schema: error } },
  },
};
const partner = [{ partnerKey: [] }];

/** The partner API (src/hub/routes/partner-routes.ts): rate limited per key, every call audited. */
function partnerPaths() {
  const call = (summary: string, extra: Record<string, unknown> = {}) => ({
    summary,
    security: partner,
    responses: { '200': { description: 'ok' }, ...partnerErrors },
    ...extra,
  });
  const json = {
    requestBody: { required: true, content: { 'application/json': { schema: partnerNotice } } },
  };
  return {
    '/api/v1/partner/notices': {
      get: call("This key's notices, with their state (scope: notices)"),
      post: call(
        'Create a notice in some of the languages (the kiosk shows Chinese, with a note, where its language is missing); groups whose policy holds this severity wait for an editor (scope: notices)',
        json,
      ),
    },
    '/api/v1/partner/notices/{id}': {
      put: call("Replace one of this key's live notices (its revision grows) (scope: notices)", json),
    },
    '/api/v1/partner/notices/{id}/cancel': {
      post: call("Cancel one of this key's notices (scope: notices)"),
    },
    '/api/v1/partner/cap': {
      post: call(
        "Send a CAP 1.2 document, as POST /api/v1/admin/cap, for the key's groups; its Updates and Cancels reach only this key's notices (scope: cap)",
        {
          requestBody: xmlBody,
          responses: { '200': { description: 'what the message did' }, ...capRefused, ...partnerErrors },
        },
      ),
    },
  };
}

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Kepu e-Station hub',
    version: '1',
    description:
      'Content distribution, station enrollment, anonymous usage counts and heartbeats. Every error is JSON {code, message}. Changes to admin resources need the session cookie, a same-site origin and the x-csrf-token header.',
  },
  components: {
    securitySchemes: {
      stationToken: { type: 'http', scheme: 'bearer', description: '256-bit station token from /enroll' },
      adminSession: { type: 'apiKey', in: 'cookie', name: 'kepu_session' },
      partnerKey: {
        type: 'http',
        scheme: 'bearer',
        description:
          'A partner API key (kpk_…) created in the console, scoped to station groups and to notices or CAP',
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' } },
      },
      SomeLanguages: {
        type: 'object',
        minProperties: 1,
        additionalProperties: false,
        properties: { 'zh-CN': { type: 'string' }, vi: { type: 'string' }, en: { type: 'string' } },
      },
      Counter: {
        type: 'object',
        required: ['day', 'metric', 'key', 'count'],
        properties: {
          day: { type: 'string', format: 'date' },
          metric: { type: 'string', description: 'see src/protocol/usage.ts METRICS' },
          key: { type: 'string', maxLength: 120 },
          count: { type: 'integer', minimum: 1, maximum: 100000 },
        },
      },
    },
  },
  paths: {
    '/api/v1/openapi.json': {
      get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
    },
    '/api/v1/health': {
      get: { summary: 'Liveness and versions', responses: { '200': { description: 'ok' } } },
    },
    '/api/v1/health/ready': {
      get: {
        summary: 'Readiness for a load balancer: the database and the blob store answer',
        responses: {
          '200': { description: 'ready: {status, storage, blobs}' },
          '503': { description: 'NOT_READY: {code, message} naming what does not answer' },
        },
      },
    },
    '/api/v1/enroll': {
      post: {
        summary: 'Exchange a one-time enrollment code for a station token',
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
            },
          },
        },
        responses: { '200': { description: 'stationId, token, name, town, group' }, ...errors },
      },
    },
    '/api/v1/trust/root/{version}': {
      get: {
        summary:
          'Root of trust `version` exactly as signed (immutable); 404 past the newest, which ends a kiosk’s walk',
        parameters: [
          { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: { '200': { description: 'signed root' }, '404': { description: 'no such root' } },
      },
    },
    '/api/v1/trust/timestamp': {
      get: {
        summary:
          "The station group's current timestamp: the hub's time, a short expiry, and the version, length and sha256 of the manifest kiosks may take",
        parameters: [{ name: 'group', in: 'query', schema: { type: 'string' } }],
        responses: {
          '200': { description: 'signed timestamp' },
          '404': { description: 'nothing published' },
          '503': { description: 'TIMESTAMP_KEY_MISSING: the hub holds no timestamp key of the current root' },
        },
      },
    },
    '/api/v1/packs/{version}/manifest': {
      get: {
        summary: 'A release’s signed manifest by version (immutable): the one a timestamp pins',
        parameters: [
          { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': { description: 'signed manifest (TUF envelope)' },
          '404': { description: 'unknown' },
        },
      },
    },
    '/api/v1/packs/current/manifest': {
      get: {
        summary:
          "Legacy: the station group's active manifest as {manifest, signature}, for kiosks on an app from before roots (ETag / If-None-Match)",
        parameters: [{ name: 'group', in: 'query', schema: { type: 'string' } }],
        responses: {
          '200': { description: 'signed manifest' },
          '304': { description: 'unchanged' },
          '404': { description: 'nothing published' },
        },
      },
    },
    '/api/v1/blobs/{sha256}': {
      get: {
        summary:
          'A pack file by its sha256 (immutable, Range requests); 302 to KEPU_BLOB_BASE_URL/<sha256> when the hub has one',
        parameters: [
          {
            name: 'sha256',
            in: 'path',
            required: true,
            schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          },
        ],
        responses: {
          '200': { description: 'bytes' },
          '206': { description: 'partial bytes' },
          '302': { description: 'served from the public blob address' },
          '404': { description: 'unknown' },
        },
      },
    },
    '/api/v1/usage': {
      post: {
        summary: 'Add a batch of anonymous counters, applied exactly once per batchId',
        security: station,
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['batchId', 'counters'],
                properties: {
                  batchId: { type: 'string', format: 'uuid' },
                  counters: {
                    type: 'array',
                    minItems: 1,
                    maxItems: 500,
                    items: { $ref: '#/components/schemas/Counter' },
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': { description: '{status: applied | duplicate}' },
          '413': { description: 'body too large' },
          ...errors,
        },
      },
    },
    '/api/v1/heartbeat': {
      post: {
        summary: 'Report kiosk health',
        security: station,
        responses: { '204': { description: 'recorded' }, ...errors },
      },
    },
    '/api/v1/station/config': {
      get: {
        summary: "The station group's settings and active notices",
        security: station,
        responses: { '200': { description: 'RemoteConfig' }, ...errors },
      },
    },
    '/api/v1/admin/login': {
      post: {
        summary: 'Sign in (sets the session cookie, returns the CSRF token)',
        responses: { '200': { description: 'signed in' }, ...errors },
      },
    },
    '/api/v1/admin/logout': {
      post: { summary: 'Sign out', security: admin, responses: { '204': { description: 'signed out' } } },
    },
    '/api/v1/admin/me': {
      get: {
        summary: 'The signed-in administrator',
        security: admin,
        responses: { '200': { description: 'username, role, csrfToken' }, ...errors },
      },
    },
    '/api/v1/admin/stations': {
      get: {
        summary: 'All stations with state (online, late, silent, revoked)',
        security: admin,
        responses: { '200': { description: 'stations' } },
      },
      post: {
        summary: 'Create a station; returns a one-time enrollment code',
        security: admin,
        responses: { '200': { description: 'station and code' }, ...errors },
      },
    },
    '/api/v1/admin/stations/{id}/enrollment-code': {
      post: {
        summary: 'A new enrollment code for a station',
        security: admin,
        responses: { '200': { description: 'code' } },
      },
    },
    '/api/v1/admin/stations/{id}/revoke': {
      post: {
        summary: "Revoke a station's token",
        security: admin,
        responses: { '200': { description: 'revoked' } },
      },
    },
    '/api/v1/admin/stations/{id}/heartbeats': {
      get: {
        summary: "A station's heartbeat history",
        security: admin,
        responses: { '200': { description: 'history' } },
      },
    },
    '/api/v1/admin/usage': {
      get: {
        summary:
          'Usage totals for a day range, grouped by day, metric, key, station, town or group; JSON or CSV',
        security: admin,
        parameters: ['from', 'to', 'by', 'metric', 'station', 'town', 'group', 'format'].map((name) => ({
          name,
          in: 'query',
          schema: { type: 'string' },
        })),
        responses: { '200': { description: 'rows' }, ...errors },
      },
    },
    '/api/v1/admin/selftest': {
      get: {
        summary:
          'The science-literacy self-test per station or town: completed self-tests, how many reached each level (55, 70, 85 of 100), those scoring 70 or more and their share, all ages and for takers aged 18 to 69. A self-selected indicator, not a survey (the JSON carries a note saying so); JSON or CSV',
        security: admin,
        parameters: [
          { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
          {
            name: 'by',
            in: 'query',
            schema: { type: 'string', enum: ['station', 'town'], default: 'station' },
          },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
        ],
        responses: {
          '200': {
            description:
              '{query, note, design: {weights, questions, levels}, rows: [{stationId, name, town | town, completed, passed, share, levels: {0,1,2,3}, adult: {completed, levels, passed, share}}], total}',
          },
          ...errors,
        },
      },
    },
    '/api/v1/admin/audit': {
      get: {
        summary: 'The audit log of admin actions',
        security: admin,
        responses: { '200': { description: 'entries' } },
      },
    },
    ...adminConsolePaths(),
    ...partnerPaths(),
    '/a/tutorial/{id}': {
      get: {
        summary: 'Public phone-lesson page: the steps in one language (the lesson QR code target)',
        parameters: [{ name: 'lang', in: 'query', schema: { type: 'string' } }],
        responses: { '200': { description: 'HTML' }, '404': { description: 'No such lesson' } },
      },
    },
    '/a/{id}': {
      get: {
        summary: 'Public article page (the kiosk QR code target)',
        parameters: [{ name: 'lang', in: 'query', schema: { type: 'string' } }],
        responses: { '200': { description: 'HTML' } },
      },
    },
  },
} as const;
