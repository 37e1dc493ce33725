/**
 * Process-wide gateway options, fixed once when the gateway starts (from the
 * values baked into the generated module plus start-up overrides). Request
 * handling reads these plain fields; nothing is looked up in configuration.
 */
import type { ClientIpPolicy } from './client-ip.ts';
import type { CorsPolicy } from './cors.ts';

export interface GatewayState {
  /** Value of the `X-Krakend` response header. */
  versionHeader: string;
  /** User-Agent sent to backends (and `X-Forwarded-Via` when the client's is forwarded). */
  userAgent: string;
  /** `router.return_error_msg`: error texts become response bodies. */
  returnErrorMsg: boolean;
  accessLog: boolean;
  /** Paths (without query) excluded from the access log. */
  skipLogPaths: ReadonlySet<string>;
  clientIp: ClientIpPolicy;
  /** `router.error_body` for 404 and 405, already encoded as JSON. */
  notFoundBody: string | null;
  methodNotAllowedBody: string | null;
  /** Path-parameter check (off with `router.disable_path_decoding`). */
  checkParams: boolean;
  /** Do not add `Accept-Encoding: gzip` to backend requests (`disable_compression`). */
  disableCompression: boolean;
  /** Set while shutting down: responses ask clients to close the connection. */
  closing: boolean;
  /** `security/cors`, or null when not configured. */
  cors: CorsPolicy | null;
}

export const state: GatewayState = {
  versionHeader: 'Version undefined',
  userAgent: 'kd',
  returnErrorMsg: false,
  accessLog: true,
  skipLogPaths: new Set(),
  clientIp: { trusted: null, headers: [] },
  notFoundBody: null,
  methodNotAllowedBody: null,
  checkParams: true,
  disableCompression: false,
  closing: false,
  cors: null,
};
