/**
 * The `rss` decoder: an RSS (0.9x/2.0, RDF 1.0), Atom or JSON Feed document
 * → the map KrakenD builds from a parsed feed:
 *   items, author, categories, custom, copyright, description, type,
 *   language, title, published, updated, and img_url when the feed has an
 *   image.
 * `items`, `author` and `categories` are records in KrakenD (not maps), so
 * they are opaque leaves here: filters and flatmap cannot walk into them,
 * and their JSON has the record's field order (title, description, content,
 * link, links, updated, updatedParsed, published, publishedParsed, author,
 * guid, image, categories, enclosures, dcExt, extensions), empty fields
 * left out. Dates are also given parsed, as RFC 3339 text. Elements in
 * other namespaces (dc:, atom: inside RSS, media:, …) are listed under
 * `extensions` by prefix and name; Dublin Core values also under `dcExt`.
 * iTunes-specific fields are not derived.
 */

import { OpaqueValue, isObject, setKey } from './types.ts';
import type { Data, JsonValue } from './types.ts';
import { XmlError, XmlTokenizer, localName, prefix } from './xml-decode.ts';
import { encodeJson } from './json-encode.ts';
import { parseJson } from './json-decode.ts';
import { bytesToText, compareUtf8 } from './utf8.ts';

const NOT_DETECTED = 'Failed to detect feed type';

interface Element {
  name: string;
  local: string;
  prefix: string;
  attrs: Array<[string, string]>;
  children: Element[];
  text: string;
}

/** The `rss` decoder. */
export function decodeRss(body: Uint8Array): Data {
  const text = bytesToText(body);
  const start = text.replace(/^[\s\ufeff]+/, '');
  if (start.startsWith('{')) return jsonFeed(start);
  const kind = detectXmlFeed(body);
  if (kind === null) throw new Error(NOT_DETECTED);
  let root: Element;
  try {
    root = readTree(body);
  } catch (error) {
    if (error instanceof XmlError) throw new Error(error.message);
    throw error;
  }
  return kind === 'rss' ? rssFeed(root) : atomFeed(root);
}

/** The feed type from the first element of the document, or null when there is none or it names no feed. */
function detectXmlFeed(body: Uint8Array): 'rss' | 'atom' | null {
  const tokens = new XmlTokenizer(body);
  try {
    for (;;) {
      const token = tokens.next();
      if (token === null) return null;
      if (token.kind !== 'start') continue;
      const local = localName(token.name);
      if (local === 'rss' || local === 'RDF') return 'rss';
      return local === 'feed' ? 'atom' : null;
    }
  } catch {
    return null;
  }
}

/** The document's root element as a tree (text of each element concatenated). */
function readTree(body: Uint8Array): Element {
  const tokens = new XmlTokenizer(body);
  const stack: Element[] = [];
  for (;;) {
    const token = tokens.next();
    if (token === null) throw new XmlError('XML syntax error: unexpected EOF');
    if (token.kind === 'start') {
      const element: Element = { name: token.name, local: localName(token.name), prefix: prefix(token.name), attrs: token.attrs, children: [], text: '' };
      stack[stack.length - 1]?.children.push(element);
      stack.push(element);
    } else if (token.kind === 'end') {
      const element = stack.pop()!;
      if (stack.length === 0) return element;
    } else if (token.kind === 'text') {
      const top = stack[stack.length - 1];
      if (top !== undefined) top.text += token.data;
    }
  }
}

const BASE_PREFIXES = new Set(['', 'rss', 'rdf', 'content']);

function isExtension(element: Element, base: ReadonlySet<string>): boolean {
  return !base.has(element.prefix);
}

function attr(element: Element, name: string): string {
  for (const [k, v] of element.attrs) if (localName(k) === name && !k.startsWith('xmlns')) return v;
  return '';
}

function textOf(element: Element): string {
  return element.text.trim();
}

function children(element: Element, local: string, base: ReadonlySet<string>): Element[] {
  return element.children.filter((c) => c.local === local && !isExtension(c, base));
}

function child(element: Element, local: string, base: ReadonlySet<string>): Element | undefined {
  return element.children.find((c) => c.local === local && !isExtension(c, base));
}

function childText(element: Element, local: string, base: ReadonlySet<string>): string {
  const found = child(element, local, base);
  return found === undefined ? '' : textOf(found);
}

type Extensions = Map<string, Map<string, ExtensionValue[]>>;

interface ExtensionValue {
  name: string;
  value: string;
  attrs: Array<[string, string]>;
  children: Map<string, ExtensionValue[]>;
}

