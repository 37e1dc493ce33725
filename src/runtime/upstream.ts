/**
 * One call to a backend, with the behaviour of KrakenD's HTTP client: host
 * picked by the balancer, redirects followed the way Go's client follows them,
 * gzip bodies decompressed, the status checked, the body decoded and
 * transformed. The call is its own undici dispatch handler (no promise, no
 * closure per request) and reports to a ResultSink exactly once.
 */
import { gunzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { DEADLINE_EXCEEDED, ProxyError, describeNetworkError } from './errors.ts';
import type { Exchange } from './exchange.ts';
import { poolFor, type HostSet } from './pools.ts';
import type { Data, Decoder } from './response-data.ts';
import { state } from './state.ts';
import { parseQuery, requestTarget } from './url.ts';
import { celFirstFailure, celRejection, headerLists, requestActivation, responseActivation, type CelActivation, type CelChecks } from './cel.ts';

/** Static description of one backend, built once when the gateway starts. */
export interface BackendPlan {
  /** Position within the endpoint (the N of `respN_…`). */
  readonly index: number;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The url_pattern as KrakenD shows it in errors (`/users/{{.Id}}`). */
  readonly pattern: string;
  readonly hosts: HostSet;
  /** Body decoder; null for a `no-op` backend (contributes `{}`, no status check). */
  readonly decode: Decoder | null;
  /** target/allow/deny/mapping/group/flatmap, or null when the data is kept as is. */
  readonly transform: ((data: Data | null) => Data | null) | null;
  /** `backend/http.return_error_details` name ('' = off). */
  readonly errorDetails: string;
  /** `backend/http.return_error_code`. */
  readonly errorCode: boolean;
  /** `backend/http/client.send_body_on_redirect`. */
  readonly bodyOnRedirect: boolean;
  /** Backend-level `input_headers` (lower-case names), or null when unset. */
  readonly headerFilter: ReadonlySet<string> | null;
  /** Whether a client Accept-Encoding header reaches this backend. */
  readonly forwardsAcceptEncoding: boolean;
  /** Concurrent calls (1 = off). */
  readonly concurrent: number;
  /** `validation/cel` at the backend, or null. */
  readonly cel: CelChecks | null;
}

/** Receives the outcome of calls: `data` undefined means no response at all. */
export interface ResultSink {
  accept(slot: number, data: Data | null | undefined, complete: boolean, error: ProxyError | null): void;
}

const MAX_REDIRECTS = 10;
const EMPTY_BODY = Buffer.alloc(0);

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function sameOrSubdomain(initial: string, next: string): boolean {
  if (initial === next) return true;
  return next.endsWith('.' + initial);
}

/** Removes the headers a redirect to another host must not carry. */
function withoutSensitiveHeaders(headers: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i]!.toLowerCase();
    if (name === 'authorization' || name === 'www-authenticate' || name === 'cookie' || name === 'cookie2') continue;
    out.push(headers[i]!, headers[i + 1]!);
  }
  return out;
}

/**
 * The chunks of a stream as an async iterable: its length stays unknown to
 * the HTTP client, so the body goes out chunked as from KrakenD's Go client
 * (unless the client's Content-Length is forwarded).
 */
export async function* streamChunks(stream: Readable): AsyncIterable<Buffer> {
  for await (const chunk of stream) yield chunk as Buffer;
}

/** Keeps only the headers a backend-level `input_headers` lists. */
export function filterHeaders(headers: readonly string[], allowed: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    if (allowed.has(headers[i]!.toLowerCase())) out.push(headers[i]!, headers[i + 1]!);
  }
  return out;
}

/** A backend request ready to dispatch, or the error that prevents it. */
export interface PreparedRequest {
  pool: Dispatcher | null;
  path: string;
  url: string;
  hostname: string;
  headers: string[];
  /** Whether `Accept-Encoding: gzip` was added here (the body is then decompressed transparently). */
  autoGzip: boolean;
  error: ProxyError | null;
}

/** Picks the host, builds the request target and the final header list. */
export function prepareRequest(x: Exchange, plan: BackendPlan, target: string, headers: string[]): PreparedRequest {
  let out = plan.headerFilter === null ? headers : filterHeaders(headers, plan.headerFilter);
  const autoGzip = !state.disableCompression && !(plan.forwardsAcceptEncoding && x.header('accept-encoding') !== undefined);
  if (autoGzip) out = out.concat('Accept-Encoding', 'gzip');
  const host = plan.hosts.pick();
  if (host === undefined) return { pool: null, path: '', url: target, hostname: '', headers: out, autoGzip, error: new ProxyError('no hosts available') };
  let path: string;
  try {
    path = requestTarget(host.prefix + target);
  } catch (e) {
    const url = host.text + target;
    return { pool: null, path: '', url, hostname: '', headers: out, autoGzip, error: new ProxyError(`parse ${JSON.stringify(url)}: ${(e as Error).message}`) };
  }
  return { pool: host.pool, path, url: host.origin + path, hostname: host.hostname, headers: out, autoGzip, error: null };
}

