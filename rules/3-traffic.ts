/**
 * Group 3: keeping traffic under control. Abusive clients and failing
 * backends (3.1), and how long a request may hold resources (3.3).
 */
import { serverPluginNames } from '../src/audit/components.ts';
import type { AuditRule, AuditSeverity } from '../src/audit/rule.ts';
import type { AuditSubject } from '../src/audit/subject.ts';
import { extraConfigPointer } from '../src/audit/subject.ts';
import { joinPointer } from '../src/formats/types.ts';
import { MILLISECOND } from '../src/model/duration.ts';

/** 3.1.1: no bot detection. */
export const noBotDetector: AuditRule = {
  id: '3.1.1',
  severity: 'LOW',
  message: 'Bots and scrapers are not filtered: consider adding `security/bot-detector`.',
  help:
    'The service has no `security/bot-detector`, so crawlers and automated clients are served like anyone else. ' +
    'Add the component with the user agents you want to reject.',
  check(subject) {
    return subject.serviceComponent('security/bot-detector') ? [] : [extraConfigPointer(subject.model)];
  },
};

function hasRateLimit(subject: AuditSubject): boolean {
  if (subject.serviceComponent('qos/ratelimit/router')) return true;
  if (subject.serviceComponent('qos/ratelimit/service')) return true;
  if (serverPluginNames(subject.serviceComponent('plugin/http-server'))?.has('redis-ratelimit')) return true;
  for (const endpoint of subject.model.endpoints) {
    if (subject.component(endpoint, 'qos/ratelimit/router')) return true;
    if (subject.component(endpoint, 'qos/ratelimit/proxy')) return true;
    if (endpoint.backends.some((b) => subject.component(b, 'qos/ratelimit/proxy'))) return true;
  }
  return false;
}

/** 3.1.2: no rate limiting anywhere. */
export const noRateLimit: AuditRule = {
  id: '3.1.2',
  severity: 'HIGH',
  message: 'Nothing limits the request rate: add rate limiting to the service, its endpoints or its backends.',
  help:
    'No `qos/ratelimit/service` or `qos/ratelimit/router` on the service, no `qos/ratelimit/router` or ' +
    '`qos/ratelimit/proxy` on any endpoint, no `qos/ratelimit/proxy` on any backend and no `redis-ratelimit` ' +
    'plugin: a single client can saturate the gateway and its backends.',
  check(subject) {
    return hasRateLimit(subject) ? [] : [extraConfigPointer(subject.model)];
  },
};

/** 3.1.3: no circuit breaker on any endpoint or backend. */
export const noCircuitBreaker: AuditRule = {
  id: '3.1.3',
  severity: 'HIGH',
  message: 'No circuit breaker protects the backends: add `qos/circuit-breaker` to endpoints or backends.',
  help:
    'No endpoint and no backend has a `qos/circuit-breaker`, so a failing backend keeps receiving traffic while it ' +
    'tries to recover. (A circuit breaker at service level is not taken into account.)',
  check(subject) {
    const found = subject.model.endpoints.some(
      (e) => subject.component(e, 'qos/circuit-breaker') || e.backends.some((b) => subject.component(b, 'qos/circuit-breaker')),
    );
    return found ? [] : ['/endpoints'];
  },
};

/**
 * Endpoints whose timeout, in whole milliseconds, is above `limitMs`. Each
 * points at the endpoint's `timeout`, or at the service `timeout` it inherits.
 */
function timeoutsAbove(subject: AuditSubject, limitMs: number): string[] {
  const at = new Set<string>();
  for (const endpoint of subject.model.endpoints) {
    if (Math.trunc(endpoint.timeout / MILLISECOND) > limitMs) {
      at.add(endpoint.timeoutSet ? joinPointer(endpoint.pointer, 'timeout') : '/timeout');
    }
  }
  return [...at];
}

function timeoutRule(id: string, severity: AuditSeverity, limitMs: number, limitText: string): AuditRule {
  return {
    id,
    severity,
    message: `An endpoint waits longer than ${limitText} for its backends: lower its timeout.`,
    help:
      `At least one endpoint has a timeout above ${limitText} (its own \`timeout\` or the service \`timeout\` it ` +
      'inherits). Slow requests hold connections and memory; long timeouts let a slow backend take the gateway ' +
      'down with it. Timeouts are compared in whole milliseconds.',
    check: (subject) => timeoutsAbove(subject, limitMs),
  };
}

/** 3.3.1–3.3.4: endpoint timeouts above 3 s, 5 s, 30 s and 1 min. */
export const timeoutAbove3s = timeoutRule('3.3.1', 'LOW', 3_000, '3 seconds');
export const timeoutAbove5s = timeoutRule('3.3.2', 'MEDIUM', 5_000, '5 seconds');
export const timeoutAbove30s = timeoutRule('3.3.3', 'HIGH', 30_000, '30 seconds');
export const timeoutAbove1m = timeoutRule('3.3.4', 'CRITICAL', 60_000, '1 minute');

/** Group 3, in id order. */
export const trafficRules: readonly AuditRule[] = [
  noBotDetector,
  noRateLimit,
  noCircuitBreaker,
  timeoutAbove3s,
  timeoutAbove5s,
  timeoutAbove30s,
  timeoutAbove1m,
];
