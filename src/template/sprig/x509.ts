/**
 * Private keys and X.509 certificates for Sprig's crypto functions
 * (`genPrivateKey`, `genCA`, `genSelfSignedCert`, `genSignedCert`, their
 * `WithKey` variants and `buildCustomCert`). Keys come from node:crypto;
 * certificates are assembled in DER here, with the fields and extensions Go's
 * x509.CreateCertificate writes for Sprig's templates.
 */

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { GoCallError } from '../go/function.ts';
import { formatValue } from '../go/print.ts';
import type { GoFunction } from '../go/function.ts';
import * as asn1 from './asn1.ts';
import { base64Decode } from './encoding.ts';
import type { JSONMarshaler } from './json.ts';
import { encodeJSON } from './json.ts';
import { newMap } from './kinds.ts';

/** A private key as Sprig holds it: a node KeyObject, or the raw numbers of a DSA key. */
export type PrivateKey = { kind: 'node'; key: KeyObject } | { kind: 'dsa'; p: bigint; q: bigint; g: bigint; y: bigint; x: bigint };

/** A PEM block. */
export interface PemBlock {
  type: string;
  bytes: Uint8Array;
}

/** PEM text as Go's pem.Encode writes it (64-column base64, trailing newline). */
export function pemEncode(type: string, bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.map((l) => l + '\n').join('')}-----END ${type}-----\n`;
}

/** The first PEM block in `text` (Go's pem.Decode), or undefined. */
export function pemDecode(text: string): PemBlock | undefined {
  const re = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]!.split(/\r?\n/).filter((l) => !/^[\w-]+:/.test(l)).join('').replace(/\s+/g, '');
    const decoded = base64Decode(Buffer.from(body, 'latin1'));
    if (decoded.error) continue;
    return { type: m[1]!, bytes: decoded.bytes };
  }
  return undefined;
}

/** DER of the DSA private key file format (version, P, Q, G, Y, X). */
function dsaKeyDer(k: Extract<PrivateKey, { kind: 'dsa' }>): Uint8Array {
  return asn1.sequence(asn1.integer(0n), asn1.integer(k.p), asn1.integer(k.q), asn1.integer(k.g), asn1.integer(k.y), asn1.integer(k.x));
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

/** A DSA KeyObject's numbers, read from its PKCS#8 encoding. */
function dsaNumbers(key: KeyObject): Extract<PrivateKey, { kind: 'dsa' }> {
  const der = key.export({ format: 'der', type: 'pkcs8' });
  const [, algorithm, privateKey] = asn1.children(asn1.readElement(der).element.body);
  const [, params] = asn1.children(algorithm!.body);
  const [p, q, g] = asn1.children(params!.body).map(asn1.readInteger) as [bigint, bigint, bigint];
  const x = asn1.readInteger(asn1.readElement(privateKey!.body).element);
  return { kind: 'dsa', p, q, g, x, y: modPow(g, x, p) };
}

/** PEM of a private key in the block type Sprig writes for its kind. */
export function privateKeyPem(k: PrivateKey): string {
  if (k.kind === 'dsa') return pemEncode('DSA PRIVATE KEY', dsaKeyDer(k));
  switch (k.key.asymmetricKeyType) {
    case 'rsa':
      return k.key.export({ format: 'pem', type: 'pkcs1' }) as string;
    case 'ec':
      return k.key.export({ format: 'pem', type: 'sec1' }) as string;
    default:
      return k.key.export({ format: 'pem', type: 'pkcs8' }) as string;
  }
}

/** `genPrivateKey`: a new key of the named type, as PEM (or Sprig's message for an unknown type). */
export function generatePrivateKey(type: string): string {
  switch (type) {
    case '':
    case 'rsa':
      return privateKeyPem({ kind: 'node', key: generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey });
    case 'dsa':
      return privateKeyPem(dsaNumbers(generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey));
    case 'ecdsa':
      return privateKeyPem({ kind: 'node', key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey });
    case 'ed25519':
      return privateKeyPem({ kind: 'node', key: generateKeyPairSync('ed25519').privateKey });
    default:
      return 'Unknown type ' + type;
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Sprig's `parsePrivateKeyPEM`: PKCS#8, PKCS#1 (RSA), SEC 1 (EC) or DSA blocks. */
export function parsePrivateKeyPem(text: string): PrivateKey {
  const block = pemDecode(text);
  if (!block) throw new Error('no PEM data in input');
  const der = Buffer.from(block.bytes);
  if (block.type === 'PRIVATE KEY') {
    try {
      return { kind: 'node', key: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
    } catch (e) {
      throw new Error(`decoding PEM as PKCS#8: ${errorText(e)}`);
    }
  }
  if (!block.type.endsWith(' PRIVATE KEY')) throw new Error(`no private key data in PEM block of type ${block.type}`);
  const kind = block.type.slice(0, -' PRIVATE KEY'.length);
  try {
    if (kind === 'RSA') return { kind: 'node', key: createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }) };
    if (kind === 'EC') return { kind: 'node', key: createPrivateKey({ key: der, format: 'der', type: 'sec1' }) };
    if (kind === 'DSA') {
      const [, p, q, g, y, x] = asn1.children(asn1.readElement(der).element.body).map(asn1.readInteger) as bigint[];
      return { kind: 'dsa', p: p!, q: q!, g: g!, y: y!, x: x! };
    }
  } catch (e) {
    throw new Error(`parsing ${kind} private key from PEM: ${errorText(e)}`);
  }
  throw new Error(`invalid private key type ${block.type}`);
}

