import type { ArticleDoc, Block, Inline } from '../protocol/content-doc.ts';
import type { Locale } from '../protocol/locales.ts';
import { LOCALES } from '../protocol/locales.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML bodies and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const LABELS: Record<Locale, { sources: string; reviewed: string; back: string }> = {
  'zh-CN': { sources: '资料来源', reviewed: '内容核对日期', back: '科普e站' },
  vi: { sources: 'Nguồn tài liệu', reviewed: 'Ngày kiểm tra nội dung', back: 'Trạm khoa học' },
  en: { sources: 'Sources', reviewed: 'Facts checked on', back: 'Science e-Station' },
};

function inlineNode(n: Inline): string {
  switch (n.t) {
    case 'text':
      return escapeHtml(n.v);
    case 'strong':
      return `<strong>${inline(n.c)}</strong>`;
    case 'em':
      return `<em>${inline(n.c)}</em>`;
    case 'br':
      return '<br>';
    case 'link':
      return `<a href="/a/${escapeHtml(n.article)}">${inline(n.c)}</a>`;
  }
}

function inline(nodes: readonly Inline[]): string {
  return nodes.map(inlineNode).join('');
}

function block(b: Block, src: (path: string) => string | undefined): string {
  switch (b.t) {
    case 'heading':
      return `<h${b.level}>${inline(b.c)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inline(b.c)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${item.map((x) => block(x, src)).join('')}</li>`).join('')}</${tag}>`;
    }
    case 'image': {
      const url = src(b.src);
      return url
        ? `<figure><img src="${escapeHtml(url)}" alt="${escapeHtml(b.alt)}" width="${b.width}" height="${b.height}"></figure>`
        : '';
    }
    case 'table':
      return `<table><thead><tr>${b.head.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'callout':
      return `<aside class="${b.kind}">${b.c.map((x) => block(x, src)).join('')}</aside>`;
  }
}

/**
 * The public page a kiosk's QR code opens on a phone: the article as plain, escaped HTML
 * with no script, links to the other languages, and the sources as real links.
 */
export function renderArticlePage(doc: ArticleDoc, src: (path: string) => string | undefined): string {
  const labels = LABELS[doc.locale];
  const cover = src(doc.cover.src);
  const others = LOCALES.filter((l) => l !== doc.locale)
    .map(
      (l) =>
        `<a href="/a/${doc.id}?lang=${l}" hreflang="${l}" lang="${l}">${l === 'zh-CN' ? '中文' : l === 'vi' ? 'Tiếng Việt' : 'English'}</a>`,
    )
    .join(' · ');
  return `<!doctype html>
<html lang="${doc.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<link rel="stylesheet" href="/a/page.css">
</head>
<body>
<header><span>${escapeHtml(labels.back)}</span><nav>${others}</nav></header>
<main>
<h1>${escapeHtml(doc.title)}</h1>
<p class="summary">${escapeHtml(doc.summary)}</p>
${cover ? `<img class="cover" src="${escapeHtml(cover)}" alt="${escapeHtml(doc.cover.alt)}" width="${doc.cover.width}" height="${doc.cover.height}">` : ''}
${doc.body.map((b) => block(b, src)).join('\n')}
<section class="sources"><h2>${labels.sources}</h2><ol>${doc.sources
    .map(
      (s) =>
        `<li>${escapeHtml(s.publisher)}. <a href="${escapeHtml(s.url)}" rel="noopener">${escapeHtml(s.title)}</a>. ${s.year}.</li>`,
    )
    .join('')}</ol><p>${labels.reviewed}: ${escapeHtml(doc.reviewed)}</p></section>
</main>
</body>
</html>`;
}

/** The public page's stylesheet (served as a file, so the CSP needs no inline styles). */
export const PUBLIC_PAGE_CSS = `body{margin:0;font:20px/1.6 "Noto Sans CJK SC","Noto Sans",system-ui,sans-serif;color:#1b1b1b;background:#fffaf0}
header{display:flex;justify-content:space-between;flex-wrap:wrap;gap:8px;padding:12px 16px;background:#0a4b78;color:#fff}
header a{color:#fff;font-weight:700}main{max-width:44em;margin:0 auto;padding:16px}
h1{font-size:1.6em;line-height:1.3}.summary{color:#383838}img{max-width:100%;height:auto}
aside{border:3px solid #a8430a;border-left-width:10px;border-radius:10px;padding:8px 14px;margin:16px 0}
aside.tip{border-color:#2e6b1f}table{border-collapse:collapse}th,td{border:2px solid #5c5c5c;padding:4px 10px}
.sources{font-size:.9em;border-top:3px solid #5c5c5c;margin-top:32px}a{color:#0a4b78}`;
