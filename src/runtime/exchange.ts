/**
 * One client request and its response: the request line split the way the
 * router needs it, lazy access to headers and query, the buffered body, and
 * the single place responses are written (with the access log line).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { peerAddress, resolveClientIp } from './client-ip.ts';
import { logAccess } from './log.ts';
import { state } from './state.ts';
import { canonicalHeaderName, parseQuery, type QueryValues } from './url.ts';

const NO_PARAMS: string[] = [];

/** Largest request body read into memory (bodies streamed to a single backend have no limit). */
export const MAX_BUFFERED_BODY = 64 * 1024 * 1024;

/** A request in flight. Created by the server for every request. */
export class Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  /** The raw request target (`/path?query`). */
  readonly url: string;
  /** The path used for routing (decoded, see server.ts). */
  path: string;
  /** The raw query string without `?` ('' when absent). */
  readonly rawQuery: string;
  readonly hasQuery: boolean;
  /** Router parameter values in declaration order. */
  params: string[] = NO_PARAMS;
  /** The request body, once read. */
  body: Buffer | null = null;
  /** performance.now() when the request arrived. */
  readonly started: number;
  /** Set once a response has been written. */
  done = false;
  /** Headers every answer to this request carries (CORS), or null. */
  extraHeaders: string[] | null = null;
  /** Claims of the validated JWT (auth/validator), or null. */
  claims: Record<string, unknown> | null = null;
  /** Client headers replaced by the gateway (propagated JWT claims): lower-case name → [name, value]. */
  headerOverrides: Map<string, [string, string]> | null = null;
  private ip: string | null = null;
  private query: QueryValues | null = null;
  private scanned = false;
  private hostHeader = '';
  private bodyPresent = false;
  private singleLength: string | undefined = undefined;

  constructor(req: IncomingMessage, res: ServerResponse) {
    this.req = req;
    this.res = res;
    this.started = performance.now();
    this.method = req.method ?? 'GET';
    const url = req.url ?? '/';
    this.url = url;
    const q = url.indexOf('?');
    if (q < 0) {
      this.path = url;
      this.rawQuery = '';
      this.hasQuery = false;
    } else {
      this.path = url.slice(0, q);
      this.rawQuery = url.slice(q + 1);
      this.hasQuery = true;
    }
  }

  /** Reads Host, Content-Length and Transfer-Encoding once, when first needed. */
  private scan(): void {
    this.scanned = true;
    const raw = this.req.rawHeaders;
    let lengths = 0;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!;
      switch (name.length) {
        case 4:
          if (this.hostHeader === '' && (name === 'Host' || name.toLowerCase() === 'host')) this.hostHeader = raw[i + 1]!;
          break;
        case 14:
          if (name === 'Content-Length' || name.toLowerCase() === 'content-length') {
            lengths++;
            this.singleLength = raw[i + 1]!;
            if (raw[i + 1] !== '0') this.bodyPresent = true;
          }
          break;
        case 17:
          if (name.toLowerCase() === 'transfer-encoding') this.bodyPresent = true;
          break;
      }
    }
    if (lengths !== 1) this.singleLength = undefined;
  }

  /** The client's Host header ('' when absent). */
  get host(): string {
    if (!this.scanned) this.scan();
    return this.hostHeader;
  }

  /** Whether the request carries a body (Content-Length > 0 or chunked). */
  get hasBody(): boolean {
    if (!this.scanned) this.scan();
    return this.bodyPresent;
  }

  /** The client's Content-Length, when it sent exactly one. */
  get contentLength(): string | undefined {
    if (!this.scanned) this.scan();
    return this.singleLength;
  }

  /** The client IP (TCP peer unless a trusted proxy forwarded it). */
  clientIp(): string {
    if (this.ip === null) {
      const peer = peerAddress(this.req.socket.remoteAddress);
      this.ip = state.clientIp.trusted === null ? peer : resolveClientIp(state.clientIp, peer, this.req.rawHeaders);
    }
    return this.ip;
  }

  /** Replaces a client header for the backend requests (`Header.Set` semantics). */
  overrideHeader(name: string, value: string): void {
    (this.headerOverrides ??= new Map()).set(name.toLowerCase(), [canonicalHeaderName(name), value]);
  }

  /** The parsed query string (Go's ParseQuery; malformed pairs dropped). */
  queryValues(): QueryValues {
    if (this.query === null) this.query = parseQuery(this.rawQuery);
    return this.query;
  }

  /** All values of a request header (`lowerName` lower-case), in order. */
  headerValues(lowerName: string): string[] | undefined {
    const raw = this.req.rawHeaders;
    let out: string[] | undefined;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!;
      if (name.length === lowerName.length && name.toLowerCase() === lowerName) {
        if (out === undefined) out = [raw[i + 1]!];
        else out.push(raw[i + 1]!);
      }
    }
    return out;
  }

  /** The first value of a request header, or undefined. */
  header(lowerName: string): string | undefined {
    const raw = this.req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!;
      if (name.length === lowerName.length && name.toLowerCase() === lowerName) return raw[i + 1];
    }
    return undefined;
  }

  /**
   * Reads the whole body (when there is one), then calls `next`. A body
   * larger than MAX_BUFFERED_BODY is refused with 413.
   */
  readBody(next: (x: Exchange) => void): void {
    if (!this.hasBody || this.body !== null) {
      next(this);
      return;
    }
    const declared = this.contentLength === undefined ? 0 : Number(this.contentLength);
    if (declared > MAX_BUFFERED_BODY) {
      this.refuseBody();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const req = this.req;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BUFFERED_BODY) {
        req.removeAllListeners('data');
        req.removeAllListeners('end');
        this.refuseBody();
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      this.body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      next(this);
    });
    req.once('error', () => {
      this.done = true;
      this.res.destroy();
    });
  }

  /** Whether the body is still unread (it can then be streamed to one backend). */
  get bodyUnread(): boolean {
    return this.hasBody && this.body === null && !this.streaming;
  }

  /** Marks the body as handed over to a backend request as a stream. */
  streamBody(): IncomingMessage {
    this.streaming = true;
    return this.req;
  }

  /** Set once the body was handed over as a stream. */
  streaming = false;

  private refuseBody(): void {
    if (this.done) return;
    this.res.shouldKeepAlive = false;
    this.send(413, ['Content-Type', 'text/plain; charset=utf-8', 'Connection', 'close'], '413 Request Entity Too Large');
    this.req.resume();
  }

  /**
   * Writes a complete response. `headers` is a flat `[name, value, …]` list;
   * Content-Length is added here.
   */
  send(status: number, headers: string[], body: string | Buffer | null): void {
    if (this.done) return;
    this.done = true;
    const length = body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    if (this.extraHeaders !== null) headers.push(...this.extraHeaders);
    headers.push('Content-Length', length === 0 ? '0' : String(length));
    if (state.closing) headers.push('Connection', 'close');
    const res = this.res;
    res.writeHead(status, headers);
    // a string body goes out in the same write as the headers
    if (length === 0) res.end();
    else res.end(body);
    this.logged(status);
  }

  /** Records the access log line for a response written elsewhere (streaming). */
  logged(status: number): void {
    if (state.accessLog && !state.skipLogPaths.has(this.path)) {
      logAccess(status, (performance.now() - this.started) * 1e6, this.clientIp(), this.method, this.url);
    }
  }
}