function extensionOf(element: Element): ExtensionValue {
  const nested = new Map<string, ExtensionValue[]>();
  for (const c of element.children) pushTo(nested, c.local, extensionOf(c));
  return {
    name: element.local,
    value: textOf(element),
    attrs: element.attrs.filter(([k]) => !k.startsWith('xmlns')).map(([k, v]) => [localName(k), v]),
    children: nested,
  };
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function collectExtensions(element: Element, base: ReadonlySet<string>): Extensions {
  const out: Extensions = new Map();
  for (const c of element.children) {
    if (!isExtension(c, base)) continue;
    let byName = out.get(c.prefix);
    if (byName === undefined) out.set(c.prefix, (byName = new Map()));
    pushTo(byName, c.local, extensionOf(c));
  }
  return out;
}

/** Extensions as an opaque leaf: maps by prefix and name (sorted keys) of records (name, value, attrs, children). */
function extensionsJson(ext: Extensions): JsonValue {
  const out: Data = {};
  let text = '';
  for (const [space, byName] of [...ext].sort(([a], [b]) => compareUtf8(a, b))) {
    const names: Data = {};
    const parts: string[] = [];
    for (const [name, list] of [...byName].sort(([a], [b]) => compareUtf8(a, b))) {
      setKey(names, name, list.map(extensionValue));
      parts.push(`${encodeJson(name)}:[${list.map(extensionText).join(',')}]`);
    }
    setKey(out, space, names);
    text += `${text === '' ? '' : ','}${encodeJson(space)}:{${parts.join(',')}}`;
  }
  return new OpaqueValue(`{${text}}`, out);
}

function extensionValue(e: ExtensionValue): Data {
  const attrs: Data = {};
  for (const [k, v] of e.attrs) setKey(attrs, k, v);
  const nested: Data = {};
  for (const [k, list] of e.children) setKey(nested, k, list.map(extensionValue));
  return { name: e.name, value: e.value, attrs, children: nested };
}

function extensionText(e: ExtensionValue): string {
  const attrs: Data = {};
  for (const [k, v] of e.attrs) setKey(attrs, k, v);
  const nested = [...e.children]
    .sort(([a], [b]) => compareUtf8(a, b))
    .map(([k, list]) => `${encodeJson(k)}:[${list.map(extensionText).join(',')}]`);
  return `{"name":${encodeJson(e.name)},"value":${encodeJson(e.value)},"attrs":${encodeJson(attrs)},"children":{${nested.join(',')}}}`;
}

function extValues(ext: Extensions, space: string, name: string): string[] {
  return (ext.get(space)?.get(name) ?? []).map((e) => e.value);
}

const DC_FIELDS = ['title', 'creator', 'author', 'date', 'description', 'subject', 'type', 'publisher', 'contributor', 'format', 'identifier', 'source', 'language', 'relation', 'coverage', 'rights'];

function dublinCore(ext: Extensions): Data | undefined {
  if (!ext.has('dc')) return undefined;
  const out: Data = {};
  for (const field of DC_FIELDS) {
    const values = extValues(ext, 'dc', field);
    if (values.length > 0) out[field] = values;
  }
  return out;
}

function firstString(values: readonly string[] | undefined): string {
  return values !== undefined && values.length > 0 ? values[0]! : '';
}

/** A name and address from free text (`mail@site (Name)`, `Name <mail@site>`, a bare address or name). */
export function parseNameAddress(text: string): { name: string; email: string } {
  const t = text.trim();
  let m = /^([^\s()<>]+@[^\s()<>]+)\s*\((.*)\)$/.exec(t);
  if (m) return { name: m[2]!.trim(), email: m[1]! };
  m = /^(.*?)\s*<([^<>]+@[^<>]+)>$/.exec(t);
  if (m) return { name: m[1]!.trim().replace(/^"(.*)"$/, '$1'), email: m[2]! };
  if (/^[^\s@]+@[^\s@]+$/.test(t)) return { name: '', email: t };
  return { name: t, email: '' };
}

function person(name: string, email: string): Data | undefined {
  if (name === '' && email === '') return undefined;
  const out: Data = {};
  if (name !== '') out.name = name;
  if (email !== '') out.email = email;
  return out;
}

/** A JSON record: `undefined`, '' and empty lists are left out (Go's omitempty). */
function record(entries: Array<[string, JsonValue | undefined]>): Data {
  const out: Data = {};
  for (const [k, v] of entries) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    setKey(out, k, v);
  }
  return out;
}

/** Serialises a record keeping its field order (records are not maps: no key sorting). */
function recordJson(value: JsonValue): string {
  if (Array.isArray(value)) return '[' + value.map(recordJson).join(',') + ']';
  if (value instanceof OpaqueValue) return value.json;
  if (isObject(value)) {
    return '{' + Object.keys(value).map((k) => encodeJson(k) + ':' + recordJson(value[k]!)).join(',') + '}';
  }
  return encodeJson(value);
}

function opaque(value: JsonValue | undefined): JsonValue {
  if (value === undefined) return null;
  return new OpaqueValue(recordJson(value), value);
}

