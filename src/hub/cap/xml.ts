import { SaxesParser } from 'saxes';

/** An element of a parsed document: local name, namespace, attributes, children, own text, line. */
export interface XmlElement {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (character data and CDATA directly inside it), untrimmed. */
  text: string;
  line: number;
}

/** Why a document was refused, with the line where the parser was. */
export class XmlError extends Error {
  constructor(
    readonly code: 'XML_MALFORMED' | 'XML_DTD_REFUSED' | 'XML_TOO_LARGE' | 'XML_ENCODING',
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

/** Limits that keep a hostile document from costing time or memory. */
export interface XmlLimits {
  bytes: number;
  depth: number;
  elements: number;
  /** Characters of text in one element. */
  text: number;
}

export const XML_LIMITS: XmlLimits = { bytes: 2 * 1024 * 1024, depth: 40, elements: 50_000, text: 100_000 };

/** Thrown from inside a handler to stop the parser at once. */
class Stop extends Error {}

/**
 * Parses an XML document into a tree with saxes (a strict, namespace-aware streaming parser).
 * A document type declaration is refused the moment the parser meets it, before any of its
 * internal subset could matter: saxes never expands entities declared there, and stopping at
 * once means a "billion laughs" bomb costs no more than reading its first lines. Only the five
 * predefined entities and character references are understood. Depth, element count and text
 * length are bounded, so a bomb without a DTD is refused too.
 */
export function parseXml(bytes: Uint8Array, limits: XmlLimits = XML_LIMITS): XmlElement {
  if (bytes.byteLength > limits.bytes) {
    throw new XmlError('XML_TOO_LARGE', `document is larger than ${limits.bytes} bytes`, 1);
  }
  return parseText(decode(bytes), limits);
}

/** Decodes by the byte-order mark, else the XML declaration's encoding, else UTF-8; strictly. */
function decode(bytes: Uint8Array): string {
  const label = bomEncoding(bytes) ?? declaredEncoding(bytes) ?? 'utf-8';
  let decoder: { decode(bytes: Uint8Array): string };
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new XmlError('XML_ENCODING', `unknown encoding ${label}`, 1);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new XmlError('XML_ENCODING', `the bytes are not valid ${label}`, 1);
  }
}

function bomEncoding(b: Uint8Array): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** The encoding named by the XML declaration, read by the parser itself from the document's start. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII in every ASCII-compatible encoding; 200 bytes hold it.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const parser = new SaxesParser({ xmlns: false, position: false });
  let encoding: string | undefined;
  parser.on('xmldecl', (decl) => {
    encoding = decl.encoding;
    throw new Stop();
  });
  // Anything after the declaration (or its absence) ends the look.
  for (const event of ['opentagstart', 'text', 'doctype', 'comment', 'processinginstruction'] as const) {
    parser.on(event, () => {
      throw new Stop();
    });
  }
  parser.on('error', () => {
    throw new Stop();
  });
  try {
    parser.write(head);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return encoding?.toLowerCase();
}

function parseText(text: string, limits: XmlLimits): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let failure: XmlError | undefined;
  const fail = (code: XmlError['code'], message: string): never => {
    failure = new XmlError(code, message, parser.line);
    throw new Stop();
  };
  const addText = (chunk: string) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    if (top.text.length + chunk.length > limits.text)
      fail('XML_TOO_LARGE', `text of <${top.name}> is too long`);
    top.text += chunk;
  };

  parser.on('doctype', () => fail('XML_DTD_REFUSED', 'document type declarations (DTDs) are refused'));
  parser.on('opentag', (tag) => {
    count++;
    if (count > limits.elements) fail('XML_TOO_LARGE', `more than ${limits.elements} elements`);
    if (stack.length >= limits.depth) fail('XML_TOO_LARGE', `elements nested deeper than ${limits.depth}`);
    const attrs: Record<string, string> = Object.create(null);
    for (const attr of Object.values(tag.attributes)) {
      // Namespace declarations are not data.
      if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      attrs[attr.local] = attr.value;
    }
    const element: XmlElement = {
      name: tag.local,
      ns: tag.uri,
      attrs,
      children: [],
      text: '',
      line: parser.line,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (error) => fail('XML_MALFORMED', error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')));

  try {
    parser.write(text).close();
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  if (failure) throw failure;
  if (!root) throw new XmlError('XML_MALFORMED', 'no root element', parser.line);
  return root;
}

/** Direct children named `name` (any namespace unless given). */
export function childrenNamed(element: XmlElement, name: string, ns?: string): XmlElement[] {
  return element.children.filter((c) => c.name === name && (ns === undefined || c.ns === ns));
}

/** The first direct child named `name`. */
export function child(element: XmlElement, name: string, ns?: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name && (ns === undefined || c.ns === ns));
}
