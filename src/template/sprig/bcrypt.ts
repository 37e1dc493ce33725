/**
 * bcrypt password hashing ($2a$, the form Go's x/crypto/bcrypt produces),
 * built on an expensive-key-schedule Blowfish. Blowfish's initial P-array
 * and S-boxes are the hexadecimal digits of π's fractional part, which are
 * computed here (once, on first use) instead of being tabulated.
 */

import { randomBytes } from 'node:crypto';

const P_WORDS = 18;
const S_WORDS = 4 * 256;

let piWords: Uint32Array | undefined;

/** The first 18 + 1024 32-bit words of π's fractional hexadecimal expansion (Machin's formula with BigInt). */
function piFractionWords(): Uint32Array {
  if (piWords) return piWords;
  const words = P_WORDS + S_WORDS;
  const guard = 64n;
  const bits = BigInt(words * 32) + guard;
  const one = 1n << bits;
  const arctanInverse = (x: bigint): bigint => {
    const x2 = x * x;
    let power = one / x;
    let sum = power;
    let sign = -1n;
    for (let n = 3n; ; n += 2n) {
      power /= x2;
      const term = power / n;
      if (term === 0n) break;
      sum += sign * term;
      sign = -sign;
    }
    return sum;
  };
  const pi = 16n * arctanInverse(5n) - 4n * arctanInverse(239n);
  const fraction = (pi - (3n << bits)) >> guard;
  const out = new Uint32Array(words);
  const hex = fraction.toString(16).padStart(words * 8, '0');
  for (let i = 0; i < words; i++) out[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  piWords = out;
  return out;
}

class Blowfish {
  readonly p: Uint32Array;
  readonly s: Uint32Array;

  constructor() {
    const init = piFractionWords();
    this.p = init.slice(0, P_WORDS);
    this.s = init.slice(P_WORDS);
  }

  private f(x: number): number {
    const s = this.s;
    return (((s[x >>> 24]! + s[256 + ((x >>> 16) & 0xff)]!) ^ s[512 + ((x >>> 8) & 0xff)]!) + s[768 + (x & 0xff)]!) >>> 0;
  }

  /** Encrypts the 64-bit block (l, r) in place in `block`. */
  encrypt(block: Uint32Array): void {
    const p = this.p;
    let l = block[0]!;
    let r = block[1]!;
    l ^= p[0]!;
    for (let i = 1; i <= 16; i += 2) {
      r ^= this.f(l) ^ p[i]!;
      l ^= this.f(r) ^ p[i + 1]!;
    }
    r ^= p[17]!;
    block[0] = r >>> 0;
    block[1] = l >>> 0;
  }

  /** Blowfish key expansion, optionally mixing in a salt (the "expensive" schedule of bcrypt). */
  expand(key: Uint8Array, salt?: Uint8Array): void {
    let kpos = 0;
    const nextKeyWord = (): number => {
      let w = 0;
      for (let i = 0; i < 4; i++) {
        w = ((w << 8) | key[kpos]!) >>> 0;
        kpos = (kpos + 1) % key.length;
      }
      return w;
    };
    let spos = 0;
    const nextSaltWord = (): number => {
      if (!salt) return 0;
      let w = 0;
      for (let i = 0; i < 4; i++) {
        w = ((w << 8) | salt[spos]!) >>> 0;
        spos = (spos + 1) % salt.length;
      }
      return w;
    };
    for (let i = 0; i < P_WORDS; i++) this.p[i] = (this.p[i]! ^ nextKeyWord()) >>> 0;
    const block = new Uint32Array(2);
    const fill = (target: Uint32Array, offset: number, count: number): void => {
      for (let i = 0; i < count; i += 2) {
        block[0] = (block[0]! ^ nextSaltWord()) >>> 0;
        block[1] = (block[1]! ^ nextSaltWord()) >>> 0;
        this.encrypt(block);
        target[offset + i] = block[0]!;
        target[offset + i + 1] = block[1]!;
      }
    };
    fill(this.p, 0, P_WORDS);
    fill(this.s, 0, S_WORDS);
  }
}

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** bcrypt's base64: its own alphabet, no padding. */
function bcryptBase64(bytes: Uint8Array): string {
  const std = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
  const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (const c of std) out += BCRYPT_ALPHABET[STD.indexOf(c)];
  return out;
}

const MAGIC = Buffer.from('OrpheanBeholderScryDoubt', 'latin1');

/** Maximum password length bcrypt accepts, in bytes. */
export const BCRYPT_MAX_PASSWORD = 72;

/** Hashes `password` with a random salt at `cost` (Go's DefaultCost is 10). */
export function bcryptHash(password: Uint8Array, cost = 10, salt: Uint8Array = randomBytes(16)): string {
  const key = new Uint8Array(password.length + 1);
  key.set(password);
  const cipher = new Blowfish();
  cipher.expand(key, salt);
  const rounds = 2 ** cost;
  for (let i = 0; i < rounds; i++) {
    cipher.expand(key);
    cipher.expand(salt);
  }
  const words = new Uint32Array(6);
  for (let i = 0; i < 6; i++) words[i] = MAGIC.readUInt32BE(i * 4);
  const block = new Uint32Array(2);
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 6; j += 2) {
      block[0] = words[j]!;
      block[1] = words[j + 1]!;
      cipher.encrypt(block);
      words[j] = block[0]!;
      words[j + 1] = block[1]!;
    }
  }
  const out = Buffer.alloc(24);
  for (let i = 0; i < 6; i++) out.writeUInt32BE(words[i]!, i * 4);
  return `$2a$${String(cost).padStart(2, '0')}$${bcryptBase64(salt)}${bcryptBase64(out.subarray(0, 23))}`;
}
