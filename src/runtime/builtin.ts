/**
 * The gateway's built-in endpoints: `/__health`, `/__debug/` (logs the
 * request and answers pong) and `/__echo/` (answers with the request).
 */
import type { Exchange } from './exchange.ts';
import { logEnabled, logMessage } from './log.ts';
import { JSON_CONTENT_TYPE } from './render.ts';
import { encodeJson, type Data } from './response-data.ts';
import { canonicalHeaderName, encodeQuery } from './url.ts';
import { performance } from 'node:perf_hooks';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function zoneName(date: Date, offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName');
    if (part !== undefined && /^[A-Z]{3,5}$/.test(part.value)) return part.value;
  } catch {
    // no Intl zone data: fall back to the numeric form
  }
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return sign + pad(Math.floor(abs / 60), 2) + (abs % 60 === 0 ? '' : pad(abs % 60, 2));
}

/** `time.Now().String()` as Go prints it: `2025-01-19 18:38:38.084 +0100 CET m=+30.674012345`. */
export function goNow(): string {
  const nowMs = performance.timeOrigin + performance.now();
  const date = new Date(Math.floor(nowMs));
  const nanos = Math.round((nowMs - Math.floor(nowMs / 1000) * 1000) * 1e6);
  let fraction = pad(Math.min(nanos, 999_999_999), 9).replace(/0+$/, '');
  if (fraction !== '') fraction = '.' + fraction;
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const monotonic = performance.now() / 1000;
  const whole = Math.floor(monotonic);
  const monoFraction = pad(Math.round((monotonic - whole) * 1e9) % 1_000_000_000, 9);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)} ` +
    `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}${fraction} ` +
    `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)} ${zoneName(date, offset)} m=+${whole}.${monoFraction}`
  );
}

/** `/__health`: `{"agents":{},"now":"<time>","status":"ok"}`. */
export function health(x: Exchange): void {
  x.send(200, ['Content-Type', JSON_CONTENT_TYPE], `{"agents":{},"now":${encodeJson(goNow())},"status":"ok"}`);
}

/** The request headers as Go's server presents them (canonical names; Host and transfer framing removed). */
function requestHeaderMap(x: Exchange): Data {
  const raw = x.req.rawHeaders;
  const headers = Object.create(null) as Record<string, string[]>;
  let chunked = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = canonicalHeaderName(raw[i]!);
    if (name === 'Host') continue;
    if (name === 'Transfer-Encoding') {
      chunked = chunked || raw[i + 1]!.toLowerCase() === 'chunked';
      continue;
    }
    (headers[name] ??= []).push(raw[i + 1]!);
  }
  if (chunked) {
    delete headers['Content-Length'];
    delete headers['Trailer'];
  }
  return headers as unknown as Data;
}

function goMap(values: Record<string, string[]>): string {
  const keys = Object.keys(values).sort();
  return 'map[' + keys.map((k) => `${k}:[${values[k]!.join(' ')}]`).join(' ') + ']';
}

/** `/__debug/*`: logs the request at DEBUG level and answers `{"message":"pong"}`. */
export function debug(x: Exchange): void {
  x.readBody(() => {
    if (logEnabled('DEBUG')) {
      const prefix = '[ENDPOINT: /__debug/*]';
      logMessage('DEBUG', `${prefix} Method: ${x.method}`);
      logMessage('DEBUG', `${prefix} URL: ${x.url}`);
      logMessage('DEBUG', `${prefix} Query: ${goMap(x.queryValues())}`);
      logMessage('DEBUG', `${prefix} Params: [{param ${x.params[0] ?? ''}}]`);
      logMessage('DEBUG', `${prefix} Headers: ${goMap(requestHeaderMap(x) as unknown as Record<string, string[]>)}`);
      logMessage('DEBUG', `${prefix} Body: ${x.body === null ? '' : x.body.toString('utf8')}`);
    }
    x.send(200, ['Content-Type', JSON_CONTENT_TYPE], '{"message":"pong"}');
  });
}

/** `/__echo/*`: answers with the request as the gateway received it. */
export function echo(x: Exchange): void {
  x.readBody(() => {
    const query = x.queryValues();
    const details: Data = {
      fragment: '',
      host: x.host,
      path: x.path,
      query: encodeQuery(query),
      scheme: '',
      user: '',
    };
    const body =
      `{"req_uri":${encodeJson(x.url)},"req_uri_details":${encodeJson(details)},"req_method":${encodeJson(x.method)},` +
      `"req_querystring":${encodeJson(query as unknown as Data)},"req_body":${encodeJson(x.body === null ? '' : x.body.toString('utf8'))},` +
      `"req_headers":${encodeJson(requestHeaderMap(x))}}`;
    x.send(200, ['Content-Type', JSON_CONTENT_TYPE], body);
  });
}
