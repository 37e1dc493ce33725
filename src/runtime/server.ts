/**
 * The HTTP server: request-line handling before routing, protection against
 * hostile requests (oversized headers, slow headers, malformed request
 * lines), start-up and graceful shutdown (stop accepting, let requests in
 * flight finish, then exit).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Exchange } from './exchange.ts';
import { flushLogs, logMessage } from './log.ts';
import { closePools } from './pools.ts';
import { badRequest } from './router.ts';
import type { ServiceSettings } from './settings.ts';
import { state } from './state.ts';
import { cleanPath, unescapePath } from './url.ts';

/** Routes a request (generated code). */
export type RouteFunction = (x: Exchange) => void;

export interface ServeOptions {
  /** `router.remove_extra_slash`: the path is cleaned before routing. */
  removeExtraSlash?: boolean;
  /** Text for the startup log line. */
  description?: string;
  /** Do not install signal handlers (tests running the gateway in-process). */
  noSignals?: boolean;
}

export interface RunningGateway {
  server: Server;
  port: number;
  /** Stops accepting, waits for requests in flight, closes backend pools. */
  close(): Promise<void>;
}

const DEFAULT_HEADER_TIMEOUT_MS = 10_000;
const DEFAULT_IDLE_TIMEOUT_MS = 90_000;

function ms(ns: number): number {
  return Math.max(1, Math.round(ns / 1e6));
}

function stripAbsoluteForm(path: string): string {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/.exec(path);
  if (m === null) return path;
  const rest = path.slice(m[0].length);
  return rest === '' ? '/' : rest;
}

function handler(route: RouteFunction, removeExtraSlash: boolean) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const x = new Exchange(req, res);
    let path = x.path;
    if (path.charCodeAt(0) !== 47) path = stripAbsoluteForm(path);
    if (path.indexOf('%') >= 0) {
      try {
        path = unescapePath(path);
      } catch {
        badRequest(x);
        return;
      }
    }
    if (removeExtraSlash) path = cleanPath(path);
    x.path = path;
    try {
      if (state.cors !== null && state.cors.intercept(x)) return;
      route(x);
    } catch (e) {
      logMessage('ERROR', `panic recovered: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!x.done) x.send(500, [], null);
    }
  };
}

function onClientError(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
    socket.destroy();
    return;
  }
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    socket.end('HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n431 Request Header Fields Too Large');
  } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'ECONNRESET') {
    socket.destroy();
  } else {
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request');
  }
}

/** Starts serving; resolves once the port is bound. */
export function serve(settings: ServiceSettings, route: RouteFunction, options: ServeOptions = {}): Promise<RunningGateway> {
  const server = createServer(
    {
      maxHeaderSize: settings.maxHeaderBytes > 0 ? settings.maxHeaderBytes : 1 << 20,
      requestTimeout: settings.readTimeout > 0 ? ms(settings.readTimeout) : 0,
      headersTimeout: ms(settings.readHeaderTimeout || settings.readTimeout) || DEFAULT_HEADER_TIMEOUT_MS,
      keepAliveTimeout: settings.disableKeepAlives ? 0 : settings.idleTimeout > 0 ? ms(settings.idleTimeout) : settings.readTimeout > 0 ? ms(settings.readTimeout) : DEFAULT_IDLE_TIMEOUT_MS,
      noDelay: true,
      // how often slow header and request deadlines are checked
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor((ms(settings.readHeaderTimeout || settings.readTimeout) || DEFAULT_HEADER_TIMEOUT_MS) / 2))),
    },
    handler(route, options.removeExtraSlash === true),
  );
  if (settings.readHeaderTimeout === 0 && settings.readTimeout === 0) server.headersTimeout = DEFAULT_HEADER_TIMEOUT_MS;
  if (settings.disableKeepAlives) server.keepAliveTimeout = 1;
  server.on('clientError', onClientError);
  if (settings.writeTimeout > 0) server.setTimeout(ms(settings.writeTimeout) + ms(settings.readTimeout));

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    if (closing !== null) return closing;
    state.closing = true;
    closing = new Promise<void>((resolve) => {
      let forced: NodeJS.Timeout | null = null;
      server.close(() => {
        if (forced !== null) clearTimeout(forced);
        void closePools().then(() => resolve());
      });
      notifyParent({ type: 'kd:closed' });
      server.closeIdleConnections();
      if (settings.maxShutdownWaitTime > 0) {
        forced = setTimeout(() => {
          server.closeAllConnections();
        }, ms(settings.maxShutdownWaitTime));
        forced.unref();
      }
    });
    return closing;
  };

  return new Promise<RunningGateway>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.listenIp || undefined, () => {
      server.off('error', reject);
      server.on('error', (e) => logMessage('ERROR', `server: ${e.message}`));
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : settings.port;
      logMessage('INFO', `[SERVICE: ${options.description ?? 'kd'}] Listening on port: ${port}`);
      notifyParent({ type: 'kd:listening', port });
      if (!options.noSignals) installSignals(close);
      resolve({ server, port, close });
    });
  });
}

function notifyParent(message: { type: string; port?: number }): void {
  if (typeof process.send === 'function' && process.connected) {
    try {
      process.send(message);
    } catch {
      // the parent went away
    }
  }
}

function installSignals(close: () => Promise<void>): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) {
      logMessage('WARNING', `${signal} again: exiting without waiting`);
      flushLogs();
      process.exit(1);
    }
    signalled = true;
    logMessage('INFO', `${signal} received: shutting down gracefully`);
    void close().then(() => {
      logMessage('INFO', 'server stopped');
      flushLogs();
      process.exit(0);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('disconnect', () => onSignal('SIGTERM'));
  process.on('uncaughtException', (e) => {
    logMessage('CRITICAL', `uncaught exception: ${e.stack ?? e.message}`);
  });
  process.on('unhandledRejection', (e) => {
    logMessage('CRITICAL', `unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  });
}
