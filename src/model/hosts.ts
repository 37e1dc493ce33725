/**
 * Backend host sanitising as KrakenD applies it: a host is an optional
 * lower-case `http://` or `https://`, a name of letters, digits, `.`, `_`
 * or `-`, an optional 2–6 digit port and an optional trailing slash. The
 * pattern must be found exactly once in the text; the result gets `http://`
 * when it had no scheme and loses the trailing slash.
 */

const HOST_PATTERN = /(https?:\/\/)?([A-Za-z0-9._-]+)(:[0-9]{2,6})?\/?/g;

export type SanitizedHost = { host: string; addedScheme: boolean } | { error: string };

const sanitized = new Map<string, SanitizedHost>();

/** Sanitises a host (memoised: configs repeat the same few hosts many times). */
export function sanitizeHost(raw: string): SanitizedHost {
  let s = sanitized.get(raw);
  if (s === undefined) {
    s = sanitizeHostUncached(raw);
    if (sanitized.size < 10_000) sanitized.set(raw, s);
  }
  return s;
}

function sanitizeHostUncached(raw: string): SanitizedHost {
  const matches = [...raw.matchAll(HOST_PATTERN)];
  if (matches.length !== 1) return { error: `host ${raw} not valid: invalid host` };
  const m = matches[0]!;
  const scheme = m[1] ?? '';
  return { host: (scheme || 'http://') + m[2]! + (m[3] ?? ''), addedScheme: scheme === '' };
}

/** Why a host is rejected, in words a user can act on. */
export function explainInvalidHost(raw: string): string {
  if (raw === '') return 'the host is empty';
  if (/^[A-Z]+:\/\//.test(raw) && !/^https?:\/\//.test(raw)) {
    return /^https?:\/\//i.test(raw) ? 'the scheme must be lower-case (http:// or https://)' : 'only http:// and https:// schemes are allowed';
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(raw) && !/^https?:\/\//.test(raw)) return 'only http:// and https:// schemes are allowed';
  if (/^(https?:\/\/)?[^/]+\/./.test(raw)) return 'a host cannot contain a path; put the path in url_pattern, or set disable_host_sanitize';
  if (/[?#]/.test(raw)) return 'a host cannot contain a query or fragment';
  if (/@/.test(raw)) return 'a host cannot contain credentials';
  if (/\[/.test(raw)) return 'IPv6 literals are not accepted by KrakenD host sanitising; set disable_host_sanitize';
  if (/:[0-9]{7,}/.test(raw) || /:[0-9](\/|$)/.test(raw)) return 'a port must have 2 to 6 digits';
  return 'it is not of the form [http[s]://]name[:port]';
}
