/**
 * JWT validation (`auth/validator`) and signing (`auth/signer`) with
 * KrakenD's rules: the token comes from `Authorization: Bearer …` (or the
 * configured header) or a cookie; its algorithm must be the configured one;
 * the signature, issuer, audience (all listed), expiry and not-before are
 * checked with a leeway; then roles and scopes. A missing or invalid token is
 * an empty 401, missing roles or scopes an empty 403.
 */
import type { Exchange } from './exchange.ts';
import { ALGORITHMS, KeySet, signInput, verifySignature, type KeySource } from './jwk.ts';
import { logMessage } from './log.ts';
import { celFirstFailure, celNow, type CelCheck } from './cel.ts';
import { encodeJson, type Data, type JsonValue } from './response-data.ts';

/** Claims of a validated token. */
export type Claims = Record<string, unknown>;

export interface JwtValidatorSettings {
  alg: string;
  keys: KeySource;
  issuer: string;
  audience: string[];
  rolesKey: string;
  rolesKeyIsNested: boolean;
  roles: string[];
  scopesKey: string;
  scopes: string[];
  scopesMatcher: 'any' | 'all';
  leewayMs: number;
  /** Header carrying `Bearer <token>` (Authorization by default). */
  authHeaderName: string;
  /** Cookie carrying the token when the header does not (access_token by default). */
  cookieKey: string;
  /** [claim, header] pairs copied into the request headers. */
  propagateClaims: [string, string][];
  /** Log why tokens are refused. */
  operationDebug: boolean;
}

class TokenError extends Error {}

function decodeSegment(segment: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(segment)) throw new TokenError('illegal base64 data');
  return Buffer.from(segment, 'base64url');
}

