/**
 * Sprig's hashing, password, key, certificate, AES and random-value
 * functions, on node:crypto.
 */

import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import type { FunctionMap } from '../go/function.ts';
import { BCRYPT_MAX_PASSWORD, bcryptHash } from './bcrypt.ts';
import { fromUtf8, utf8Bytes } from './bytes.ts';
import { fail, fn, runtimePanic } from './define.ts';
import { typeName } from './defaults.ts';
import { base64Decode } from './encoding.ts';
import {
  buildCustomCertificate,
  Certificate,
  dnsList,
  generatePrivateKey,
  ipList,
  issueCertificate,
  newCertificateKey,
  parsePrivateKeyPem,
} from './x509.ts';
import type { CertTemplate, PrivateKey } from './x509.ts';
import { GoInt } from '../go/values.ts';

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return (b * 65536 + a) >>> 0;
}

function bcrypt(input: string): string {
  const bytes = utf8Bytes(input);
  if (bytes.length > BCRYPT_MAX_PASSWORD) return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  return bcryptHash(bytes);
}

/** Master Password templates per password type, and the characters each template letter stands for. */
const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno', 'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno', 'CvccnoCvccCvcv', 'CvccCvccnoCvcv',
    'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno', 'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const TEMPLATE_CHARACTERS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

const SCOPE = 'com.lyndir.masterpassword';

const uint32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/** The Master Password algorithm: a site password derived from a master password, user and site. */
export function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TEMPLATES[type];
  if (!Object.prototype.hasOwnProperty.call(PASSWORD_TEMPLATES, type) || !templates) return `cannot find password template ${type}`;
  const userBytes = Buffer.from(utf8Bytes(user));
  const siteBytes = Buffer.from(utf8Bytes(site));
  const salt = Buffer.concat([Buffer.from(SCOPE), uint32(userBytes.length), userBytes]);
  const key = scryptSync(Buffer.from(utf8Bytes(password)), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 256 * 1024 * 1024 });
  const seed = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(SCOPE), uint32(siteBytes.length), siteBytes, uint32(counter)]))
    .digest();
  const template = templates[seed[0]! % templates.length]!;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = TEMPLATE_CHARACTERS[template[i]!]!;
    out += chars[seed[i + 1]! % chars.length];
  }
  return out;
}

/** derivePassword's counter is a Go uint32: integer constants and unsigned values fit, float64 does not. */
function uint32Arg(v: unknown): number {
  let n: bigint | undefined;
  if (typeof v === 'bigint') n = v;
  else if (v instanceof GoInt) n = v.value;
  if (n === undefined) fail(`wrong type for value; expected uint32; got ${typeName(v)}`);
  if (n < 0n || n > 0xffffffffn) fail(`wrong type for value; ${n} overflows uint32`);
  return Number(n);
}

function certificateArg(v: unknown): Certificate {
  if (!(v instanceof Certificate)) fail(`wrong type for value; expected sprig.certificate; got ${typeName(v)}`);
  return v as Certificate;
}

