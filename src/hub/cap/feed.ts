import { CAP_NS } from './cap.ts';
import { child, childrenNamed, parseXml, type XmlElement } from './xml.ts';

const ATOM = 'http://www.w3.org/2005/Atom';
/** Entries read from one feed document at most (feeds list the newest first). */
export const MAX_ENTRIES = 100;

/** One entry of a feed: its CAP alert embedded, or the address of the CAP document. */
export interface FeedEntry {
  /** What identifies this version of the entry (id or guid, with its update time). */
  key: string;
  alert?: XmlElement;
  url?: string;
}

/** What a polled address held: one CAP document, or a feed of entries. */
export type FeedDocument = { kind: 'cap'; alert: XmlElement } | { kind: 'feed'; entries: FeedEntry[] };

/** Why a feed was refused. */
export class FeedError extends Error {
  constructor(
    readonly code: 'FEED_UNKNOWN_FORMAT',
    message: string,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

const isAlert = (el: XmlElement) => el.name === 'alert' && CAP_NS.includes(el.ns);

/**
 * Reads a polled document: a CAP `<alert>`, an Atom feed whose entries link to or embed CAP
 * alerts, or an RSS 2.0 feed whose items do (link, enclosure or an embedded `cap:alert`).
 * Addresses are resolved against the feed's and must be http or https.
 */
export function parseFeed(bytes: Uint8Array, base: string): FeedDocument {
  const root = parseXml(bytes);
  if (isAlert(root)) return { kind: 'cap', alert: root };
  if (root.name === 'feed' && root.ns === ATOM) {
    return {
      kind: 'feed',
      entries: childrenNamed(root, 'entry', ATOM)
        .slice(0, MAX_ENTRIES)
        .map((e) => atomEntry(e, base)),
    };
  }
  if (root.name === 'rss') {
    const channel = child(root, 'channel');
    const items = channel ? childrenNamed(channel, 'item') : [];
    return { kind: 'feed', entries: items.slice(0, MAX_ENTRIES).map((i) => rssItem(i, base)) };
  }
  throw new FeedError(
    'FEED_UNKNOWN_FORMAT',
    `<${root.name}> is neither a CAP alert, an Atom feed nor an RSS feed`,
  );
}

function atomEntry(entry: XmlElement, base: string): FeedEntry {
  const text = (name: string) => child(entry, name, ATOM)?.text.trim() ?? '';
  const content = child(entry, 'content', ATOM);
  const embedded = content?.children.find(isAlert) ?? entry.children.find(isAlert);
  const links = childrenNamed(entry, 'link', ATOM);
  const cap =
    links.find((l) => l.attrs.type === 'application/cap+xml') ??
    links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
  const href = cap?.attrs.href ?? content?.attrs.src;
  return {
    key: `${text('id') || href || ''}|${text('updated')}`,
    ...(embedded ? { alert: embedded } : {}),
    ...(!embedded && href ? optionalUrl(href, base) : {}),
  };
}

function rssItem(item: XmlElement, base: string): FeedEntry {
  const text = (name: string) => child(item, name)?.text.trim() ?? '';
  const embedded = item.children.find(isAlert);
  const enclosure = childrenNamed(item, 'enclosure').find((e) => e.attrs.url);
  const href = enclosure?.attrs.url ?? (text('link') || undefined);
  return {
    key: `${text('guid') || href || text('title')}|${text('pubDate')}`,
    ...(embedded ? { alert: embedded } : {}),
    ...(!embedded && href ? optionalUrl(href, base) : {}),
  };
}

function optionalUrl(href: string, base: string): { url?: string } {
  const url = safeUrl(href, base);
  return url ? { url } : {};
}

/** An http(s) address resolved against `base`, or null. */
export function safeUrl(href: string, base?: string): string | null {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
