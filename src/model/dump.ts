/**
 * The `kd check -d` dump: the parsed configuration printed with the same
 * fields, order and formatting as KrakenD's debug dump, at levels 1 to 3.
 * Returns lines; the caller decides where they go and whether to colour
 * `attention` lines.
 */
import { formatDuration } from './duration.ts';
import { isObject } from './read.ts';
import type { BackendModel, EndpointModel, ExtraConfig, ServiceModel } from './types.ts';

export interface DumpLine {
  text: string;
  /** Lines KrakenD prints in red (a section that is not defined). */
  attention?: boolean;
}

/** Go's %v for float64: shortest digits, exponent form when the exponent is < -4 or >= 6. */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
  const e = Number(exponent);
  if (e < -4 || e >= 6) {
    const digits = String(Math.abs(e));
    return `${mantissa}e${e < 0 ? '-' : '+'}${digits.length < 2 ? '0' + digits : digits}`;
  }
  return String(n);
}

/** Go's %v for the JSON-like values a config holds. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

const list = (xs: readonly string[]) => `[${xs.join(' ')}]`;

/** url_pattern as KrakenD rewrites it internally: `{id}` → `{{.Id}}`. */
export function rewrittenPattern(urlPattern: string): string {
  return urlPattern.replace(/\{([\w\-.:/]+)\}/g, (_, p: string) => `{{.${p[0]!.toUpperCase()}${p.slice(1)}}}`);
}

