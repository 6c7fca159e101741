import type { Locale } from '../protocol/locales.ts';
import { LOCALES } from '../protocol/locales.ts';
import type { TutorialDoc } from '../protocol/tutorial-doc.ts';
import { escapeHtml } from './public-article.ts';

const LABELS: Record<
  Locale,
  { site: string; steps: string; sources: string; reviewed: string; practice: string }
> = {
  'zh-CN': {
    site: '科普e站 · 手机课堂',
    steps: '一步一步来',
    sources: '资料来源',
    reviewed: '内容核对日期',
    practice: '在科普e站的「手机课堂」里，可以在屏幕上的手机里动手练习。',
  },
  vi: {
    site: 'Trạm khoa học · Lớp học điện thoại',
    steps: 'Từng bước một',
    sources: 'Nguồn tài liệu',
    reviewed: 'Ngày kiểm tra nội dung',
    practice:
      'Ở "Lớp học điện thoại" của Trạm khoa học, bạn có thể tập ngay trên chiếc điện thoại trong màn hình.',
  },
  en: {
    site: 'Science e-Station · Phone lessons',
    steps: 'Step by step',
    sources: 'Sources',
    reviewed: 'Facts checked on',
    practice: 'In the Science e-Station phone lessons you can practise on the phone on the screen.',
  },
};

const NAMES: Record<Locale, string> = { 'zh-CN': '中文', vi: 'Tiếng Việt', en: 'English' };

/**
 * The public page behind a lesson's take-home QR code: the steps as a numbered list of plain,
 * escaped HTML in one language, with links to the other languages and the sources. No script.
 */
export function renderTutorialPage(doc: TutorialDoc, locale: Locale): string {
  const labels = LABELS[locale];
  const others = LOCALES.filter((l) => l !== locale)
    .map((l) => `<a href="/a/tutorial/${doc.id}?lang=${l}" hreflang="${l}" lang="${l}">${NAMES[l]}</a>`)
    .join(' · ');
  const steps = doc.steps.map((s) => `<li>${escapeHtml(s.narration[locale])}</li>`).join('\n');
  const sources = doc.sources
    .map(
      (s) =>
        `<li>${escapeHtml(s.publisher)}. <a href="${escapeHtml(s.url)}" rel="noopener">${escapeHtml(s.title)}</a>. ${s.year}.</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title[locale])}</title>
<link rel="stylesheet" href="/a/page.css">
</head>
<body>
<header><span>${escapeHtml(labels.site)}</span><nav>${others}</nav></header>
<main>
<h1>${escapeHtml(doc.title[locale])}</h1>
<p class="summary">${escapeHtml(doc.summary[locale])}</p>
<h2>${labels.steps}</h2>
<ol class="steps">
${steps}
</ol>
<p>${escapeHtml(labels.practice)}</p>
<section class="sources"><h2>${labels.sources}</h2><ol>${sources}</ol><p>${labels.reviewed}: ${escapeHtml(doc.reviewed)}</p></section>
</main>
</body>
</html>`;
}
