/**
 * The client IP the gateway reports in `X-Forwarded-For` and the access log.
 *
 * By default it is the TCP peer. Addresses from request headers
 * (`X-Forwarded-For`, `X-Real-IP`) are believed only when the peer is one of
 * the configured `router.trusted_proxies`; then the header is read from the
 * right, skipping trusted hops, as the router KrakenD uses does.
 */
import { BlockList, isIP } from 'node:net';

export interface ClientIpPolicy {
  /** Proxies whose forwarding headers are believed; null = none (the TCP peer is used). */
  trusted: BlockList | null;
  /** Lower-case header names to read, in order. */
  headers: readonly string[];
}

/** Builds the policy from `router` options; invalid entries are reported through `warn`. */
export function clientIpPolicy(
  trustedProxies: readonly string[],
  remoteIpHeaders: readonly string[],
  forwardedByClientIp: boolean,
  warn: (message: string) => void = () => {},
): ClientIpPolicy {
  if (!forwardedByClientIp || trustedProxies.length === 0) return { trusted: null, headers: [] };
  const list = new BlockList();
  for (const entry of trustedProxies) {
    const slash = entry.indexOf('/');
    const address = slash < 0 ? entry : entry.slice(0, slash);
    const family = isIP(address);
    if (family === 0) {
      warn(`router.trusted_proxies: ${JSON.stringify(entry)} is not an IP address or CIDR; ignored`);
      continue;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (slash < 0) list.addAddress(address, type);
    else {
      const prefix = Number(entry.slice(slash + 1));
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
        warn(`router.trusted_proxies: ${JSON.stringify(entry)} has an invalid prefix length; ignored`);
        continue;
      }
      list.addSubnet(address, prefix, type);
    }
  }
  const headers = (remoteIpHeaders.length > 0 ? remoteIpHeaders : ['X-Forwarded-For', 'X-Real-IP']).map((h) => h.toLowerCase());
  return { trusted: list, headers };
}

/** The peer address as Go prints it (IPv4-mapped IPv6 shown as IPv4). */
export function peerAddress(remote: string | undefined): string {
  if (remote === undefined) return '';
  if (remote.startsWith('::ffff:') && remote.indexOf('.') > 0) return remote.slice(7);
  return remote;
}

function isTrusted(list: BlockList, ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return false;
  if (family === 6 && ip.startsWith('::ffff:') && ip.indexOf('.') > 0) return list.check(ip.slice(7), 'ipv4');
  return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

function fromHeader(list: BlockList, value: string): string | undefined {
  if (value === '') return undefined;
  const items = value.split(',');
  for (let i = items.length - 1; i >= 0; i--) {
    const candidate = items[i]!.trim();
    if (isIP(candidate) === 0) return undefined;
    if (i === 0 || !isTrusted(list, candidate)) return candidate;
  }
  return undefined;
}

/** The client IP for a request, given its peer address and raw headers. */
export function resolveClientIp(policy: ClientIpPolicy, peer: string, rawHeaders: readonly string[]): string {
  if (policy.trusted === null || peer === '' || !isTrusted(policy.trusted, peer)) return peer;
  for (const wanted of policy.headers) {
    for (let i = 0; i < rawHeaders.length; i += 2) {
      if (rawHeaders[i]!.toLowerCase() !== wanted) continue;
      const ip = fromHeader(policy.trusted, rawHeaders[i + 1]!);
      if (ip !== undefined) return ip;
      break;
    }
  }
  return peer;
}
