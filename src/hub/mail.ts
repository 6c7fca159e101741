import nodemailer from 'nodemailer';
import * as v from 'valibot';
import type { SmtpView } from '../protocol/alerts.ts';
import type { SecretBox } from './secret-box.ts';
import type { SettingsStore } from './storage/settings-store.ts';

/** The settings name of the mail server. */
export const SMTP_SETTING = 'smtp';

/** The mail server as stored: the password sealed. */
export const StoredSmtpSchema = v.object({
  host: v.string(),
  port: v.number(),
  security: v.picklist(['tls', 'starttls', 'none']),
  username: v.string(),
  from: v.string(),
  consoleUrl: v.optional(v.string(), ''),
  sealedPassword: v.nullable(v.string()),
});
export type StoredSmtp = v.InferOutput<typeof StoredSmtpSchema>;

/** One email with attachments. */
export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

/** Sends email through the configured server. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** The stored mail server, or null when none is set (or the stored value is damaged). */
export async function storedSmtp(settings: SettingsStore): Promise<StoredSmtp | null> {
  const parsed = v.safeParse(StoredSmtpSchema, await settings.get(SMTP_SETTING));
  return parsed.success ? parsed.output : null;
}

/** The mail server as the console may see it: never the password. */
export function smtpView(smtp: StoredSmtp | null): SmtpView | null {
  if (!smtp) return null;
  const { sealedPassword, ...rest } = smtp;
  return { ...rest, consoleUrl: rest.consoleUrl ?? '', passwordSet: sealedPassword !== null };
}

/**
 * A mailer for the stored server (nodemailer's SMTP transport: implicit TLS, STARTTLS required,
 * or plain for a relay on the same machine), with connection and socket time limits. Throws
 * MAIL_NOT_CONFIGURED when no server is set.
 */
export async function mailerFor(settings: SettingsStore, box: SecretBox): Promise<Mailer> {
  const smtp = await storedSmtp(settings);
  if (!smtp) throw new Error("MAIL_NOT_CONFIGURED: set the mail server on the console's Alerts page");
  const pass = smtp.sealedPassword ? box.open(smtp.sealedPassword) : undefined;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.username ? { auth: { user: smtp.username, pass: pass ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: smtp.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          attachments: message.attachments ?? [],
        });
      } finally {
        transport.close();
      }
    },
  };
}