/** One call (and its redirects) to one backend. */
export class BackendCall implements Dispatcher.DispatchHandler {
  readonly plan: BackendPlan;
  private readonly sink: ResultSink;
  private readonly slot: number;
  private readonly x: Exchange;
  private method: string;
  private headers: string[];
  private body: Buffer | null;
  /** Full URL of the current request (for error messages and redirects). */
  url = '';
  private initialHost = '';
  private redirects = 0;
  private status = 0;
  private contentType = '';
  private contentEncoding = '';
  private location = '';
  /** The first body chunk, and the others when there are more. */
  private chunk: Buffer | null = null;
  private chunks: Buffer[] | null = null;
  private abortFn: ((err?: Error) => void) | null = null;
  private aborted = false;
  settled = false;

  constructor(x: Exchange, plan: BackendPlan, target: string, headers: string[], sink: ResultSink, slot: number) {
    this.x = x;
    this.plan = plan;
    this.sink = sink;
    this.slot = slot;
    this.method = plan.method;
    this.body = x.body;
    const prepared = prepareRequest(x, plan, target, headers);
    this.headers = prepared.headers;
    this.url = prepared.url;
    if (prepared.error !== null) {
      this.finish(undefined, false, prepared.error);
      return;
    }
    this.initialHost = prepared.hostname;
    if (plan.cel !== null && plan.cel.pre.length > 0) {
      const failed = celFirstFailure(plan.cel.pre, this.requestActivation(target));
      if (failed >= 0) {
        this.finish(undefined, false, new ProxyError(celRejection(failed)));
        return;
      }
    }
    this.dispatch(prepared.pool!, prepared.path);
  }

  /** The variables of the backend's request-phase CEL checks. */
  private requestActivation(target: string): CelActivation {
    const cel = this.plan.cel!;
    const params = Object.create(null) as Record<string, string>;
    cel.paramKeys.forEach((key, i) => (params[key] = this.x.params[i] ?? ''));
    const q = target.indexOf('?');
    const headers = headerLists(this.headers.filter((_, i, all) => (i % 2 === 0 ? all[i] !== 'Accept-Encoding' : all[i - 1] !== 'Accept-Encoding')));
    return requestActivation(this.method, q < 0 ? target : target.slice(0, q), params, headers, q < 0 ? {} : parseQuery(target.slice(q + 1)));
  }

  private dispatch(pool: Dispatcher, path: string): void {
    const body = this.body;
    let requestBody: Buffer | Buffer[] | Readable | AsyncIterable<Buffer> | null = null;
    if (this.redirects === 0 && this.x.bodyUnread) {
      // the body goes straight through, as a stream (only one backend reads it)
      requestBody = this.hasHeader('content-length') ? this.x.streamBody() : streamChunks(this.x.streamBody());
    } else if (body !== null && body.length > 0) {
      // Without a forwarded Content-Length the body goes out chunked, as from Go's client.
      requestBody = this.x.contentLength !== undefined && this.hasHeader('content-length') ? body : [body];
    }
    // An iterable body (the one-element array) is sent chunked.
    pool.dispatch({ path, method: this.method, headers: this.headers, body: requestBody as Buffer | null }, this);
  }

  private hasHeader(lowerName: string): boolean {
    const h = this.headers;
    for (let i = 0; i < h.length; i += 2) if (h[i]!.toLowerCase() === lowerName) return true;
    return false;
  }

  /** Stops the call (deadline); reports `error` unless already settled. */
  cancel(message = DEADLINE_EXCEEDED): void {
    if (this.settled) return;
    this.aborted = true;
    const abort = this.abortFn;
    this.finish(undefined, false, new ProxyError(message));
    if (abort !== null) abort(new Error(message));
  }

