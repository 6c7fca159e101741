import type { HubMessages } from './index.ts';

/** English. */
export const en: HubMessages = {
  'mail.brand': 'Science e-Station',
  'alert.subject.firing': '[e-Station] {station}: {what}',
  'alert.subject.reminder': '[e-Station] Still open: {station}: {what}',
  'alert.subject.recovered': '[e-Station] Recovered: {station}: {what}',
  'alert.subject.test': '[e-Station] Test message',
  'alert.test.body': 'This is a test message. If you can read it, alerts reach this address.',
  'alert.kind.silent': 'silent',
  'alert.kind.stale_content': 'content not updated',
  'alert.kind.storage_low': 'storage low',
  'alert.kind.clock_skew': 'clock wrong',
  'alert.kind.update_errors': 'content updates keep failing',
  'alert.kind.notice_not_shown': 'emergency notice not shown',
  'alert.fact.silent': 'No heartbeat for {value} hours (rule: {threshold} hours). Last heartbeat: {since}.',
  'alert.fact.stale_content':
    'The kiosk has content version {packVersion}; the live release is {liveVersion}, for more than {threshold} hours (since {since}).',
  'alert.fact.storage_low': 'Storage {value}% used (rule: {threshold}%).',
  'alert.fact.clock_skew':
    "The kiosk's clock is about {value} minutes off the hub's (rule: {threshold} minutes).",
  'alert.fact.update_errors':
    '{value} content-update checks in a row failed (rule: {threshold}); the latest error: {errorCode}.',
  'alert.fact.notice_not_shown':
    'The Extreme notice "{notice}" is still not shown at this kiosk {threshold} minutes after it came into force ({since}).',
  'alert.todo.silent': "Call the station's caretaker: check power, network and that the kiosk PC is on.",
  'alert.todo.stale_content':
    "Check the station's network; the kiosk switches to new content when it is idle.",
  'alert.todo.storage_low': 'Look at storage on the maintenance screen; free disk space on the PC if needed.',
  'alert.todo.clock_skew': "Set the kiosk PC's clock (its board battery may be flat).",
  'alert.todo.update_errors':
    'See the error code on the maintenance screen, or load a content pack from USB.',
  'alert.todo.notice_not_shown': 'Call the station now to check its screen, and warn residents another way.',
  'alert.recovered.body': 'Resolved: {what}.',
  'alert.reason.notice_ended': 'The emergency notice has ended.',
  'alert.station': 'Station: {station} ({town}, group {group})',
  'alert.link': 'In the console: {url}',
  'alert.footer': 'Sent by the county e-Station hub. No repeat is sent until the problem ends.',
};
