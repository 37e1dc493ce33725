/**
 * JSON Web Keys for the JWT validator and signer: key sets downloaded from
 * `jwk_url` (cached when `cache` is on, downloaded again on every use
 * otherwise, as KrakenD does) or read once from `jwk_local_path`, and the
 * signing/verification primitives of every algorithm KrakenD accepts, done
 * with node:crypto.
 */
import { createHmac, createPrivateKey, createPublicKey, constants, sign, timingSafeEqual, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'undici';

/** The algorithms KrakenD accepts for JWT validation and signing. */
export const ALGORITHMS = new Set(['EdDSA', 'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512']);

export interface KeySource {
  /** URL of the key set (`jwk_url`). */
  url: string;
  /** Path of a local key set (`jwk_local_path`, preferred over the URL). */
  localPath: string;
  /** Keep downloaded keys for `cacheSeconds`. */
  cache: boolean;
  cacheSeconds: number;
  /** Allow plain HTTP for `url` (`disable_jwk_security`). */
  insecure: boolean;
}

interface Jwk extends JsonWebKey {
  kid?: string;
  kty?: string;
  alg?: string;
}

/** A set of keys from one source. */
export class KeySet {
  private readonly source: KeySource;
  private keys: Jwk[] | null = null;
  private fetchedAt = 0;
  private pending: Promise<Jwk[]> | null = null;

  constructor(source: KeySource) {
    this.source = source;
  }

  private async download(): Promise<Jwk[]> {
    const url = this.source.url;
    if (!/^https:\/\//i.test(url) && !(this.source.insecure && /^http:\/\//i.test(url))) {
      throw new Error(`JWK client is using an insecure connection to the JWK service: ${url}`);
    }
    const response = await request(url, { method: 'GET', headers: { accept: 'application/json' } });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`unable to download the JWK set: status ${response.statusCode}`);
    return parseKeySet(text);
  }

  /** Every key of the set (downloading or reading it as configured). */
  async all(): Promise<Jwk[]> {
    const source = this.source;
    if (source.localPath !== '') {
      if (this.keys === null) this.keys = parseKeySet(readFileSync(source.localPath, 'utf8'));
      return this.keys;
    }
    if (source.cache && this.keys !== null && Date.now() - this.fetchedAt < source.cacheSeconds * 1000) return this.keys;
    if (this.pending === null) {
      this.pending = this.download().finally(() => {
        this.pending = null;
      });
    }
    const keys = await this.pending;
    this.keys = keys;
    this.fetchedAt = Date.now();
    return keys;
  }

  /** The key with `kid` (or the only key when the token names none). */
  async find(kid: string | undefined): Promise<Jwk | undefined> {
    const keys = await this.all();
    if (kid === undefined) return keys.length === 1 ? keys[0] : undefined;
    return keys.find((k) => k.kid === kid);
  }
}

function parseKeySet(text: string): Jwk[] {
  const value: unknown = JSON.parse(text);
  if (value !== null && typeof value === 'object' && Array.isArray((value as { keys?: unknown }).keys)) return (value as { keys: Jwk[] }).keys;
  if (value !== null && typeof value === 'object' && typeof (value as Jwk).kty === 'string') return [value as Jwk];
  throw new Error('the JWK set holds no keys');
}

const HASHES: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };

function keyType(alg: string): string {
  if (alg.startsWith('HS')) return 'oct';
  if (alg.startsWith('RS') || alg.startsWith('PS')) return 'RSA';
  if (alg.startsWith('ES')) return 'EC';
  return 'OKP';
}

function hmacKey(jwk: Jwk): Buffer {
  if (typeof jwk.k !== 'string') throw new Error('the key has no secret');
  return Buffer.from(jwk.k, 'base64url');
}

/** Verifies a JWS signature; false for a key of the wrong type. */
export function verifySignature(alg: string, jwk: Jwk, input: Buffer, signature: Buffer): boolean {
  if (jwk.kty !== keyType(alg)) return false;
  const hash = HASHES[alg.slice(2)];
  if (alg.startsWith('HS')) {
    const expected = createHmac(hash!, hmacKey(jwk)).update(input).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
  const key: KeyObject = createPublicKey({ key: jwk, format: 'jwk' });
  if (alg === 'EdDSA') return verify(null, input, key, signature);
  if (alg.startsWith('PS')) return verify(hash!, input, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature);
  if (alg.startsWith('ES')) return verify(hash!, input, { key, dsaEncoding: 'ieee-p1363' }, signature);
  return verify(hash!, input, key, signature);
}

/** Signs a JWS signing input with a private (or secret) key. */
export function signInput(alg: string, jwk: Jwk, input: Buffer): Buffer {
  if (jwk.kty !== keyType(alg)) throw new Error(`the key ${jwk.kid ?? ''} cannot sign ${alg}`);
  const hash = HASHES[alg.slice(2)];
  if (alg.startsWith('HS')) return createHmac(hash!, hmacKey(jwk)).update(input).digest();
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  if (alg === 'EdDSA') return sign(null, input, key);
  if (alg.startsWith('PS')) return sign(hash!, input, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
  if (alg.startsWith('ES')) return sign(hash!, input, { key, dsaEncoding: 'ieee-p1363' });
  return sign(hash!, input, key);
}
