/**
 * Functions that read the environment: `env`, `expandenv` and
 * `getHostByName`, plus the type conversions and `fail`.
 */

import { spawnSync } from 'node:child_process';
import { isIP } from 'node:net';
import type { FunctionMap } from '../go/function.ts';
import { formatValue } from '../go/print.ts';
import { int64, toFloat64, toInt64 } from './cast.ts';
import { fail, fn } from './define.ts';
import { atoi, parseInt } from './strconv.ts';

const isShellSpecial = (c: string): boolean => '*#$@!?-0123456789'.includes(c);
const isAlphaNum = (c: string): boolean => c === '_' || /[0-9A-Za-z]/.test(c);

/** The variable name after a `$` (Go's `os.Expand` rules) and how many characters it spans. */
function shellName(s: string): { name: string; width: number } {
  if (s[0] === '{') {
    if (s.length > 2 && isShellSpecial(s[1]!) && s[2] === '}') return { name: s[1]!, width: 3 };
    for (let i = 1; i < s.length; i++) {
      if (s[i] === '}') return i === 1 ? { name: '', width: 2 } : { name: s.slice(1, i), width: i + 1 };
    }
    return { name: '', width: 1 };
  }
  if (isShellSpecial(s[0]!)) return { name: s[0]!, width: 1 };
  let i = 0;
  while (i < s.length && isAlphaNum(s[i]!)) i++;
  return { name: s.slice(0, i), width: i };
}

/** `os.Expand`: replaces `$VAR` and `${VAR}`; a `$` not followed by a name stays; bad `${` syntax is dropped. */
export function expandEnv(s: string, lookup: (name: string) => string): string {
  let out = '';
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] === '$' && j + 1 < s.length) {
      out += s.slice(i, j);
      const { name, width } = shellName(s.slice(j + 1));
      if (name === '' && width > 0) {
        // invalid syntax: the characters are dropped
      } else if (name === '') out += '$';
      else out += lookup(name);
      j += width;
      i = j + 1;
    }
  }
  return out + s.slice(i);
}

const resolved = new Map<string, string[]>();

/**
 * Addresses of `name`, resolved synchronously (template functions cannot
 * wait). The lookup runs the system resolver in a short-lived child process
 * and is cached for the life of the process, so a name is resolved once.
 */
export function lookupHost(name: string): string[] {
  if (isIP(name)) return [name];
  const cached = resolved.get(name);
  if (cached) return cached;
  const script =
    "require('node:dns').lookup(process.argv[1],{all:true},(e,a)=>{process.stdout.write(JSON.stringify(e?[]:a.map(x=>x.address)))})";
  const r = spawnSync(process.execPath, ['-e', script, name], { encoding: 'utf8', timeout: 10_000 });
  let addrs: string[] = [];
  try {
    addrs = JSON.parse(r.stdout || '[]') as string[];
  } catch {
    addrs = [];
  }
  resolved.set(name, addrs);
  return addrs;
}

/** Environment, network, conversion and flow-control functions. */
export function systemFunctions(env: NodeJS.ProcessEnv): FunctionMap {
  const getenv = (name: string): string => env[name] ?? '';
  return {
    env: fn(['string'], getenv),
    expandenv: fn(['string'], (s: string) => expandEnv(s, getenv)),
    getHostByName: fn(['string'], (name: string) => {
      const addrs = lookupHost(name);
      if (addrs.length === 0) fail('invalid argument to Intn');
      return addrs[Math.floor(Math.random() * addrs.length)];
    }),
    fail: fn(['string'], (msg: string) => fail(msg)),
    atoi: fn(['string'], (s: string) => {
      const r = atoi(s);
      return r.error === 'syntax' ? 0n : r.value;
    }),
    int: fn(['any'], (v: unknown) => toInt64(v)),
    int64: fn(['any'], (v: unknown) => int64(toInt64(v))),
    float64: fn(['any'], (v: unknown) => toFloat64(v)),
    toDecimal: fn(['any'], (v: unknown) => {
      const r = parseInt(formatValue(v ?? null), 8, 64);
      return int64(r.error ? 0n : r.value);
    }),
  };
}