interface Universal {
  title: string;
  description: string;
  author: Data | undefined;
  categories: string[];
  copyright: string;
  language: string;
  published: string;
  updated: string;
  image: { url: string } | undefined;
  items: Data[];
  type: string;
}

function toData(feed: Universal): Data {
  const out: Data = {
    items: new OpaqueValue(recordJson(feed.items), feed.items),
    author: opaque(feed.author),
    categories: feed.categories.length > 0 ? opaque(feed.categories) : null,
    custom: null,
    copyright: feed.copyright,
    description: feed.description,
    type: feed.type,
    language: feed.language,
    title: feed.title,
    published: feed.published,
    updated: feed.updated,
  };
  if (feed.image !== undefined) out.img_url = feed.image.url;
  return out;
}

function rssFeed(root: Element): Data {
  const base = BASE_PREFIXES;
  const channel = child(root, 'channel', base) ?? root;
  const ext = collectExtensions(channel, base);
  const itemParents = root.local === 'RDF' ? [root, channel] : [channel];
  const items = itemParents.flatMap((p) => children(p, 'item', base)).map((item) => rssItem(item, base));
  const imageElement = child(channel, 'image', base) ?? (root.local === 'RDF' ? child(root, 'image', base) : undefined);
  const authorText =
    childText(channel, 'managingEditor', base) || childText(channel, 'webMaster', base) || firstString(extValues(ext, 'dc', 'author')) || firstString(extValues(ext, 'dc', 'creator'));
  const author = authorText === '' ? undefined : ((p) => person(p.name, p.email))(parseNameAddress(authorText));
  const categories = [...children(channel, 'category', base).map(textOf), ...extValues(ext, 'dc', 'subject')];
  return toData({
    title: childText(channel, 'title', base) || firstString(extValues(ext, 'dc', 'title')),
    description: childText(channel, 'description', base),
    author,
    categories,
    copyright: childText(channel, 'copyright', base) || firstString(extValues(ext, 'dc', 'rights')),
    language: childText(channel, 'language', base) || firstString(extValues(ext, 'dc', 'language')),
    published: childText(channel, 'pubDate', base),
    updated: childText(channel, 'lastBuildDate', base) || firstString(extValues(ext, 'dc', 'date')),
    image: imageElement === undefined ? undefined : { url: childText(imageElement, 'url', base) },
    items,
    type: 'rss',
  });
}

function rssItem(item: Element, base: ReadonlySet<string>): Data {
  const ext = collectExtensions(item, base);
  const links = children(item, 'link', base).map(textOf);
  const published = childText(item, 'pubDate', base) || firstString(extValues(ext, 'dc', 'date'));
  const updated = firstString(extValues(ext, 'dc', 'date'));
  const authorText = childText(item, 'author', base) || firstString(extValues(ext, 'dc', 'author')) || firstString(extValues(ext, 'dc', 'creator'));
  const parsedAuthor = authorText === '' ? undefined : parseNameAddress(authorText);
  const encoded = item.children.find((c) => c.local === 'encoded' && c.prefix === 'content');
  const enclosures = children(item, 'enclosure', base).map((e) => record([['url', attr(e, 'url')], ['length', attr(e, 'length')], ['type', attr(e, 'type')]]));
  const categories = [...children(item, 'category', base).map(textOf), ...extValues(ext, 'dc', 'subject')];
  return record([
    ['title', childText(item, 'title', base) || firstString(extValues(ext, 'dc', 'title'))],
    ['description', childText(item, 'description', base) || firstString(extValues(ext, 'dc', 'description'))],
    ['content', encoded === undefined ? '' : textOf(encoded)],
    ['link', links[0] ?? ''],
    ['links', links],
    ['updated', updated],
    ['updatedParsed', parseFeedDate(updated)],
    ['published', published],
    ['publishedParsed', parseFeedDate(published)],
    ['author', parsedAuthor === undefined ? undefined : { ...person(parsedAuthor.name, parsedAuthor.email) }],
    ['guid', childText(item, 'guid', base)],
    ['categories', categories],
    ['enclosures', enclosures],
    ['dcExt', dublinCore(ext)],
    ['extensions', ext.size > 0 ? extensionsJson(ext) : undefined],
  ]);
}

const ATOM_BASE = new Set(['', 'atom']);

function atomFeed(root: Element): Data {
  const base = ATOM_BASE;
  const authorElement = child(root, 'author', base);
  const categories = children(root, 'category', base).map((c) => attr(c, 'term')).filter((t) => t !== '');
  const logo = childText(root, 'logo', base) || childText(root, 'icon', base);
  return toData({
    title: childText(root, 'title', base),
    description: childText(root, 'subtitle', base),
    author: authorElement === undefined ? undefined : person(childText(authorElement, 'name', base), childText(authorElement, 'email', base)),
    categories,
    copyright: childText(root, 'rights', base),
    language: attr(root, 'lang'),
    published: childText(root, 'published', base),
    updated: childText(root, 'updated', base),
    image: logo === '' ? undefined : { url: logo },
    items: children(root, 'entry', base).map((entry) => atomEntry(entry, base)),
    type: 'atom',
  });
}

