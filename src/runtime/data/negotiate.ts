/**
 * Output negotiation of the `negotiate` encoding: the offers, in order, are
 * application/json, text/plain, application/xml and application/x-yaml; the
 * Accept entries are tried in header order (parameters and q-values
 * ignored), and an entry matches an offer when it is a prefix of it or when
 * a `*` appears where the two still agree. text/plain and application/x-yaml
 * render YAML; no Accept header or no match renders JSON.
 */

export type NegotiatedFormat = 'json' | 'yaml' | 'xml';

const OFFERS: ReadonlyArray<readonly [string, NegotiatedFormat]> = [
  ['application/json', 'json'],
  ['text/plain', 'yaml'],
  ['application/xml', 'xml'],
  ['application/x-yaml', 'yaml'],
];

/** The render for a request's Accept header (pass the first Accept header's value). */
export function negotiate(accept: string | undefined): NegotiatedFormat {
  if (accept === undefined || accept === '') return 'json';
  for (let part of accept.split(',')) {
    const semicolon = part.indexOf(';');
    if (semicolon > 0) part = part.slice(0, semicolon);
    part = part.trim();
    if (part === '') continue;
    for (const [offer, format] of OFFERS) {
      if (entryMatches(part, offer)) return format;
    }
  }
  return 'json';
}

function entryMatches(accepted: string, offer: string): boolean {
  let i = 0;
  for (; i < accepted.length && i < offer.length; i++) {
    if (accepted[i] === '*' || offer[i] === '*') return true;
    if (accepted[i] !== offer[i]) break;
  }
  return i === accepted.length;
}