function parseObject(bytes: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new TokenError(`invalid ${what}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TokenError(`invalid ${what}`);
  return value as Record<string, unknown>;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      let value = part.slice(eq + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      return value;
    }
  }
  return undefined;
}

/** The claim under a dotted key (`a.b.c`), walking nested objects, or undefined. */
function nestedClaim(claims: Claims, key: string): unknown {
  let node: unknown = claims;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Claims)[part];
  }
  return node;
}

/** The object holding the last segment of a dotted key, and that segment (KrakenD's nested lookup). */
function nestedParent(claims: Claims, key: string): [Claims | null, string] {
  const parts = key.split('.');
  let node: Claims = claims;
  for (const part of parts.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
    if (next === null || typeof next !== 'object' || Array.isArray(next)) return [null, key];
    node = next as Claims;
  }
  return [node, parts[parts.length - 1]!];
}

function hasRole(value: unknown, required: readonly string[]): boolean {
  const present = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? value.split(' ') : null;
  if (present === null) return false;
  return required.some((r) => present.includes(r));
}

/** A claim as text for headers and url_pattern placeholders (KrakenD's normalisation). */
export function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    const rounded = Math.round(value);
    return Math.abs(value - rounded) <= 1e-6 ? String(rounded) : value.toFixed(6);
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(',');
  return encodeJson(value as JsonValue);
}

/** A JWT validator for one endpoint. */
export class JwtValidator {
  private readonly settings: JwtValidatorSettings;
  private readonly keys: KeySet;

  private readonly reject: readonly CelCheck[];

  constructor(settings: JwtValidatorSettings, reject: readonly CelCheck[] = []) {
    this.settings = settings;
    this.keys = new KeySet(settings.keys);
    this.reject = reject;
  }

  private token(x: Exchange): string | undefined {
    const header = x.header(this.settings.authHeaderName.toLowerCase());
    if (header !== undefined && header.length > 7 && header.slice(0, 7).toUpperCase() === 'BEARER ') return header.slice(7);
    return cookieValue(x.header('cookie'), this.settings.cookieKey);
  }

  /** 0 when the request may go on (claims stored on the exchange), else 401 or 403. */
  async check(x: Exchange): Promise<number> {
    const s = this.settings;
    let claims: Claims;
    try {
      const token = this.token(x);
      if (token === undefined) throw new TokenError('token not found');
      const parts = token.split('.');
      if (parts.length !== 3) throw new TokenError('compact JWS format must have three parts');
      const header = parseObject(decodeSegment(parts[0]!), 'header');
      if (header.alg !== s.alg) throw new TokenError(`algorithm ${String(header.alg)} not allowed`);
      const jwk = await this.keys.find(typeof header.kid === 'string' ? header.kid : undefined);
      if (jwk === undefined) throw new TokenError('no key found for the token');
      const signature = decodeSegment(parts[2]!);
      if (!verifySignature(s.alg, jwk, Buffer.from(`${parts[0]}.${parts[1]}`), signature)) throw new TokenError('invalid signature');
      claims = parseObject(decodeSegment(parts[1]!), 'payload');
      this.checkClaims(claims);
    } catch (e) {
      if (s.operationDebug) logMessage('ERROR', `JOSE: unauthorized request: ${(e as Error).message}`);
      return 401;
    }
    // validation/cel checks on the claims (the JWT variable)
    if (this.reject.length > 0 && celFirstFailure(this.reject, { JWT: claims, now: celNow() }) >= 0) return 401;
    if (s.roles.length > 0) {
      const nested = s.rolesKeyIsNested && s.rolesKey.includes('.') && !s.rolesKey.startsWith('http');
      let value: unknown;
      if (nested) {
        const [parent, last] = nestedParent(claims, s.rolesKey);
        value = parent === null ? undefined : parent[last];
      } else value = Object.prototype.hasOwnProperty.call(claims, s.rolesKey) ? claims[s.rolesKey] : undefined;
      if (!hasRole(value, s.roles)) {
        if (s.operationDebug) logMessage('ERROR', 'JOSE: the token does not have the required roles');
        return 403;
      }
    }
    if (s.scopes.length > 0 && s.scopesKey !== '') {
      const [parent, last] = s.scopesKey.includes('.') ? nestedParent(claims, s.scopesKey) : [claims, s.scopesKey];
      const value = parent === null ? undefined : parent[last];
      const present = typeof value === 'string' ? value.split(' ') : null;
      const ok = present !== null && (s.scopesMatcher === 'all' ? s.scopes.every((r) => present.includes(r)) : s.scopes.some((r) => present.includes(r)));
      if (!ok) {
        if (s.operationDebug) logMessage('ERROR', 'JOSE: the token does not have the required scopes');
        return 403;
      }
    }
    x.claims = claims;
    for (const [claim, header] of s.propagateClaims) {
      const value = claim.includes('.') && !claim.startsWith('http') ? nestedClaim(claims, claim) : claims[claim];
      x.overrideHeader(header, value === undefined ? '' : claimText(value));
    }
    return 0;
  }

  private checkClaims(claims: Claims): void {
    const s = this.settings;
    if (s.issuer !== '' && claims.iss !== s.issuer) throw new TokenError('invalid issuer');
    if (s.audience.length > 0) {
      const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
      if (aud.length !== s.audience.length || !s.audience.every((a) => aud.includes(a))) throw new TokenError('invalid audience');
    }
    const now = Date.now();
    const time = (v: unknown) => (typeof v === 'number' ? v * 1000 : undefined);
    const exp = time(claims.exp);
    if (exp !== undefined && now - s.leewayMs > exp) throw new TokenError('token is expired');
    const nbf = time(claims.nbf);
    if (nbf !== undefined && now + s.leewayMs < nbf) throw new TokenError('token not valid yet');
    const iat = time(claims.iat);
    if (iat !== undefined && now + s.leewayMs < iat) throw new TokenError('token issued in the future');
  }
}

export function jwtValidator(settings: JwtValidatorSettings, reject: readonly CelCheck[] = []): JwtValidator {
  if (!ALGORITHMS.has(settings.alg)) throw new Error(`JOSE: unknown algorithm ${settings.alg}`);
  return new JwtValidator(settings, reject);
}

/**
 * Runs the validator before an endpoint handler: returns true when it took
 * over (the handler is called again once the token is accepted, or the
 * request is refused), false when the token was already accepted.
 */
export function authorize(x: Exchange, validator: JwtValidator, handler: (x: Exchange) => void): boolean {
  if (x.claims !== null) return false;
  validator.check(x).then(
    (status) => {
      if (status === 0) handler(x);
      else x.send(status, [], null);
    },
    () => x.send(401, [], null),
  );
  return true;
}

/** A `{JWT.claim}` url_pattern value, or the placeholder text when there is none. */
export function jwtParam(x: Exchange, claim: string, placeholder: string): string {
  const claims = x.claims;
  if (claims === null || !Object.prototype.hasOwnProperty.call(claims, claim)) return placeholder;
  return claimText(claims[claim]);
}

export interface JwtSignerSettings {
  alg: string;
  kid: string;
  keysToSign: string[];
  keys: KeySource;
}

/** Signs response values as compact JWS (`auth/signer`). */
export class JwtSigner {
  private readonly settings: JwtSignerSettings;
  private readonly keys: KeySet;

  constructor(settings: JwtSignerSettings) {
    this.settings = settings;
    this.keys = new KeySet(settings.keys);
  }

  /** Replaces every listed top-level object of `data` by its signed token. */
  async signFields(data: Data): Promise<void> {
    const s = this.settings;
    const jwk = await this.keys.find(s.kid);
    if (jwk === undefined) throw new Error(`no key ${s.kid} to sign with`);
    const header = Buffer.from(encodeJson({ alg: s.alg, kid: s.kid, typ: 'JWT' })).toString('base64url');
    for (const key of s.keysToSign) {
      if (!Object.prototype.hasOwnProperty.call(data, key)) continue;
      const value = data[key];
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const payload = Buffer.from(encodeJson(value)).toString('base64url');
      const input = `${header}.${payload}`;
      data[key] = `${input}.${signInput(s.alg, jwk, Buffer.from(input)).toString('base64url')}`;
    }
  }
}

export function jwtSigner(settings: JwtSignerSettings): JwtSigner {
  if (!ALGORITHMS.has(settings.alg)) throw new Error(`JOSE: unknown algorithm ${settings.alg}`);
  return new JwtSigner(settings);
}
