import type { AlertDetail, AlertEventType, AlertKind } from '../protocol/alerts.ts';

export type { AlertRule, Recipient, SmtpView } from '../protocol/alerts.ts';
export type { ReportRun, ReportSchedule } from '../protocol/report-schedules.ts';

/** A station as an alert names it. */
export interface AlertStation {
  name: string;
  town: string;
  group: string;
}

/** An alert still open (pending or firing). */
export interface OpenAlert {
  id: string;
  kind: AlertKind;
  stationId: string;
  subject: string;
  state: 'pending' | 'firing';
  since: string;
  detail: AlertDetail;
  station: AlertStation | null;
}

/** One message about an event. */
export interface DeliveryView {
  id: string;
  channel: 'email' | 'webhook';
  address: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  sentAt: string | null;
  error: string | null;
}

/** One event in an alert's history, with its messages. */
export interface AlertEventView {
  id: string;
  alertId: string;
  type: AlertEventType;
  at: string;
  kind: AlertKind;
  stationId: string;
  detail: AlertDetail;
  station: AlertStation | null;
  deliveries: DeliveryView[];
}

/** Headline figures of one period, as the Reports page lists them. */
export interface PeriodRow {
  period: string;
  from: string;
  to: string;
  stationsEnrolled: number;
  stationsReporting: number;
  uptimeShare: number | null;
  opens: number;
  completions: number;
  quizzes: number;
  selftestShare: number | null;
}