  onConnect(abort: (err?: Error) => void): void {
    this.abortFn = abort;
    if (this.aborted) abort(new Error(DEADLINE_EXCEEDED));
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode < 200) return true;
    this.status = statusCode;
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!;
      switch (name.length) {
        case 8:
          if (name.toString('latin1').toLowerCase() === 'location') this.location = rawHeaders[i + 1]!.toString('latin1');
          break;
        case 12:
          if (this.contentType === '' && name.toString('latin1').toLowerCase() === 'content-type') this.contentType = rawHeaders[i + 1]!.toString('utf8');
          break;
        case 16:
          if (name.toString('latin1').toLowerCase() === 'content-encoding') this.contentEncoding = rawHeaders[i + 1]!.toString('latin1').toLowerCase();
          break;
      }
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.chunk === null) this.chunk = chunk;
    else if (this.chunks === null) this.chunks = [this.chunk, chunk];
    else this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    const status = this.status;
    if (isRedirect(status) && this.location !== '' && this.followRedirect()) return;
    const raw = this.chunks !== null ? Buffer.concat(this.chunks) : (this.chunk ?? EMPTY_BODY);
    this.chunk = null;
    this.chunks = null;
    this.respond(status, raw);
  }

  onError(err: Error): void {
    if (this.settled) return;
    this.finish(undefined, false, new ProxyError(describeNetworkError(err as Error & { code?: string }, this.method, this.url)));
  }

  /** Follows a redirect as Go's client does; false when the response stands as it is. */
  private followRedirect(): boolean {
    const status = this.status;
    let method = this.method;
    let body = this.body;
    if (status === 307 || status === 308) {
      if (this.x.streaming) return false;
      if (body !== null && body.length > 0 && !this.plan.bodyOnRedirect) return false;
    } else {
      body = null;
      if (method !== 'GET' && method !== 'HEAD') method = 'GET';
    }
    let next: URL;
    try {
      next = new URL(this.location, this.url);
    } catch {
      return false;
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return false;
    next.hash = '';
    if (this.redirects >= MAX_REDIRECTS) {
      const op = this.plan.method.charAt(0) + this.plan.method.slice(1).toLowerCase();
      this.finish(undefined, false, new ProxyError(`${op} ${JSON.stringify(next.href)}: stopped after 10 redirects`));
      return true;
    }
    const previous = this.url;
    this.redirects++;
    this.method = method;
    this.body = body;
    let headers = this.headers;
    if (!sameOrSubdomain(this.initialHost, next.hostname)) headers = withoutSensitiveHeaders(headers);
    const out: string[] = [];
    for (let i = 0; i < headers.length; i += 2) {
      const lower = headers[i]!.toLowerCase();
      if (lower === 'referer' || (body === null && lower === 'content-length')) continue;
      out.push(headers[i]!, headers[i + 1]!);
    }
    if (!(previous.startsWith('https:') && next.protocol === 'http:')) out.push('Referer', refererOf(previous));
    this.headers = out;
    this.url = next.href;
    this.status = 0;
    this.contentType = '';
    this.contentEncoding = '';
    this.location = '';
    this.chunk = null;
    this.chunks = null;
    this.abortFn = null;
    this.dispatch(poolFor(next.origin), next.pathname + next.search);
    return true;
  }

  private respond(status: number, raw: Buffer): void {
    const plan = this.plan;
    if (plan.decode === null) {
      this.finish({}, true, null);
      return;
    }
    if (status !== 200 && status !== 201) {
      const body = this.contentEncoding === 'gzip' ? safeGunzip(raw) : raw;
      if (plan.errorDetails !== '') {
        const detail: Data = { http_status_code: status };
        if (body.length > 0) detail.http_body = body.toString('utf8');
        if (this.contentType !== '') detail.http_body_encoding = this.contentType;
        const data: Data = {};
        data['error_' + plan.errorDetails] = detail;
        this.finish(data, false, null);
        return;
      }
      if (plan.errorCode) {
        this.finish(undefined, false, new ProxyError(body.toString('utf8'), status, this.contentType));
        return;
      }
      this.finish(undefined, false, new ProxyError(`invalid status code ${status} [${this.method} ${plan.pattern}]: ${this.url}`));
      return;
    }
    let data: Data | null;
    try {
      data = plan.decode(this.contentEncoding === 'gzip' ? gunzipSync(raw) : raw);
      if (plan.transform !== null) data = plan.transform(data);
    } catch (e) {
      this.finish(undefined, false, new ProxyError(e instanceof Error ? e.message : String(e)));
      return;
    }
    if (plan.cel !== null && plan.cel.post.length > 0) {
      const failed = celFirstFailure(plan.cel.post, responseActivation(data, true, status));
      if (failed >= 0) {
        this.finish(undefined, false, new ProxyError(celRejection(failed)));
        return;
      }
    }
    this.finish(data, true, null);
  }

  private finish(data: Data | null | undefined, complete: boolean, error: ProxyError | null): void {
    if (this.settled) return;
    this.settled = true;
    this.sink.accept(this.slot, data, complete, error);
  }
}

function safeGunzip(raw: Buffer): Buffer {
  try {
    return gunzipSync(raw);
  } catch {
    return raw;
  }
}

function hostnameOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}

/** The Referer for a redirect: the previous URL without user info or fragment. */
function refererOf(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}
