/**
 * KRAKEND_* environment overrides, applied as KrakenD applies them: every
 * variable named KRAKEND_<NAME> sets the root key <name> (lower-cased, so
 * KRAKEND_CACHE_TTL sets `cache_ttl`), whether or not the file has the key.
 * Values are strings; the model converts them like any other value. Only
 * root-level scalar keys can be overridden.
 */
import { error, warning, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { suggestions } from '../diagnostics/suggest.ts';
import { joinPointer, type LocationMap } from '../formats/types.ts';

/** Root keys a KRAKEND_* variable can set. */
export const OVERRIDABLE_KEYS: readonly string[] = [
  'name',
  'port',
  'listen_ip',
  'timeout',
  'cache_ttl',
  'output_encoding',
  'version',
  'debug_endpoint',
  'echo_endpoint',
  'disable_rest',
  'use_h2c',
  'sequential_start',
  'allow_insecure_connections',
  'read_timeout',
  'write_timeout',
  'idle_timeout',
  'read_header_timeout',
  'max_header_bytes',
  'disable_keep_alives',
  'disable_compression',
  'max_idle_connections',
  'max_idle_connections_per_host',
  'idle_connection_timeout',
  'response_header_timeout',
  'expect_continue_timeout',
  'dialer_timeout',
  'dialer_fallback_delay',
  'dialer_keep_alive',
  'dns_cache_ttl',
  'max_shutdown_wait_time',
  'host',
];

const STRUCTURED_KEYS = new Set(['endpoints', 'extra_config', 'tls', 'client_tls', 'plugin', 'async_agent']);

export interface OverrideResult {
  tree: Record<string, unknown>;
  applied: string[];
  diagnostics: Diagnostic[];
}

/** The KRAKEND_* variables of an environment, as [variable, root key, value]. */
export function krakendVariables(env: NodeJS.ProcessEnv): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('KRAKEND_') || value === undefined || name.length === 'KRAKEND_'.length) continue;
    out.push([name, name.slice('KRAKEND_'.length).toLowerCase(), value]);
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * Applies the overrides to a copy of `tree`. Each overridden key gets a
 * location naming the variable, so a bad value is reported against it.
 */
export function applyEnvOverrides(tree: Record<string, unknown>, locations: LocationMap, env: NodeJS.ProcessEnv): OverrideResult {
  const out: Record<string, unknown> = { ...tree };
  const applied: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [variable, key, value] of krakendVariables(env)) {
    const where = { file: `$${variable}`, line: 1, column: 1 };
    if (key.includes('.')) {
      diagnostics.push(warning('env-override', `${variable} names a nested key; only root keys can be overridden, so it is ignored`, where));
      continue;
    }
    if (STRUCTURED_KEYS.has(key)) {
      diagnostics.push(
        error('env-override', `${variable} would replace the structured key "${key}" with a string`, where, {
          hint: `unset ${variable}; only root-level scalar keys (port, timeout, name, …) can be overridden`,
        }),
      );
      continue;
    }
    if (!OVERRIDABLE_KEYS.includes(key)) {
      const close = suggestions(key, OVERRIDABLE_KEYS, 1);
      diagnostics.push(
        warning('env-override', `${variable} does not match a root key of the configuration, so it has no effect`, where, {
          hint: close.length ? `did you mean KRAKEND_${close[0]!.toUpperCase()}?` : 'only root-level keys such as KRAKEND_PORT or KRAKEND_TIMEOUT are read',
        }),
      );
      continue;
    }
    const existing = Object.keys(out).find((k) => k.toLowerCase() === key);
    if (existing !== undefined && existing !== key) delete out[existing];
    out[key] = value;
    const pointer = joinPointer('', key);
    for (const p of [...locations.keys()]) if (p === pointer || p.startsWith(pointer + '/')) locations.delete(p);
    locations.set(pointer, { value: where, key: where });
    applied.push(variable);
  }
  return { tree: out, applied, diagnostics };
}
