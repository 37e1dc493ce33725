/**
 * Cross-Origin Resource Sharing (`security/cors`), wrapped around the whole
 * gateway as KrakenD wraps it around its router: preflight requests are
 * answered here (they never reach the router), and other requests get the
 * CORS headers added to whatever the gateway answers.
 */
import type { Exchange } from './exchange.ts';

/** `security/cors` as the build resolved it. */
export interface CorsSettings {
  /** Lower-cased allowed origins; empty or containing `*` means any origin. */
  allowOrigins: string[];
  /** Upper-cased allowed methods (empty: GET, POST, HEAD). */
  allowMethods: string[];
  /** Allowed request headers (empty or `*`: any); `Origin` is always allowed. */
  allowHeaders: string[];
  exposeHeaders: string[];
  /** Seconds for Access-Control-Max-Age (0: not sent). */
  maxAge: number;
  allowCredentials: boolean;
  allowPrivateNetwork: boolean;
  /** Let preflights continue to the router after the CORS headers are set. */
  optionsPassthrough: boolean;
  /** Status of an answered preflight (204 by default). */
  optionsSuccessStatus: number;
}

interface OriginPattern {
  prefix: string;
  suffix: string;
}

/** The compiled policy. */
export class CorsPolicy {
  private readonly anyOrigin: boolean;
  private readonly origins: ReadonlySet<string>;
  private readonly patterns: readonly OriginPattern[];
  private readonly methods: ReadonlySet<string>;
  private readonly anyHeader: boolean;
  private readonly headers: ReadonlySet<string>;
  private readonly expose: string;
  private readonly settings: CorsSettings;

  constructor(settings: CorsSettings) {
    this.settings = settings;
    const origins = settings.allowOrigins.map((o) => o.toLowerCase());
    this.anyOrigin = origins.length === 0 || origins.includes('*');
    this.origins = new Set(origins.filter((o) => !o.includes('*')));
    this.patterns = origins
      .filter((o) => o !== '*' && o.includes('*'))
      .map((o) => {
        const star = o.indexOf('*');
        return { prefix: o.slice(0, star), suffix: o.slice(star + 1) };
      });
    const methods = settings.allowMethods.length === 0 ? ['GET', 'POST', 'HEAD'] : settings.allowMethods.map((m) => m.toUpperCase());
    this.methods = new Set(methods);
    this.anyHeader = settings.allowHeaders.length === 0 || settings.allowHeaders.includes('*');
    this.headers = new Set([...settings.allowHeaders.map((h) => h.toLowerCase()), 'origin']);
    this.expose = settings.exposeHeaders.join(', ');
  }

  private originAllowed(origin: string): boolean {
    if (this.anyOrigin) return true;
    const o = origin.toLowerCase();
    if (this.origins.has(o)) return true;
    for (const p of this.patterns) {
      if (o.length >= p.prefix.length + p.suffix.length && o.startsWith(p.prefix) && o.endsWith(p.suffix)) return true;
    }
    return false;
  }

  private methodAllowed(method: string): boolean {
    const m = method.toUpperCase();
    return m === 'OPTIONS' || this.methods.has(m);
  }

  private headersAllowed(requested: string): boolean {
    if (this.anyHeader) return true;
    for (const part of requested.split(',')) {
      const h = part.trim().toLowerCase();
      if (h !== '' && !this.headers.has(h)) return false;
    }
    return true;
  }

  /**
   * Handles the CORS side of a request: answers a preflight (returning true
   * unless options_passthrough lets it continue), otherwise records the
   * headers every answer to this request must carry.
   */
  intercept(x: Exchange): boolean {
    const settings = this.settings;
    const origin = x.header('origin');
    const requestedMethod = x.method === 'OPTIONS' ? x.header('access-control-request-method') : undefined;
    if (requestedMethod !== undefined && requestedMethod !== '') {
      const headers = ['Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers'];
      if (origin !== undefined && origin !== '' && this.originAllowed(origin) && this.methodAllowed(requestedMethod)) {
        const requested = x.header('access-control-request-headers') ?? '';
        if (this.headersAllowed(requested)) {
          headers.push('Access-Control-Allow-Origin', this.anyOrigin ? '*' : origin);
          headers.push('Access-Control-Allow-Methods', requestedMethod.toUpperCase());
          if (requested !== '') headers.push('Access-Control-Allow-Headers', requested);
          if (settings.allowCredentials) headers.push('Access-Control-Allow-Credentials', 'true');
          if (settings.allowPrivateNetwork && x.header('access-control-request-private-network') === 'true') headers.push('Access-Control-Allow-Private-Network', 'true');
          if (settings.maxAge > 0) headers.push('Access-Control-Max-Age', String(settings.maxAge));
        }
      }
      if (settings.optionsPassthrough) {
        x.extraHeaders = headers;
        return false;
      }
      x.send(settings.optionsSuccessStatus, headers, null);
      return true;
    }
    const headers = ['Vary', 'Origin'];
    if (origin !== undefined && origin !== '' && this.originAllowed(origin) && this.methodAllowed(x.method)) {
      headers.push('Access-Control-Allow-Origin', this.anyOrigin ? '*' : origin);
      if (this.expose !== '') headers.push('Access-Control-Expose-Headers', this.expose);
      if (settings.allowCredentials) headers.push('Access-Control-Allow-Credentials', 'true');
    }
    x.extraHeaders = headers;
    return false;
  }
}
