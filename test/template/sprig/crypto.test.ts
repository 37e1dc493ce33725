import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderString } from '../../../src/template/go/index.ts';
import { bcryptHash } from '../../../src/template/sprig/bcrypt.ts';
import { Certificate, sprigFunctions } from '../../../src/template/sprig/index.ts';
import * as asn1 from '../../../src/template/sprig/asn1.ts';

const funcs = sprigFunctions();
const render = (t: string, d?: unknown): string => renderString(t, d, funcs, 't');
const renderError = (t: string, d?: unknown): string => {
  try {
    render(t, d);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

/** Splits the concatenated PEM certificates a template printed. */
const pemCerts = (text: string): X509Certificate[] =>
  (text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/g) ?? []).map((p) => new X509Certificate(p));

const bcryptSalt = (s: string): Buffer => {
  const b = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const std = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return Buffer.from([...s].map((c) => std[b.indexOf(c)]).join('') + '==', 'base64').subarray(0, 16);
};

describe('bcrypt', () => {
  it('matches the published OpenBSD test vectors', () => {
    expect(bcryptHash(Buffer.from('U*U'), 5, bcryptSalt('CCCCCCCCCCCCCCCCCCCCC.'))).toBe(
      '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
    );
    expect(bcryptHash(Buffer.from(''), 6, bcryptSalt('DCq7YPn5Rq63x1Lad4cll.'))).toBe(
      '$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.',
    );
  });

  it('hashes with cost 10 and a fresh salt each time', () => {
    const a = render('{{ bcrypt "pw" }}');
    const b = render('{{ bcrypt "pw" }}');
    expect(a).toMatch(/^\$2a\$10\$/);
    expect(a).not.toBe(b);
  });

  it('refuses passwords longer than 72 bytes with the library message', () => {
    expect(render('{{ bcrypt (repeat 73 "x") }}')).toBe('failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes');
  });
});

describe('genPrivateKey', () => {
  it('generates a 4096-bit RSA key in PKCS#1 by default', () => {
    const pem = render('{{ genPrivateKey "" }}');
    expect(pem.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    expect(createPrivateKey(pem).asymmetricKeyDetails?.modulusLength).toBe(4096);
  }, 60_000);

  it('generates P-256 EC keys and Ed25519 keys', () => {
    const ec = createPrivateKey(render('{{ genPrivateKey "ecdsa" }}'));
    expect(ec.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(createPrivateKey(render('{{ genPrivateKey "ed25519" }}')).asymmetricKeyType).toBe('ed25519');
  });

  it('writes DSA keys as the version, P, Q, G, Y, X sequence', () => {
    const pem = render('{{ genPrivateKey "dsa" }}');
    expect(pem.startsWith('-----BEGIN DSA PRIVATE KEY-----\n')).toBe(true);
    const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const [version, p, q, g, y, x] = asn1.children(asn1.readElement(der).element.body).map(asn1.readInteger) as bigint[];
    expect(version).toBe(0n);
    expect(p!.toString(2).length).toBe(2048);
    expect(q!.toString(2).length).toBe(256);
    let r = 1n;
    let b = g! % p!;
    for (let e = x!; e > 0n; e >>= 1n) {
      if (e & 1n) r = (r * b) % p!;
      b = (b * b) % p!;
    }
    expect(r).toBe(y);
  }, 120_000);
});

describe('certificates', () => {
  it('genCA makes a self-signed CA certificate with an RSA-2048 key', () => {
    const out = render('{{ $ca := genCA "foo-ca" 365 }}{{ $ca.Cert }}{{ $ca.Key }}');
    const [cert] = pemCerts(out);
    expect(cert!.subject).toBe('CN=foo-ca');
    expect(cert!.issuer).toBe('CN=foo-ca');
    expect(cert!.ca).toBe(true);
    expect(cert!.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(cert!.verify(cert!.publicKey)).toBe(true);
    const days = (Date.parse(cert!.validTo) - Date.parse(cert!.validFrom)) / 86_400_000;
    expect(days).toBe(365);
    const key = createPrivateKey(out.slice(out.indexOf('-----BEGIN RSA PRIVATE KEY-----')));
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(createPublicKey(key).export({ format: 'der', type: 'spki' })).toEqual(cert!.publicKey.export({ format: 'der', type: 'spki' }));
  });

  it('genSelfSignedCert carries the IP addresses and DNS names', () => {
    const out = render('{{ (genSelfSignedCert "foo.com" (list "10.0.0.1" "10.0.0.2") (list "bar.com" "bat.com") 365).Cert }}');
    const [cert] = pemCerts(out);
    expect(cert!.subject).toBe('CN=foo.com');
    expect(cert!.ca).toBe(false);
    expect(cert!.subjectAltName).toBe('DNS:bar.com, DNS:bat.com, IP Address:10.0.0.1, IP Address:10.0.0.2');
    expect(cert!.verify(cert!.publicKey)).toBe(true);
  });

  it('genSignedCert is issued and signed by the CA', () => {
    const out = render(
      '{{ $ca := genCA "foo" 365 }}{{ $c := genSignedCert "foo.com" (list "10.0.0.1" "::1") (list "bar.com") 30 $ca }}{{ $ca.Cert }}{{ $c.Cert }}',
    );
    const [ca, cert] = pemCerts(out);
    expect(cert!.issuer).toBe('CN=foo');
    expect(cert!.checkIssued(ca!)).toBe(true);
    expect(cert!.verify(ca!.publicKey)).toBe(true);
    expect(cert!.subjectAltName).toBe('DNS:bar.com, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1');
  });

  it('the WithKey variants certify the given key (RSA, EC, Ed25519)', () => {
    const ec = render('{{ genPrivateKey "ecdsa" }}');
    const ed = render('{{ genPrivateKey "ed25519" }}');
    const caCert = pemCerts(render('{{ (genCAWithKey "k-ca" 10 .k).Cert }}', { k: ec }))[0]!;
    expect(caCert.ca).toBe(true);
    expect(caCert.publicKey.export({ format: 'der', type: 'spki' })).toEqual(createPublicKey(ec).export({ format: 'der', type: 'spki' }));
    expect(caCert.verify(caCert.publicKey)).toBe(true);
    const self = pemCerts(render('{{ (genSelfSignedCertWithKey "ed" nil (list "a.b") 10 .k).Cert }}', { k: ed }))[0]!;
    expect(self.verify(createPublicKey(ed))).toBe(true);
    const out = render('{{ $ca := genCAWithKey "ca" 10 .ec }}{{ $c := genSignedCertWithKey "leaf" nil nil 10 $ca .ed }}{{ $ca.Cert }}{{ $c.Cert }}{{ $c.Key }}', {
      ec,
      ed,
    });
    const [ca, leaf] = pemCerts(out);
    expect(leaf!.verify(ca!.publicKey)).toBe(true);
    expect(out.endsWith(ed)).toBe(true);
  });

  it('buildCustomCert returns the decoded certificate and key', () => {
    const ca = render('{{ $ca := genCA "example.com" 365 }}{{ $ca.Cert | b64enc }} {{ $ca.Key | b64enc }}').split(' ');
    const out = render('{{ $c := buildCustomCert .c .k }}{{ $c.Cert }}', { c: ca[0], k: ca[1] });
    expect(out).toBe(Buffer.from(ca[0]!, 'base64').toString());
    expect(renderError('{{ buildCustomCert "!!" "" }}').endsWith('error calling buildCustomCert: unable to decode base64 certificate')).toBe(true);
    expect(renderError('{{ buildCustomCert (b64enc "fail") .k }}', { k: ca[1] }).endsWith('error calling buildCustomCert: unable to decode certificate')).toBe(
      true,
    );
  });

  it('reports key and argument errors as Sprig does', () => {
    expect(renderError('{{ genCAWithKey "x" 1 "nope" }}').endsWith('error calling genCAWithKey: parsing private key: no PEM data in input')).toBe(true);
    expect(
      renderError('{{ genCAWithKey "x" 1 .k }}', { k: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' }).endsWith(
        'parsing private key: no private key data in PEM block of type CERTIFICATE',
      ),
    ).toBe(true);
    expect(renderError('{{ genSelfSignedCert "x" (list "300.1.1.1") nil 1 }}').endsWith('error calling genSelfSignedCert: error parsing ip: 300.1.1.1')).toBe(true);
    expect(renderError('{{ genSelfSignedCert "x" (list 1) nil 1 }}').endsWith('error parsing ip: 1 is not a string')).toBe(true);
    expect(renderError('{{ genSignedCert "x" nil nil 1 "ca" }}').endsWith('wrong type for value; expected sprig.certificate; got string')).toBe(true);
  });

  it('DSA keys cannot sign certificates, as in Go', () => {
    const dsa = render('{{ genPrivateKey "dsa" }}');
    expect(renderError('{{ genCAWithKey "x" 1 .k }}', { k: dsa }).endsWith(
      'error calling genCAWithKey: error creating certificate: x509: certificate private key does not implement crypto.Signer',
    )).toBe(true);
  }, 120_000);

  it('prints a certificate value like a Go struct', () => {
    const c = new Certificate('C', 'K');
    expect(renderString('{{ . }} {{ typeOf . }} {{ kindOf . }}', c, funcs)).toBe('{C K} sprig.certificate struct');
  });
});

describe('AES', () => {
  it('is AES-256-CBC with the IV first, decryptable by any implementation', () => {
    const b64 = render('{{ encryptAES "secretkey" "hello world" }}');
    const raw = Buffer.from(b64, 'base64');
    expect(raw.length).toBe(32);
    expect(render('{{ decryptAES "secretkey" .c }}', { c: b64 })).toBe('hello world');
  });
});
