/**
 * `no-op` endpoints: the backend's status, headers and body go back to the
 * client as they come (streamed), plus KrakenD's own headers. Only the
 * request side is processed (headers and query filtered as configured).
 */
import { createGunzip, type Gunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { DEADLINE_EXCEEDED, ProxyError, describeNetworkError } from './errors.ts';
import type { Exchange } from './exchange.ts';
import { logEndpointError, sendError, type TargetBuilder } from './pipeline.ts';
import { poolFor } from './pools.ts';
import { state } from './state.ts';
import { prepareRequest, streamChunks, type BackendPlan } from './upstream.ts';

export interface NoopPlan {
  readonly noop: true;
  readonly name: string;
  readonly timeoutMs: number;
  readonly backend: BackendPlan;
  /** Builds the backend's request target for this request. */
  readonly target: TargetBuilder;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);
const NO_RESULTS: readonly never[] = [];


function noopDeadline(call: NoopCall): void {
  call.fail(new ProxyError(DEADLINE_EXCEEDED));
}

function clientGone(this: { noopCall?: NoopCall }): void {
  this.noopCall?.abortUpstream();
}

class NoopCall implements Dispatcher.DispatchHandler {
  private readonly x: Exchange;
  private readonly plan: NoopPlan;
  private method: string;
  private headers: string[];
  private body: Buffer | null;
  private readonly autoGzip: boolean;
  private url: string;
  private redirects = 0;
  private redirectTo: string | null = null;
  private started = false;
  private finished = false;
  private status = 0;
  private abortFn: ((err?: Error) => void) | null = null;
  private resumeFn: (() => void) | null = null;
  private gunzip: Gunzip | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(x: Exchange, plan: NoopPlan, headers: string[]) {
    this.x = x;
    this.plan = plan;
    this.method = plan.backend.method;
    this.body = x.body;
    const prepared = prepareRequest(x, plan.backend, plan.target(0, x, NO_RESULTS), headers);
    this.headers = prepared.headers;
    this.autoGzip = prepared.autoGzip;
    this.url = prepared.url;
    this.timer = setTimeout(noopDeadline, plan.timeoutMs, this);
    (x.res as unknown as { noopCall?: NoopCall }).noopCall = this;
    x.res.once('close', clientGone);
    if (prepared.error !== null) {
      this.fail(prepared.error);
      return;
    }
    this.dispatch(prepared.pool!, prepared.path);
  }

  private dispatch(pool: Dispatcher, path: string): void {
    const body = this.body;
    let requestBody: Buffer | Buffer[] | Readable | AsyncIterable<Buffer> | null = body !== null && body.length > 0 ? (this.x.contentLength !== undefined ? body : [body]) : null;
    if (this.redirects === 0 && this.x.bodyUnread) {
      const forwardsLength = this.headers.some((h, i) => i % 2 === 0 && h.toLowerCase() === 'content-length');
      requestBody = forwardsLength ? this.x.streamBody() : streamChunks(this.x.streamBody());
    }
    // An iterable body (the one-element array) is sent chunked.
    pool.dispatch({ path, method: this.method, headers: this.headers, body: requestBody as Buffer | null }, this);
  }

  abortUpstream(): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    if (this.abortFn !== null) this.abortFn(new Error('context canceled'));
  }

  /** Ends the request with an error: an error response when nothing was written yet. */
  fail(error: ProxyError): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    if (this.abortFn !== null) this.abortFn(new Error(error.message));
    logEndpointError(this.plan.name, error);
    if (this.started) {
      this.x.res.destroy();
      this.x.logged(this.status);
      return;
    }
    sendError(this.x, ['X-Krakend', state.versionHeader, 'X-Krakend-Completed', 'false'], error);
  }

  onConnect(abort: (err?: Error) => void): void {
    this.abortFn = abort;
    if (this.finished) abort(new Error('context canceled'));
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (statusCode < 200 || this.finished) return true;
    this.resumeFn = resume;
    let location = '';
    let gzip = false;
    const out: string[] = [];
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!.toString('latin1');
      const lower = name.toLowerCase();
      const value = rawHeaders[i + 1]!.toString('latin1');
      if (HOP_BY_HOP.has(lower)) continue;
      if (lower === 'location') location = value;
      if (lower === 'content-encoding' && value.toLowerCase() === 'gzip') gzip = true;
      out.push(name, value);
    }
    if ((statusCode === 301 || statusCode === 302 || statusCode === 303 || statusCode === 307 || statusCode === 308) && location !== '' && this.redirects < 10) {
      const bodyless = !this.x.streaming && (this.body === null || this.body.length === 0);
      if (statusCode < 307 || bodyless || this.plan.backend.bodyOnRedirect) {
        try {
          const next = new URL(location, this.url);
          if (next.protocol === 'http:' || next.protocol === 'https:') {
            this.redirectTo = next.href;
            this.status = statusCode;
            return true;
          }
        } catch {
          // not a URL: the redirect response is returned as it is
        }
      }
    }
    const headers: string[] = [];
    const decompress = gzip && this.autoGzip;
    for (let i = 0; i < out.length; i += 2) {
      const lower = out[i]!.toLowerCase();
      if (decompress && (lower === 'content-encoding' || lower === 'content-length')) continue;
      headers.push(out[i]!, out[i + 1]!);
    }
    headers.push('X-Krakend', state.versionHeader, 'X-Krakend-Completed', 'false');
    if (this.x.extraHeaders !== null) headers.push(...this.x.extraHeaders);
    if (state.closing) headers.push('Connection', 'close');
    this.status = statusCode;
    const res = this.x.res;
    try {
      res.writeHead(statusCode, headers);
    } catch (e) {
      this.fail(new ProxyError(`invalid backend response: ${(e as Error).message}`));
      return true;
    }
    this.started = true;
    if (decompress) {
      const gunzip = createGunzip();
      gunzip.on('error', () => res.destroy());
      gunzip.pipe(res);
      this.gunzip = gunzip;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.redirectTo !== null || this.finished) return true;
    const ok = this.gunzip !== null ? this.gunzip.write(chunk) : this.x.res.write(chunk);
    if (!ok && this.resumeFn !== null) {
      (this.gunzip ?? this.x.res).once('drain', this.resumeFn);
      return false;
    }
    return true;
  }

  onComplete(): void {
    if (this.finished) return;
    const next = this.redirectTo;
    if (next !== null) {
      this.redirectTo = null;
      this.redirects++;
      const previous = this.url;
      this.url = next;
      if (this.status !== 307 && this.status !== 308) {
        this.body = null;
        if (this.method !== 'GET' && this.method !== 'HEAD') this.method = 'GET';
      }
      const headers = this.headers.filter((_, i, all) => (i % 2 === 0 ? all[i]!.toLowerCase() !== 'referer' : all[i - 1]!.toLowerCase() !== 'referer'));
      headers.push('Referer', previous);
      this.headers = headers;
      const u = new URL(next);
      this.abortFn = null;
      this.dispatch(poolFor(u.origin), u.pathname + u.search);
      return;
    }
    this.finished = true;
    clearTimeout(this.timer);
    if (this.gunzip !== null) this.gunzip.end();
    else this.x.res.end();
    this.x.done = true;
    this.x.logged(this.status);
  }

  onError(err: Error): void {
    if (this.finished) return;
    this.fail(new ProxyError(describeNetworkError(err as Error & { code?: string }, this.method, this.url)));
  }
}

function startNoop(x: Exchange, plan: NoopPlan, headers: string[]): void {
  new NoopCall(x, plan, headers);
}

/** Runs a no-op endpoint for a request (the body is streamed unless it may have to be resent). */
export function proxyNoop(x: Exchange, plan: NoopPlan, headers: string[]): void {
  if (x.hasBody && x.body === null && plan.backend.bodyOnRedirect) {
    x.readBody((ready) => startNoop(ready, plan, headers));
    return;
  }
  startNoop(x, plan, headers);
}