/** The value `genCA` and friends return: PEM certificate and key, with fields `.Cert` and `.Key`. */
export class Certificate implements JSONMarshaler {
  constructor(
    readonly Cert: string,
    readonly Key: string,
  ) {}
  goType(): string {
    return 'sprig.certificate';
  }
  toString(): string {
    return this.goString();
  }
  goString(): string {
    return `{${this.Cert} ${this.Key}}`;
  }
  goKind(): string {
    return 'struct';
  }
  goTruth(): boolean {
    return true;
  }
  goField(name: string): { value: unknown } | undefined {
    if (name === 'Cert') return { value: this.Cert };
    if (name === 'Key') return { value: this.Key };
    return undefined;
  }
  goMethod(): GoFunction | undefined {
    return undefined;
  }
  goEqual(other: unknown): boolean {
    return other instanceof Certificate && other.Cert === this.Cert && other.Key === this.Key;
  }
  marshalGoJSON(): string {
    const m = newMap();
    m.Cert = this.Cert;
    m.Key = this.Key;
    return encodeJSON(m, { escapeHTML: true });
  }
}

const OID = {
  commonName: '2.5.4.3',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaSHA256: '1.2.840.10045.4.3.2',
  ecdsaSHA384: '1.2.840.10045.4.3.3',
  ecdsaSHA512: '1.2.840.10045.4.3.4',
  ed25519: '1.3.101.112',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

/** Key usage bits (Go's x509.KeyUsage numbering). */
const KEY_USAGE = { digitalSignature: 1, keyEncipherment: 4, certSign: 32 };

/** The KeyUsage BIT STRING: bit n of the value is bit n of the string, trailing zero bits not counted. */
function keyUsageBits(usage: number): Uint8Array {
  const reverse = (b: number): number => {
    let r = 0;
    for (let i = 0; i < 8; i++) if (b & (1 << i)) r |= 0x80 >> i;
    return r;
  };
  const bytes = [reverse(usage & 0xff), reverse((usage >> 8) & 0xff)];
  const data = bytes[1] ? bytes : bytes.slice(0, 1);
  const last = data[data.length - 1]!;
  let unused = 0;
  while (unused < 8 && !(last & (1 << unused))) unused++;
  return asn1.bitString(Uint8Array.from(data), unused === 8 ? 0 : unused);
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical
    ? asn1.sequence(asn1.oid(id), asn1.boolean(true), asn1.octetString(value))
    : asn1.sequence(asn1.oid(id), asn1.octetString(value));
}

/** What a certificate template says, after Sprig has filled it in. */
export interface CertTemplate {
  commonName: string;
  ips: string[];
  dnsNames: string[];
  days: number;
  isCA: boolean;
}

/** Signature algorithm identifier and signing function for a signer key (Go's choice per key type). */
function signer(key: PrivateKey): { algorithm: Uint8Array; sign: (data: Uint8Array) => Uint8Array } {
  if (key.kind === 'dsa') throw new Error('x509: certificate private key does not implement crypto.Signer');
  const k = key.key;
  switch (k.asymmetricKeyType) {
    case 'rsa':
      return { algorithm: asn1.sequence(asn1.oid(OID.sha256WithRSA), asn1.nullValue()), sign: (d) => sign('sha256', d, k) };
    case 'ec': {
      const curve = k.asymmetricKeyDetails?.namedCurve;
      const [id, hash] = curve === 'secp384r1' ? [OID.ecdsaSHA384, 'sha384'] : curve === 'secp521r1' ? [OID.ecdsaSHA512, 'sha512'] : [OID.ecdsaSHA256, 'sha256'];
      return { algorithm: asn1.sequence(asn1.oid(id)), sign: (d) => sign(hash, d, { key: k, dsaEncoding: 'der' }) };
    }
    case 'ed25519':
      return { algorithm: asn1.sequence(asn1.oid(OID.ed25519)), sign: (d) => sign(null, d, k) };
    default:
      throw new Error('x509: only RSA, ECDSA and Ed25519 keys supported');
  }
}

/** SubjectPublicKeyInfo DER of the public half of `key`. */
function publicKeyInfo(key: PrivateKey): Uint8Array {
  if (key.kind === 'dsa') throw new Error('x509: unsupported public key type: *dsa.PublicKey');
  return createPublicKey(key.key).export({ format: 'der', type: 'spki' });
}

/** The parts of a parent (issuer) certificate that a signed certificate needs. */
interface Issuer {
  subject: Uint8Array;
  subjectKeyId?: Uint8Array;
  publicKeyInfo: Uint8Array;
}

/** Reads subject, subject key identifier and public key from a DER certificate. */
function readIssuer(der: Uint8Array): Issuer {
  const [tbs] = asn1.children(asn1.readElement(der).element.body);
  const fields = asn1.children(tbs!.body);
  let i = fields[0]!.tag === 0xa0 ? 1 : 0;
  i += 2; // serial, signature algorithm
  const issuer: Issuer = { subject: fields[i + 2]!.raw, publicKeyInfo: fields[i + 3]!.raw };
  for (const f of fields.slice(i + 4)) {
    if (f.tag !== 0xa3) continue;
    const [list] = asn1.children(f.body);
    for (const ext of asn1.children(list!.body)) {
      const parts = asn1.children(ext.body);
      if (asn1.readOid(parts[0]!) !== OID.subjectKeyId) continue;
      const value = parts[parts.length - 1]!;
      issuer.subjectKeyId = asn1.readElement(value.body).element.body;
    }
  }
  return issuer;
}

/** Go's CreateCertificate for Sprig's templates: returns the certificate DER. */
function createCertificate(t: CertTemplate, subjectKey: PrivateKey, signingKey: PrivateKey, parent?: Issuer): Uint8Array {
  const signing = signer(signingKey);
  const spki = publicKeyInfo(subjectKey);
  if (parent && !Buffer.from(publicKeyInfo(signingKey)).equals(Buffer.from(parent.publicKeyInfo))) {
    throw new Error("x509: provided PrivateKey doesn't match parent's PublicKey");
  }
  const subject = asn1.sequence(asn1.set(asn1.sequence(asn1.oid(OID.commonName), asn1.goString(t.commonName))));
  const issuer = parent ? parent.subject : subject;
  const now = new Date();
  const notAfter = new Date(now.getTime() + t.days * 24 * 3600 * 1000);
  const serial = BigInt('0x' + randomBytes(16).toString('hex'));

  const usage = KEY_USAGE.keyEncipherment | KEY_USAGE.digitalSignature | (t.isCA ? KEY_USAGE.certSign : 0);
  const extensions: Uint8Array[] = [
    extension(OID.keyUsage, true, keyUsageBits(usage)),
    extension(OID.extKeyUsage, false, asn1.sequence(asn1.oid(OID.serverAuth), asn1.oid(OID.clientAuth))),
    extension(OID.basicConstraints, true, t.isCA ? asn1.sequence(asn1.boolean(true)) : asn1.sequence()),
  ];
  if (t.isCA) {
    const keyBits = asn1.children(asn1.readElement(spki).element.body)[1]!.body.subarray(1);
    const id = createHash('sha256').update(keyBits).digest().subarray(0, 20);
    extensions.push(extension(OID.subjectKeyId, false, asn1.octetString(id)));
  }
  const sameName = Buffer.from(issuer).equals(Buffer.from(subject));
  if (parent?.subjectKeyId && !sameName) {
    extensions.push(extension(OID.authorityKeyId, false, asn1.sequence(asn1.implicit(0, parent.subjectKeyId))));
  }
  if (t.dnsNames.length > 0 || t.ips.length > 0) {
    const names = [
      ...t.dnsNames.map((d) => asn1.implicit(2, Buffer.from(d, 'utf8'))),
      ...t.ips.map((ip) => asn1.implicit(7, ipBytes(ip))),
    ];
    extensions.push(extension(OID.subjectAltName, false, asn1.sequence(...names)));
  }
  const tbs = asn1.sequence(
    asn1.explicit(0, asn1.integer(2n)),
    asn1.integer(serial),
    signing.algorithm,
    issuer,
    asn1.sequence(asn1.time(now), asn1.time(notAfter)),
    subject,
    spki,
    asn1.explicit(3, asn1.sequence(...extensions)),
  );
  return asn1.sequence(tbs, signing.algorithm, asn1.bitString(signing.sign(tbs)));
}

/** Address bytes as Go stores them in a certificate (IPv4, including IPv4-mapped IPv6, in 4 bytes; else 16). */
function ipBytes(ip: string): Uint8Array {
  if (isIP(ip) === 4) return Uint8Array.from(ip.split('.').map(Number));
  let text = ip;
  const v4tail = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4tail) {
    const [a, b, c, d] = v4tail.slice(2).map(Number) as [number, number, number, number];
    text = v4tail[1]! + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16);
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const words = tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    const v = Number.parseInt(w, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  const mapped = out.subarray(0, 10).every((x) => x === 0) && out[10] === 0xff && out[11] === 0xff;
  return mapped ? out.slice(12) : out;
}

/** Go's net.ParseIP acceptance (dotted IPv4 without leading zeros, or IPv6). */
function parseIP(s: string): boolean {
  if (isIP(s) === 0) return false;
  if (isIP(s) === 4) return s.split('.').every((p) => p === '0' || !p.startsWith('0'));
  return !s.includes('%');
}

/** The list of IP strings from a template argument, with Sprig's errors. */
export function ipList(ips: unknown[] | null): string[] {
  if (ips === null) return [];
  return ips.map((ip) => {
    if (typeof ip !== 'string') throw new Error(`error parsing ip: ${formatValue(ip ?? null)} is not a string`);
    if (!parseIP(ip)) throw new Error(`error parsing ip: ${ip}`);
    return ip;
  });
}

/** The list of DNS names from a template argument, with Sprig's errors. */
export function dnsList(names: unknown[] | null): string[] {
  if (names === null) return [];
  return names.map((n) => {
    if (typeof n !== 'string') throw new Error(`error processing alternate dns name: ${formatValue(n ?? null)} is not a string`);
    return n;
  });
}

/** A new RSA-2048 key, the key Sprig generates for certificates. */
export function newCertificateKey(): PrivateKey {
  return { kind: 'node', key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey };
}

/** Builds a certificate and returns it with the subject's key, both PEM. */
export function issueCertificate(t: CertTemplate, key: PrivateKey, ca?: Certificate): Certificate {
  let parent: Issuer | undefined;
  let signingKey = key;
  if (ca) {
    const block = pemDecode(ca.Cert);
    if (!block) throw new Error('unable to decode certificate');
    try {
      new X509Certificate(Buffer.from(block.bytes));
      parent = readIssuer(block.bytes);
    } catch (e) {
      throw new Error(`error parsing certificate: decodedSignerCert.Bytes: ${errorText(e)}`);
    }
    try {
      signingKey = parsePrivateKeyPem(ca.Key);
    } catch (e) {
      throw new Error(`error parsing private key: ${errorText(e)}`);
    }
  }
  let der: Uint8Array;
  try {
    der = createCertificate(t, key, signingKey, parent);
  } catch (e) {
    throw new Error(`error creating certificate: ${errorText(e)}`);
  }
  return new Certificate(pemEncode('CERTIFICATE', der), privateKeyPem(key));
}

/** `buildCustomCert`: validates a base64 PEM certificate and key pair and returns them. */
export function buildCustomCertificate(b64cert: string, b64key: string): Certificate {
  const cert = base64Decode(Buffer.from(b64cert, 'utf8'));
  if (cert.error) throw new GoCallError('unable to decode base64 certificate');
  const key = base64Decode(Buffer.from(b64key, 'utf8'));
  if (key.error) throw new GoCallError('unable to decode base64 private key');
  const certText = Buffer.from(cert.bytes).toString('utf8');
  const keyText = Buffer.from(key.bytes).toString('utf8');
  const block = pemDecode(certText);
  if (!block) throw new GoCallError('unable to decode certificate');
  try {
    new X509Certificate(Buffer.from(block.bytes));
  } catch (e) {
    throw new GoCallError(`error parsing certificate: decodedCert.Bytes: ${errorText(e)}`);
  }
  try {
    parsePrivateKeyPem(keyText);
  } catch (e) {
    throw new GoCallError(`error parsing private key: ${errorText(e)}`);
  }
  return new Certificate(certText, keyText);
}
