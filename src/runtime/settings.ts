/**
 * Service settings as the gateway uses them: the values baked in at build
 * time, then the `KRAKEND_*` environment overrides and the command-line flags
 * applied once when the gateway starts (so one build runs in every
 * environment). Nothing here is read again while serving.
 */
import { parseGoDuration } from './duration.ts';

/** Service values baked into the generated module (durations in nanoseconds). */
export interface ServiceDefinition {
  name: string;
  port: number;
  listenIp: string;
  timeout: number;
  cacheTtl: number;
  outputEncoding: string;
  hosts: string[];
  debugEndpoint: boolean;
  echoEndpoint: boolean;
  maxHeaderBytes: number;
  readTimeout: number;
  writeTimeout: number;
  idleTimeout: number;
  readHeaderTimeout: number;
  disableKeepAlives: boolean;
  disableCompression: boolean;
  maxIdleConnectionsPerHost: number;
  idleConnectionTimeout: number;
  responseHeaderTimeout: number;
  dialerTimeout: number;
  dialerKeepAlive: number;
  maxShutdownWaitTime: number;
}

/** The effective settings after overrides and defaults. */
export interface ServiceSettings extends ServiceDefinition {
  /** Names of the overrides that were applied (for the startup log). */
  overrides: string[];
}

/** Thrown when an override cannot be decoded; the gateway refuses to start. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

type Kind = 'string' | 'int' | 'bool' | 'duration' | 'hosts';

const OVERRIDABLE: ReadonlyArray<readonly [string, keyof ServiceDefinition, Kind]> = [
  ['name', 'name', 'string'],
  ['port', 'port', 'int'],
  ['listen_ip', 'listenIp', 'string'],
  ['timeout', 'timeout', 'duration'],
  ['cache_ttl', 'cacheTtl', 'duration'],
  ['output_encoding', 'outputEncoding', 'string'],
  ['host', 'hosts', 'hosts'],
  ['debug_endpoint', 'debugEndpoint', 'bool'],
  ['echo_endpoint', 'echoEndpoint', 'bool'],
  ['max_header_bytes', 'maxHeaderBytes', 'int'],
  ['read_timeout', 'readTimeout', 'duration'],
  ['write_timeout', 'writeTimeout', 'duration'],
  ['idle_timeout', 'idleTimeout', 'duration'],
  ['read_header_timeout', 'readHeaderTimeout', 'duration'],
  ['disable_keep_alives', 'disableKeepAlives', 'bool'],
  ['disable_compression', 'disableCompression', 'bool'],
  ['max_idle_connections_per_host', 'maxIdleConnectionsPerHost', 'int'],
  ['idle_connection_timeout', 'idleConnectionTimeout', 'duration'],
  ['response_header_timeout', 'responseHeaderTimeout', 'duration'],
  ['dialer_timeout', 'dialerTimeout', 'duration'],
  ['dialer_keep_alive', 'dialerKeepAlive', 'duration'],
  ['max_shutdown_wait_time', 'maxShutdownWaitTime', 'duration'],
];

/** Go's `strconv.ParseInt(s, 0, 64)` as weak decoding applies it (`""` is 0). */
export function parseGoInt(text: string): number | undefined {
  if (text === '') return 0;
  const m = /^([+-]?)(0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*|0[bB][01](?:_?[01])*|0[oO]?[0-7](?:_?[0-7])*|[1-9](?:_?\d)*|0)$/.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let digits = m[2]!.replace(/_/g, '');
  let value: number;
  if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
  else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
  else if (/^0[oO]/.test(digits)) value = parseInt(digits.slice(2), 8);
  else if (digits.length > 1 && digits[0] === '0') {
    digits = digits.slice(1);
    value = parseInt(digits, 8);
  } else value = parseInt(digits, 10);
  return sign * value;
}

/** Go's `strconv.ParseBool` (`""` is false under weak decoding). */
export function parseGoBool(text: string): boolean | undefined {
  switch (text) {
    case '':
    case '0':
    case 'f':
    case 'F':
    case 'false':
    case 'FALSE':
    case 'False':
      return false;
    case '1':
    case 't':
    case 'T':
    case 'true':
    case 'TRUE':
    case 'True':
      return true;
    default:
      return undefined;
  }
}

