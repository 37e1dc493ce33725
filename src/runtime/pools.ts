/**
 * Keep-alive connection pools to the backends: one undici Pool per origin,
 * shared by every backend that points there, and the host lists with their
 * load balancer.
 */
import type { Socket } from 'node:net';
import { Pool, buildConnector } from 'undici';

/** Connection settings for every pool (from the service settings). */
export interface PoolOptions {
  /** Idle keep-alive time before a connection is closed, ms (0 = undici's default). */
  idleTimeoutMs: number;
  /** Time to wait for response headers, ms (0 = no limit; the endpoint timeout applies). */
  headersTimeoutMs: number;
  /** TCP connect timeout, ms (0 = 10 s). */
  connectTimeoutMs: number;
  /** TCP keep-alive probe delay, ms (0 = 15 s). */
  keepAliveMs: number;
  /** Skip TLS certificate verification (`allow_insecure_connections`). */
  insecure: boolean;
  /** Close connections after each request (`disable_keep_alives`). */
  disableKeepAlives: boolean;
}

let options: PoolOptions = {
  idleTimeoutMs: 0,
  headersTimeoutMs: 0,
  connectTimeoutMs: 0,
  keepAliveMs: 0,
  insecure: false,
  disableKeepAlives: false,
};

const pools = new Map<string, Pool>();

export function configurePools(next: PoolOptions): void {
  options = next;
}

const KEEP_ALIVE_LINE = 'connection: keep-alive\r\n';

/**
 * HTTP/1.1 connections stay open unless told otherwise, so the explicit
 * `connection: keep-alive` request header adds nothing; it is left out so
 * backends receive the same header set as from KrakenD's Go client.
 */
function omitKeepAliveHeader(socket: Socket): void {
  const write = socket.write;
  socket.write = function (this: Socket, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === 'string') {
      const at = chunk.indexOf(KEEP_ALIVE_LINE);
      if (at > 0 && chunk.charCodeAt(at - 1) === 10) chunk = chunk.slice(0, at) + chunk.slice(at + KEEP_ALIVE_LINE.length);
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof socket.write;
}

function createPool(origin: string): Pool {
  const base = buildConnector({
    timeout: options.connectTimeoutMs || 10_000,
    keepAlive: true,
    keepAliveInitialDelay: options.keepAliveMs || 15_000,
    rejectUnauthorized: !options.insecure,
  });
  const connect: buildConnector.connector = (connectOptions, callback) => {
    base(connectOptions, (err, socket) => {
      if (err === null && socket) omitKeepAliveHeader(socket);
      (callback as (e: Error | null, s: Socket | null) => void)(err, socket ?? null);
    });
  };
  return new Pool(origin, {
    connect,
    // Keep-alive, but no pipelining: a slow response would hold up every request queued behind
    // it on the same connection (KrakenD's Go client does not pipeline either); the pool opens
    // another connection instead.
    pipelining: options.disableKeepAlives ? 0 : 1,
    keepAliveTimeout: options.idleTimeoutMs || 4_000,
    keepAliveMaxTimeout: Math.max(options.idleTimeoutMs || 600_000, 1_000),
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: 0,
  });
}

/** The pool for an origin (`http://host:port`), created on first use. */
export function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (pool === undefined) {
    pool = createPool(origin);
    pools.set(origin, pool);
  }
  return pool;
}

/** Closes every pool (waiting for requests in flight). */
export async function closePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close().catch(() => undefined)));
}

/** One backend host: its origin (pool key) and any base path written after it. */
export interface Host {
  readonly origin: string;
  /** Text between the origin and the url_pattern (only with disable_host_sanitize). */
  readonly prefix: string;
  /** The host as configured, for error messages. */
  readonly text: string;
  readonly hostname: string;
  readonly pool: Pool;
}

/** Splits a configured host into origin and base path; undefined when it is not an http(s) URL. */
export function parseHost(text: string): Host | undefined {
  const m = /^(https?:\/\/[^/?#]+)(.*)$/i.exec(text);
  if (!m) return undefined;
  let url: URL;
  try {
    url = new URL(m[1]!);
  } catch {
    return undefined;
  }
  return { origin: url.origin, prefix: m[2]!, text, hostname: url.hostname, pool: poolFor(url.origin) };
}

/**
 * A backend's host list. One host is always that host; several are taken in
 * turn starting at a random one (the balancing KrakenD applies when it runs
 * on a single core, which is how a Node process runs).
 */
export class HostSet {
  readonly hosts: readonly Host[];
  private cursor: number;

  constructor(texts: readonly string[]) {
    const hosts: Host[] = [];
    for (const text of texts) {
      const host = parseHost(text);
      if (host !== undefined) hosts.push(host);
    }
    this.hosts = hosts;
    this.cursor = hosts.length > 1 ? Math.floor(Math.random() * hosts.length) : 0;
  }

  /** The next host, or undefined when the list is empty (`no hosts available`). */
  pick(): Host | undefined {
    const hosts = this.hosts;
    if (hosts.length <= 1) return hosts[0];
    const host = hosts[this.cursor]!;
    this.cursor = this.cursor + 1 === hosts.length ? 0 : this.cursor + 1;
    return host;
  }
}
