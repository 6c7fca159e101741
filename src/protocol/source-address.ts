/**
 * The rule for a source's address, shared by the content compiler, the hub's studio and the
 * console: a source must be the document that says the fact, never a site's home page.
 */

/** Why an address cannot be a source; `null` from `sourceAddressProblem` when it can. */
export type SourceAddressProblem =
  | { code: 'SOURCE_URL_INVALID'; reason: string }
  | { code: 'SOURCE_URL_SCHEME'; reason: string }
  | { code: 'SOURCE_URL_HOME_PAGE'; reason: string };

// File names a server answers for a folder: `/index.html` is the same page as `/`.
const INDEX_FILE = /^(index|default|home|main|portal)(\.(s?html?|php|aspx?|jsp))?$/i;
// A first path segment that only picks a language or a section landing page of the whole site.
const SITE_LANDING =
  /^(zh|zh-cn|zh-hans|zh_cn|cn|chn|en|eng|english|vi|vn|fr|es|ru|ar|home|index|portal|main|www)$/i;

/** The problem with `address` as a source, or null when it names a document on a site. */
export function sourceAddressProblem(address: string): SourceAddressProblem | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { code: 'SOURCE_URL_INVALID', reason: `"${address}" is not a web address` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { code: 'SOURCE_URL_SCHEME', reason: `a source address must start with https:// or http://` };
  }
  const segments = url.pathname
    .split('/')
    .map((s) => safeDecode(s).trim())
    .filter((s) => s !== '');
  if (segments.length > 0 && INDEX_FILE.test(segments[segments.length - 1] ?? '')) segments.pop();
  const landing = segments.length === 0 || (segments.length === 1 && SITE_LANDING.test(segments[0] ?? ''));
  if (landing) {
    return {
      code: 'SOURCE_URL_HOME_PAGE',
      reason: `${url.host}${url.pathname} is the site's home page; give the address of the document itself`,
    };
  }
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