function atomEntry(entry: Element, base: ReadonlySet<string>): Data {
  const ext = collectExtensions(entry, base);
  const links = children(entry, 'link', base);
  const alternate = links.find((l) => attr(l, 'rel') === '' || attr(l, 'rel') === 'alternate') ?? links[0];
  const authorElement = child(entry, 'author', base);
  const updated = childText(entry, 'updated', base);
  const published = childText(entry, 'published', base);
  return record([
    ['title', childText(entry, 'title', base)],
    ['description', childText(entry, 'summary', base)],
    ['content', childText(entry, 'content', base)],
    ['link', alternate === undefined ? '' : attr(alternate, 'href')],
    ['links', links.map((l) => attr(l, 'href')).filter((h) => h !== '')],
    ['updated', updated],
    ['updatedParsed', parseFeedDate(updated)],
    ['published', published],
    ['publishedParsed', parseFeedDate(published)],
    ['author', authorElement === undefined ? undefined : person(childText(authorElement, 'name', base), childText(authorElement, 'email', base))],
    ['guid', childText(entry, 'id', base)],
    ['categories', children(entry, 'category', base).map((c) => attr(c, 'term')).filter((t) => t !== '')],
    [
      'enclosures',
      links.filter((l) => attr(l, 'rel') === 'enclosure').map((l) => record([['url', attr(l, 'href')], ['length', attr(l, 'length')], ['type', attr(l, 'type')]])),
    ],
    ['extensions', ext.size > 0 ? extensionsJson(ext) : undefined],
  ]);
}

function jsonFeed(text: string): Data {
  const doc = parseJson(text);
  if (!isObject(doc)) throw new Error(NOT_DETECTED);
  const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
  const authorOf = (v: JsonValue | undefined): Data | undefined => (isObject(v) ? person(str(v.name), '') : undefined);
  const items = (Array.isArray(doc.items) ? doc.items : []).filter(isObject).map((item) =>
    record([
      ['title', str(item.title)],
      ['description', str(item.summary)],
      ['content', str(item.content_html) || str(item.content_text)],
      ['link', str(item.url)],
      ['updated', str(item.date_modified)],
      ['updatedParsed', parseFeedDate(str(item.date_modified))],
      ['published', str(item.date_published)],
      ['publishedParsed', parseFeedDate(str(item.date_published))],
      ['author', authorOf(item.author)],
      ['guid', str(item.id)],
      ['image', str(item.image) === '' ? undefined : { url: str(item.image) }],
      ['categories', Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : []],
      [
        'enclosures',
        (Array.isArray(item.attachments) ? item.attachments : []).filter(isObject).map((a) =>
          record([['url', str(a.url)], ['length', a.size_in_bytes === undefined ? '' : encodeJson(a.size_in_bytes)], ['type', str(a.mime_type)]]),
        ),
      ],
    ]),
  );
  const icon = str(doc.icon);
  return toData({
    title: str(doc.title),
    description: str(doc.description),
    author: authorOf(doc.author),
    categories: [],
    copyright: '',
    language: '',
    published: '',
    updated: '',
    image: icon === '' ? undefined : { url: icon },
    items,
    type: 'json',
  });
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/**
 * A feed date as RFC 3339 text (the record's `…Parsed` fields), or undefined
 * when it cannot be read. Numeric offsets are kept; zone names count as UTC.
 */
export function parseFeedDate(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]+)?)?$/.exec(t);
  if (m) return rfc3339(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7] ?? '', zoneOffset(m[8] ?? 'Z'));
  m = /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{4}|[A-Za-z]{1,5})?$/.exec(t);
  if (m) {
    const month = MONTHS[m[2]!.slice(0, 3).toLowerCase()];
    if (month === undefined) return undefined;
    let year = +m[3]!;
    if (m[3]!.length === 2) year += year < 69 ? 2000 : 1900;
    return rfc3339(year, month, +m[1]!, +m[4]!, +m[5]!, +(m[6] ?? 0), '', zoneOffset(m[7] ?? 'Z'));
  }
  return undefined;
}

function zoneOffset(zone: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  const minutes = +m[2]! * 60 + +m[3]!;
  return m[1] === '-' ? -minutes : minutes;
}

function rfc3339(y: number, mo: number, d: number, h: number, mi: number, s: number, fraction: string, offset: number | null): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const frac = fraction.replace(/0+$/, '');
  const off = offset ?? 0;
  const zone = off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${frac === '' ? '' : '.' + frac}${zone}`;
}
