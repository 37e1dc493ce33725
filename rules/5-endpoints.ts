/**
 * Group 5: the shape of the API. Debugging aids and loose routing (5.1.1–5.1.5),
 * how endpoints use their backends (5.1.6–5.1.7) and what the gateway adds
 * on top of them (5.2).
 */
import type { AuditRule } from '../src/audit/rule.ts';
import type { AuditSubject } from '../src/audit/subject.ts';
import { field, isTrue } from '../src/audit/values.ts';
import { joinPointer } from '../src/formats/types.ts';
import type { BackendModel } from '../src/model/types.ts';

/** 5.1.1: non-RESTful paths allowed. */
export const restDisabled: AuditRule = {
  id: '5.1.1',
  severity: 'LOW',
  message: 'Strict REST paths are turned off with `disable_rest`: keep endpoint paths RESTful.',
  help:
    '`disable_rest: true` allows endpoint paths that do not follow REST conventions, which makes the API harder to ' +
    'reason about and to protect consistently. Remove the flag unless you need it.',
  check({ model }) {
    return model.disableRest ? ['/disable_rest'] : [];
  },
};

/** 5.1.2: the debug endpoint is exposed. */
export const debugEndpoint: AuditRule = {
  id: '5.1.2',
  severity: 'LOW',
  message: 'The `/__debug/` endpoint is enabled: turn `debug_endpoint` off in production.',
  help:
    '`debug_endpoint: true` registers `/__debug/`, which logs whatever it receives. It is meant for development ' +
    'only.',
  check({ model }) {
    return model.debugEndpoint ? ['/debug_endpoint'] : [];
  },
};

/** 5.1.3: the echo endpoint is exposed. */
export const echoEndpoint: AuditRule = {
  id: '5.1.3',
  severity: 'LOW',
  message: 'The `/__echo/` endpoint is enabled: turn `echo_endpoint` off in production.',
  help:
    '`echo_endpoint: true` registers `/__echo/`, which answers with the full request, headers included, as the ' +
    'gateway received it. It is meant for development only.',
  check({ model }) {
    return model.echoEndpoint ? ['/echo_endpoint'] : [];
  },
};

/** 5.1.4: wildcard endpoints. */
export const wildcardEndpoint: AuditRule = {
  id: '5.1.4',
  severity: 'LOW',
  message: 'An endpoint path ends with a wildcard: declare explicit endpoints instead.',
  help:
    'An endpoint whose path ends with `*` accepts any sub-path and passes it on, so the gateway no longer decides ' +
    'which routes exist. Declare each route the API offers.',
  check({ model }) {
    return model.endpoints.filter((e) => e.path.endsWith('*')).map((e) => joinPointer(e.pointer, 'endpoint'));
  },
};

/** 5.1.5: a catch-all endpoint. */
export const catchAllEndpoint: AuditRule = {
  id: '5.1.5',
  severity: 'MEDIUM',
  message: 'A `/__catchall` endpoint forwards every unknown route: declare explicit endpoints instead.',
  help:
    'The `/__catchall` endpoint sends every request that matches no other endpoint to a backend, exposing ' +
    'whatever that backend offers. Declare each route the API offers.',
  check({ model }) {
    return model.endpoints.filter((e) => e.path === '/__catchall').map((e) => joinPointer(e.pointer, 'endpoint'));
  },
};

/**
 * Whether a backend call may change state: a method other than GET or HEAD
 * (compared case-sensitively, as written after defaults), or any gRPC call.
 */
function isUnsafeCall(subject: AuditSubject, backend: BackendModel): boolean {
  if (backend.method !== 'GET' && backend.method !== 'HEAD') return true;
  return subject.component(backend, 'backend/grpc') !== undefined;
}

/** 5.1.6: several write operations in one endpoint. */
export const chainedWrites: AuditRule = {
  id: '5.1.6',
  severity: 'MEDIUM',
  message: 'An endpoint sends more than one write operation to its backends: keep one per endpoint.',
  help:
    'When an endpoint calls several backends with methods other than GET or HEAD (or through gRPC), one of them ' +
    'may fail after the others have already changed data, with no transaction to roll them back. Backends ' +
    'without a method inherit the endpoint\'s, and methods are compared as written: `get` counts as a write.',
  check(subject) {
    return subject.model.endpoints
      .filter((e) => e.backends.filter((b) => isUnsafeCall(subject, b)).length > 1)
      .map((e) => joinPointer(e.pointer, 'backend'));
  },
};

/** 5.1.7: sequential proxy. */
export const sequentialProxy: AuditRule = {
  id: '5.1.7',
  severity: 'MEDIUM',
  message: 'An endpoint calls its backends one after another: avoid the sequential proxy where possible.',
  help:
    '`proxy.sequential: true` makes each backend wait for the previous one, so the endpoint is as slow as the sum ' +
    'of its backends and one failure stops the chain. Use it only when a call needs the previous response.',
  check(subject) {
    const at: string[] = [];
    for (const endpoint of subject.model.endpoints) {
      const proxy = subject.component(endpoint, 'proxy');
      if (proxy && isTrue(field(proxy.value, 'sequential'))) at.push(joinPointer(proxy.pointer, 'sequential'));
    }
    return at;
  },
};

/** 5.2.1: an endpoint without backends. */
export const endpointWithoutBackends: AuditRule = {
  id: '5.2.1',
  severity: 'CRITICAL',
  message: 'An endpoint has no backend: every endpoint needs at least one.',
  help: 'An endpoint with an empty `backend` list cannot answer. (KrakenD rejects such a configuration before auditing it.)',
  check({ model }) {
    return model.endpoints.filter((e) => e.backends.length === 0).map((e) => e.pointer);
  },
};

/** 5.2.2: no endpoint aggregates backends. */
export const noAggregation: AuditRule = {
  id: '5.2.2',
  severity: 'LOW',
  message: 'No endpoint combines several backends: the gateway is used as a plain proxy.',
  help:
    'Every endpoint has at most one backend. Aggregating backends per endpoint (backend for front end) saves ' +
    'clients round trips; if you only need a proxy, ignore this rule. It also fires when there are no endpoints.',
  check({ model }) {
    return model.endpoints.every((e) => e.backends.length <= 1) ? ['/endpoints'] : [];
  },
};

/** 5.2.3: no-op everywhere. */
export const noOpEverywhere: AuditRule = {
  id: '5.2.3',
  severity: 'LOW',
  message: 'Every endpoint uses the `no-op` encoding: clients are coupled to the backends\' responses.',
  help:
    'With `output_encoding: "no-op"` the gateway passes responses through untouched, so clients depend on each ' +
    'backend\'s format and the gateway cannot filter or reshape anything. It also fires when there are no endpoints.',
  check({ model }) {
    if (!model.endpoints.every((e) => e.outputEncoding === 'no-op')) return [];
    if (model.endpoints.length === 0) return ['/endpoints'];
    const at = new Set(model.endpoints.map((e) => (e.outputEncodingSet ? joinPointer(e.pointer, 'output_encoding') : '/output_encoding')));
    return [...at];
  },
};

/** Group 5, in id order. */
export const endpointRules: readonly AuditRule[] = [
  restDisabled,
  debugEndpoint,
  echoEndpoint,
  wildcardEndpoint,
  catchAllEndpoint,
  chainedWrites,
  sequentialProxy,
  endpointWithoutBackends,
  noAggregation,
  noOpEverywhere,
];
