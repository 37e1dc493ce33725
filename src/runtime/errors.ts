/**
 * Errors that travel through the pipeline. Their messages are the texts
 * KrakenD would log and (with `router.return_error_msg`) return to clients.
 */

/** A failed backend call or pipeline stage. */
export class ProxyError extends Error {
  override name = 'ProxyError';
  /** The status to answer with when this error ends a request (0 = 500). */
  readonly statusCode: number;
  /** Content-Type of `message` when it is a backend body (return_error_code). */
  readonly encoding: string;

  constructor(message: string, statusCode = 0, encoding = '') {
    super(message);
    this.statusCode = statusCode;
    this.encoding = encoding;
  }
}

/** The error of a deadline that expired (the endpoint timeout or an inner budget). */
export const DEADLINE_EXCEEDED = 'context deadline exceeded';

/** The error given when the endpoint deadline expired without any other error. */
export const INTERNAL_SERVER_ERROR = 'internal server error';

/** Errors of several backends combined (merges): messages joined by newlines. */
export class MergedError extends ProxyError {
  override name = 'MergedError';
  readonly errors: readonly ProxyError[];
  constructor(errors: readonly ProxyError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.errors = errors;
  }
}

/** Go's wording for a network failure reported by Node (`dial tcp …: connect: connection refused`). */
export function describeNetworkError(err: Error & { code?: string; address?: string; port?: number; hostname?: string }, method: string, url: string): string {
  const op = method.charAt(0) + method.slice(1).toLowerCase();
  let cause: string;
  const hostPort = (() => {
    try {
      const u = new URL(url);
      const port = u.port || (u.protocol === 'https:' ? '443' : '80');
      return `${u.hostname.replace(/^\[|\]$/g, '')}:${port}`;
    } catch {
      return '';
    }
  })();
  switch (err.code) {
    case 'ECONNREFUSED':
      cause = `dial tcp ${err.address !== undefined ? `${err.address}:${err.port ?? ''}` : hostPort}: connect: connection refused`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      cause = `dial tcp: lookup ${err.hostname ?? hostPort.replace(/:\d+$/, '')}: no such host`;
      break;
    case 'ECONNRESET':
      cause = 'read: connection reset by peer';
      break;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      cause = `dial tcp ${hostPort}: i/o timeout`;
      break;
    case 'EHOSTUNREACH':
      cause = `dial tcp ${hostPort}: connect: no route to host`;
      break;
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      cause = 'EOF';
      break;
    case 'UND_ERR_HEADERS_TIMEOUT':
      cause = 'net/http: timeout awaiting response headers';
      break;
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_VERSION':
    case 'HPE_INVALID_STATUS':
      cause = 'net/http: HTTP/1.x transport connection broken: malformed HTTP response';
      break;
    default:
      cause = err.message;
  }
  return `${op} ${JSON.stringify(url)}: ${cause}`;
}