const HOST_PATTERN = /(https?:\/\/)?([a-zA-Z0-9._-]+)(:[0-9]{2,6})?\/?/g;

/** The service host sanitising rule, for a `KRAKEND_HOST` override. */
export function sanitizeServiceHost(host: string): string | undefined {
  const matches = [...host.matchAll(HOST_PATTERN)];
  if (matches.length !== 1) return undefined;
  const m = matches[0]!;
  return (m[1] ?? 'http://') + m[2] + (m[3] ?? '');
}

/** Command-line flags of the built gateway (`node gateway.js -p 9000 -d`). */
export interface StartFlags {
  port?: number;
  debug?: boolean;
}

/** Reads `-p/--port N` and `-d/--debug` from argv; throws SettingsError on anything else. */
export function parseStartFlags(argv: readonly string[]): StartFlags {
  const flags: StartFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-d' || arg === '--debug') flags.debug = true;
    else if (arg === '-p' || arg === '--port' || arg.startsWith('--port=')) {
      const value = arg.startsWith('--port=') ? arg.slice(7) : argv[++i];
      const port = value === undefined ? undefined : parseGoInt(value);
      if (port === undefined || port < 0 || port > 65535) throw new SettingsError(`invalid port ${JSON.stringify(value ?? '')}`);
      flags.port = port;
    } else if (arg === '-h' || arg === '--help') {
      throw new SettingsError('usage: node gateway.js [-p PORT] [-d]');
    } else throw new SettingsError(`unknown argument ${JSON.stringify(arg)} (usage: node gateway.js [-p PORT] [-d])`);
  }
  return flags;
}

/**
 * Applies the `KRAKEND_*` overrides (name = key upper-cased), then the flags,
 * then KrakenD's service defaults (port 8080, timeout 2s, 250 idle connections
 * per host).
 */
export function resolveServiceSettings(
  definition: ServiceDefinition,
  env: Record<string, string | undefined> = process.env,
  flags: StartFlags = {},
): ServiceSettings {
  const settings: ServiceSettings = { ...definition, hosts: [...definition.hosts], overrides: [] };
  const writable = settings as unknown as Record<string, unknown>;
  for (const [key, field, kind] of OVERRIDABLE) {
    const variable = 'KRAKEND_' + key.toUpperCase();
    const raw = env[variable];
    if (raw === undefined) continue;
    let value: unknown;
    switch (kind) {
      case 'string':
        value = raw;
        break;
      case 'int': {
        const n = parseGoInt(raw);
        if (n === undefined) throw new SettingsError(`${variable}: cannot parse ${JSON.stringify(raw)} as an integer`);
        value = n;
        break;
      }
      case 'bool': {
        const b = parseGoBool(raw);
        if (b === undefined) throw new SettingsError(`${variable}: cannot parse ${JSON.stringify(raw)} as a boolean`);
        value = b;
        break;
      }
      case 'duration': {
        const d = parseGoDuration(raw);
        if (typeof d === 'object') throw new SettingsError(`${variable}: ${d.error} ${JSON.stringify(raw)}`);
        value = d;
        break;
      }
      case 'hosts': {
        const host = sanitizeServiceHost(raw);
        if (host === undefined) throw new SettingsError(`${variable}: host ${raw} not valid: invalid host`);
        value = [host];
        break;
      }
    }
    writable[field] = value;
    settings.overrides.push(variable);
  }
  if (settings.port === 0) settings.port = 8080;
  // `-p 0` asks for any free port (the startup line and the parent process are told which)
  if (flags.port !== undefined) settings.port = flags.port;
  if (flags.debug) settings.debugEndpoint = true;
  if (settings.timeout === 0) settings.timeout = 2e9;
  if (settings.maxIdleConnectionsPerHost === 0) settings.maxIdleConnectionsPerHost = 250;
  if (settings.port < 0 || settings.port > 65535) throw new SettingsError(`invalid port ${settings.port}`);
  return settings;
}