/** Runs a certificate builder, turning its errors into template errors. */
function issuing(build: () => Certificate): Certificate {
  try {
    return build();
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

function keyFromPem(pem: string): PrivateKey {
  try {
    return parsePrivateKeyPem(pem);
  } catch (e) {
    return fail(`parsing private key: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function template(cn: string, ips: unknown[] | null, dns: unknown[] | null, days: bigint, isCA: boolean): CertTemplate {
  return { commonName: cn, ips: ipList(ips), dnsNames: dnsList(dns), days: Number(days), isCA };
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const key = Buffer.alloc(32);
  Buffer.from(utf8Bytes(password)).copy(key, 0, 0, 32);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const body = Buffer.concat([cipher.update(Buffer.from(utf8Bytes(plaintext))), cipher.final()]);
  return Buffer.concat([iv, body]).toString('base64');
}

function decryptAES(password: string, b64: string): string {
  if (b64 === '') return '';
  const key = Buffer.alloc(32);
  Buffer.from(utf8Bytes(password)).copy(key, 0, 0, 32);
  const decoded = base64Decode(utf8Bytes(b64));
  if (decoded.error) fail(decoded.error);
  const crypt = Buffer.from(decoded.bytes);
  if (crypt.length < 16) runtimePanic(`slice bounds out of range [:16] with capacity ${crypt.length}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) fail('crypto/cipher: input not full blocks');
  if (body.length === 0) runtimePanic('index out of range [-1]');
  const decipher = createDecipheriv('aes-256-cbc', key, crypt.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  const pad = plain[plain.length - 1]!;
  const end = plain.length - pad;
  if (end < 0) runtimePanic(`slice bounds out of range [:${end}]`);
  return fromUtf8(plain.subarray(0, end));
}

/** Hashing, password, key, certificate, encryption and random-value functions. */
export function cryptoFunctions(): FunctionMap {
  return {
    sha1sum: fn(['string'], (s: string) => createHash('sha1').update(utf8Bytes(s)).digest('hex')),
    sha256sum: fn(['string'], (s: string) => createHash('sha256').update(utf8Bytes(s)).digest('hex')),
    adler32sum: fn(['string'], (s: string) => String(adler32(utf8Bytes(s)))),
    bcrypt: fn(['string'], bcrypt),
    htpasswd: fn(['string', 'string'], (user: string, pass: string) => (user.includes(':') ? `invalid username: ${user}` : `${user}:${bcrypt(pass)}`)),
    derivePassword: fn(['any', 'string', 'string', 'string', 'string'], (counter: unknown, type: string, password: string, user: string, site: string) =>
      derivePassword(uint32Arg(counter), type, password, user, site),
    ),
    genPrivateKey: fn(['string'], generatePrivateKey),
    buildCustomCert: fn(['string', 'string'], buildCustomCertificate),
    genCA: fn(['string', 'int'], (cn: string, days: bigint) =>
      issuing(() => issueCertificate(template(cn, null, null, days, true), newCertificateKey())),
    ),
    genCAWithKey: fn(['string', 'int', 'string'], (cn: string, days: bigint, pem: string) => {
      const key = keyFromPem(pem);
      return issuing(() => issueCertificate(template(cn, null, null, days, true), key));
    }),
    genSelfSignedCert: fn(['string', 'list', 'list', 'int'], (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: bigint) =>
      issuing(() => issueCertificate(template(cn, ips, dns, days, false), newCertificateKey())),
    ),
    genSelfSignedCertWithKey: fn(
      ['string', 'list', 'list', 'int', 'string'],
      (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: bigint, pem: string) => {
        const key = keyFromPem(pem);
        return issuing(() => issueCertificate(template(cn, ips, dns, days, false), key));
      },
    ),
    genSignedCert: fn(['string', 'list', 'list', 'int', 'any'], (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: bigint, ca: unknown) => {
      const authority = certificateArg(ca);
      return issuing(() => issueCertificate(template(cn, ips, dns, days, false), newCertificateKey(), authority));
    }),
    genSignedCertWithKey: fn(
      ['string', 'list', 'list', 'int', 'any', 'string'],
      (cn: string, ips: unknown[] | null, dns: unknown[] | null, days: bigint, ca: unknown, pem: string) => {
        const authority = certificateArg(ca);
        const key = keyFromPem(pem);
        return issuing(() => issueCertificate(template(cn, ips, dns, days, false), key, authority));
      },
    ),
    encryptAES: fn(['string', 'string'], encryptAES),
    decryptAES: fn(['string', 'string'], decryptAES),
    randBytes: fn(['int'], (n: bigint) => {
      if (n < 0n) runtimePanic('makeslice: len out of range');
      return randomBytes(Number(n)).toString('base64');
    }),
    uuidv4: fn([], () => randomUUID()),
  };
}