export function dumpService(s: ServiceModel, level: number, indent = '\t'): DumpLine[] {
  const out: DumpLine[] = [];
  const P = indent;
  const PP = indent + indent;
  const line = (text: string, attention = false) => out.push(attention ? { text, attention } : { text });
  const v = Math.max(1, Math.min(3, level));

  const components = (extra: ExtraConfig, prefix: string, what: string) => {
    const names = Object.keys(extra).sort();
    if (v < 2 && names.length === 0) return;
    line(`${prefix}${names.length} ${what} component configuration(s):`);
    for (const ns of names) {
      line(`${prefix}- ${ns}`);
      if (v < 2) continue;
      const value = extra[ns];
      if (isObject(value)) for (const [k, val] of Object.entries(value)) line(`\t${prefix}${k}: ${goValue(val)}`);
      else line(`\t${prefix}: ${goValue(value)}`);
    }
  };

  const backend = (b: BackendModel) => {
    line(`${PP}[+] ${b.method} ${rewrittenPattern(b.urlPattern)}`);
    line(`${PP}Timeout: ${formatDuration(b.timeout)}`);
    line(`${PP}Hosts: ${list(b.hostsInherited ? b.hosts : b.hosts)}`);
    if (v >= 2) {
      line(`${PP}Concurrent calls: ${b.concurrentCalls}`);
      line(`${PP}Host sanitization disabled: ${b.disableHostSanitize}`);
      line(`${PP}Target: ${b.target}`);
      line(`${PP}Deny: ${list(b.deny)}, Allow: ${list(b.allow)}`);
      line(`${PP}Mapping: ${goValue(b.mapping)}`);
      line(`${PP}Group: ${b.group}`);
      line(`${PP}Encoding: ${b.encoding}`);
      line(`${PP}Is collection: ${b.isCollection}`);
      line(`${PP}SD: ${b.sd}`);
      line(`${PP}SD scheme: ${b.sdScheme}`);
      line(`${PP}Headers to pass: ${list(b.inputHeaders)}`);
      line(`${PP}Query strings to pass: ${list(b.inputQueryStrings)}`);
    }
    components(b.extraConfig, PP, 'backend');
    line('');
  };

  const endpoint = (e: EndpointModel) => {
    line(`${P}- ${e.method} ${e.routerPath}`);
    line(`${P}Timeout: ${formatDuration(e.timeout)}`);
    if (v >= 2 || e.inputQueryStrings.length > 0) line(`${P}QueryString: ${list(e.inputQueryStrings)}`);
    if (v >= 2) {
      line(`${P}CacheTTL: ${formatDuration(e.cacheTtl)}`);
      line(`${P}Headers to pass: ${list(e.inputHeaders)}`);
      line(`${P}OutputEncoding: ${e.outputEncoding}`);
    }
    if (v >= 2 || e.concurrentCalls > 1) line(`${P}Concurrent calls: ${e.concurrentCalls}`);
    components(e.extraConfig, P, 'endpoint');
    line(`${P}Connecting to ${e.backends.length} backend(s):`);
    for (const b of e.backends) backend(b);
  };

  line('Global settings');
  line(`${P}Name: ${s.name}`);
  line(`${P}Version: ${s.version}`);
  line(`${P}Address: ${s.listenIp}`);
  line(`${P}Port: ${s.port}`);
  if (v >= 2) {
    line(`${P}Default cache TTL: ${formatDuration(s.cacheTtl)}`);
    line(`${P}Default timeout: ${formatDuration(s.timeout)}`);
  }
  if (s.hosts.length > 0 || v >= 2) line(`${P}Default backend hosts: ${list(s.hosts)}`);
  if (v >= 3) {
    const d = formatDuration;
    line(`${P}Read timeout: ${d(s.readTimeout)}`);
    line(`${P}Write timeout: ${d(s.writeTimeout)}`);
    line(`${P}Idle timeout: ${d(s.idleTimeout)}`);
    line(`${P}Read header timeout: ${d(s.readHeaderTimeout)}`);
    line(`${P}Idle connection timeout: ${d(s.idleConnectionTimeout)}`);
    line(`${P}Response header timeout: ${d(s.responseHeaderTimeout)}`);
    line(`${P}Expect continue timeout: ${d(s.expectContinueTimeout)}`);
    line(`${P}Dialer timeout: ${d(s.dialerTimeout)}`);
    line(`${P}Dialer fallback delay: ${d(s.dialerFallbackDelay)}`);
    line(`${P}Dialer keep alive: ${d(s.dialerKeepAlive)}`);
    line(`${P}Disable keep alives: ${s.disableKeepAlives}`);
    line(`${P}Disable compression: ${s.disableCompression}`);
    line(`${P}Max idle connections: ${s.maxIdleConnections}`);
    line(`${P}Max idle connections per host: ${s.maxIdleConnectionsPerHost}`);
    line(`${P}Sequential start: ${s.sequentialStart}`);
    line(`${P}Max header bytes: ${s.maxHeaderBytes}`);
    line(`${P}Echo endpoint enabled: ${s.echoEndpoint}`);
    line(`${P}Default encoding strategy: ${s.outputEncoding}`);
    line(`${P}Disable strict REST: ${s.disableRest}`);
    line(`${P}Run lura in debug mode: ${s.debugEndpoint}`);
    line(`${P}Allow insecure connections: ${s.allowInsecureConnections}`);
    line(`${P}UseH2C: ${s.useH2c}`);
  }
  const str = (o: Record<string, unknown>, k: string) => (o[k] === undefined || o[k] === null ? '' : goValue(o[k]));
  const bool = (o: Record<string, unknown>, k: string) => String(o[k] === true);
  const strList = (o: Record<string, unknown>, k: string) => (Array.isArray(o[k]) ? goValue(o[k]) : '[]');
  if (s.tls) {
    const t = s.tls;
    line(`${P}TLS Disabled: ${bool(t, 'disabled')}`);
    line(`${P}TLS Public key: ${str(t, 'public_key')}`);
    line(`${P}TLS Private key: ${str(t, 'private_key')}`);
    line(`${P}TLS Enable MTLS: ${bool(t, 'enable_mtls')}`);
    line(`${P}TLS Disable System CA Pool: ${bool(t, 'disable_system_ca_pool')}`);
    if (v >= 2) {
      line(`${P}TLS Min version: ${str(t, 'min_version')}`);
      line(`${P}TLS Max version: ${str(t, 'max_version')}`);
    }
    if (v >= 3) {
      line(`${P}TLS Curve preferences: ${strList(t, 'curve_preferences')}`);
      line(`${P}TLS Prefer server cipher suites: ${bool(t, 'prefer_server_cipher_suites')}`);
      line(`${P}TLS Cipher suites: ${strList(t, 'cipher_suites')}`);
    }
  } else if (v >= 2) {
    line(`${P}No TLS section defined`, true);
  }
  if (s.clientTls) {
    const t = s.clientTls;
    line(`${P}Client TLS Allow Insecure Connections: ${bool(t, 'allow_insecure_connections')}`);
    line(`${P}Client TLS Disable System CA Pool: ${bool(t, 'disable_system_ca_pool')}`);
    if (v >= 2) {
      line(`${P}Client TLS Min version: ${str(t, 'min_version')}`);
      line(`${P}Client TLS Max version: ${str(t, 'max_version')}`);
    }
    if (v >= 3) {
      line(`${P}Client TLS Curve preferences: ${strList(t, 'curve_preferences')}`);
      line(`${P}Client TLS Cipher suites: ${strList(t, 'cipher_suites')}`);
    }
  }
  if (s.plugin) {
    line(`${P}Folder: ${str(s.plugin, 'folder')}`);
    line(`${P}Pattern: ${str(s.plugin, 'pattern')}`);
  } else if (v >= 2) {
    line(`${P}No Plugin section defined`, true);
  }
  components(s.extraConfig, '', 'global');
  line(`${s.endpoints.length} API endpoint(s):`);
  for (const e of s.endpoints) endpoint(e);
  line(`${s.asyncAgents.length} async agent(s):`);
  for (const a of s.asyncAgents) {
    line(`${P}- ${a.name}`);
    if (v >= 2) {
      line(`${P}Encoding: ${a.encoding}`);
      line(`${P}Consumer Timeout: ${formatDuration(a.consumerTimeout)}`);
      line(`${P}Consumer Workers: ${a.workers}`);
      line(`${P}Consumer Topic: ${a.topic}`);
      line(`${P}Consumer Max Rate: ${a.maxRate.toFixed(6)}`);
      line(`${P}Connection Max Retries: ${a.maxRetries}`);
      line(`${P}Connection Backoff Strategy: ${a.backoffStrategy}`);
      line(`${P}Connection Health Interval: ${formatDuration(a.healthInterval)}`);
    }
    components(a.extraConfig, P, 'async agent');
    line(`${P}Connecting to ${a.backends.length} backend(s):`);
    for (const b of a.backends) backend(b);
  }
  return out;
}
