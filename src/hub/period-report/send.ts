import type { ReportLocale } from '../../protocol/report-schedules.ts';
import type { HubContext } from '../http/context.ts';
import { hubTranslator } from '../i18n/index.ts';
import { mailerFor } from '../mail.ts';
import { createSecretBox } from '../secret-box.ts';
import { PERIOD_CSV_TABLES, periodCsv } from './csv.ts';
import { buildPeriodReport, type ScopeSpec } from './model.ts';
import { renderPeriodReportPdf, reportHeading } from './pdf.ts';
import type { Period } from './periods.ts';

/** The file name of a report: `kepu-report-2026-11-county.pdf`. */
export function reportFileName(period: Period, scope: ScopeSpec, ext: string, table?: string): string {
  const where = scope.scope === 'county' ? 'county' : `${scope.scope}-${scope.value}`;
  return `kepu-report-${period.key}-${where}${table ? `-${table}` : ''}.${ext}`;
}

/** Builds a report and emails it as a PDF with its tables as CSV attachments. */
export async function emailPeriodReport(
  ctx: HubContext,
  input: { period: Period; scope: ScopeSpec; locale: ReportLocale; to: string[] },
): Promise<void> {
  const report = await buildPeriodReport(ctx, input.period, input.scope);
  const pdf = await renderPeriodReportPdf(report, input.locale);
  const t = hubTranslator(input.locale);
  const { title, subtitle } = reportHeading(report, t, input.locale);
  // ASCII file names: every mail program shows them right.
  const ascii = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');
  const mailer = await mailerFor(ctx.store.settings, createSecretBox(ctx.key));
  await mailer.send({
    to: input.to,
    subject: t('report.mail.subject', { title, subtitle }),
    text: t('report.mail.body', { title, subtitle }),
    attachments: [
      {
        filename: ascii(reportFileName(input.period, input.scope, 'pdf')),
        content: pdf,
        contentType: 'application/pdf',
      },
      ...PERIOD_CSV_TABLES.map((table) => ({
        filename: ascii(reportFileName(input.period, input.scope, 'csv', table)),
        content: Buffer.from(periodCsv(report, table), 'utf8'),
        contentType: 'text/csv; charset=utf-8',
      })),
    ],
  });
}
