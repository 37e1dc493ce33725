/**
 * The headers a backend request carries, built per request by the generated
 * endpoint code: the client headers the endpoint forwards (listed ones copied
 * one by one, or all of them with `*`), then the headers KrakenD always sets.
 */
import type { Exchange } from './exchange.ts';
import { state } from './state.ts';
import { canonicalHeaderName } from './url.ts';

/** Headers never copied from the client: set by the gateway, or framing the HTTP client owns. */
const NOT_FORWARDED = new Set([
  'host',
  'x-forwarded-for',
  'x-forwarded-host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);

/** Copies every value of one client header (`lowerName`) under its canonical name. */
export function copyHeader(x: Exchange, out: string[], lowerName: string, canonicalName: string): void {
  const override = x.headerOverrides?.get(lowerName);
  if (override !== undefined) {
    out.push(canonicalName, override[1]);
    return;
  }
  const raw = x.req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === lowerName.length && (name === canonicalName || name.toLowerCase() === lowerName)) out.push(canonicalName, raw[i + 1]!);
  }
}

/** Every client header (`input_headers: ["*"]`), canonical names. */
export function allHeaders(x: Exchange): string[] {
  const raw = x.req.rawHeaders;
  const overrides = x.headerOverrides;
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (NOT_FORWARDED.has(lower) || overrides?.has(lower)) continue;
    if (lower === 'content-length' && x.contentLength === undefined) continue;
    out.push(canonicalHeaderName(name), raw[i + 1]!);
  }
  if (overrides) for (const [lower, [name, value]] of overrides) if (!NOT_FORWARDED.has(lower)) out.push(name, value);
  return out;
}

function hasUserAgent(headers: readonly string[]): boolean {
  for (let i = 0; i < headers.length; i += 2) if (headers[i] === 'User-Agent') return true;
  return false;
}

/**
 * Adds `X-Forwarded-For` (the client IP), `X-Forwarded-Host` (the client's
 * Host) and kd's User-Agent, or `X-Forwarded-Via` when the client's
 * User-Agent is forwarded.
 */
export function finishHeaders(x: Exchange, out: string[], userAgentForwarded: boolean): string[] {
  out.push('X-Forwarded-For', x.clientIp(), 'X-Forwarded-Host', x.host);
  if (userAgentForwarded && hasUserAgent(out)) out.push('X-Forwarded-Via', state.userAgent);
  else out.push('User-Agent', state.userAgent);
  return out;
}
