/**
 * Group 2: how traffic travels. TLS towards clients and backends (2.1),
 * what the gateway exposes or forwards (2.2), and caches (2.3).
 */
import type { AuditRule } from '../src/audit/rule.ts';
import { extraConfigPointer } from '../src/audit/subject.ts';
import { field, isObject, isPositiveNumber, isTrue, weakBool } from '../src/audit/values.ts';
import { joinPointer } from '../src/formats/types.ts';

/** 2.1.1: certificate validation towards backends is off for the whole gateway. */
export const insecureConnections: AuditRule = {
  id: '2.1.1',
  severity: 'HIGH',
  message: 'Backend TLS certificates are not verified anywhere: remove `allow_insecure_connections`.',
  help:
    'The service sets `allow_insecure_connections` (at the root or in `client_tls`), so the gateway accepts any ' +
    'certificate, self-signed or forged, from every backend. Add the backends\' CA to `client_tls.ca_certs` instead.',
  check({ model }) {
    const at: string[] = [];
    if (model.allowInsecureConnections) at.push('/allow_insecure_connections');
    if (weakBool(field(model.clientTls, 'allow_insecure_connections'))) at.push('/client_tls/allow_insecure_connections');
    return at;
  },
};

/** 2.1.2: the gateway has no TLS configuration. */
export const noTls: AuditRule = {
  id: '2.1.2',
  severity: 'HIGH',
  message: 'The gateway serves plain HTTP: add a `tls` section, or make sure TLS ends in front of it.',
  help:
    'There is no `tls` object at the root, so clients talk to the gateway unencrypted. Configure `tls` with your ' +
    'certificates, or ignore this rule when a load balancer in front of the gateway terminates TLS.',
  check({ model }) {
    return isObject(model.tls) ? [] : [''];
  },
};

/** 2.1.3: TLS is configured but disabled. */
export const tlsDisabled: AuditRule = {
  id: '2.1.3',
  severity: 'CRITICAL',
  message: 'TLS is configured but switched off with `disabled`: the gateway serves plain HTTP.',
  help: 'The `tls` section sets `disabled: true`. Remove the flag so the configured certificates are used.',
  check({ model }) {
    return isObject(model.tls) && weakBool(model.tls.disabled) ? ['/tls/disabled'] : [];
  },
};

/** 2.1.7: no HTTP security component. */
export const noHttpSecurity: AuditRule = {
  id: '2.1.7',
  severity: 'HIGH',
  message: 'No HTTP security policies are enforced: add `security/http` to the service.',
  help:
    'Without `security/http` the gateway sends no security headers (HSTS, frame and content-type options, XSS ' +
    'protection) and does not restrict allowed hosts. Add the component to the service `extra_config`.',
  check(subject) {
    return subject.serviceComponent('security/http') ? [] : [extraConfigPointer(subject.model)];
  },
};

/** 2.1.8: HTTP/2 without TLS. */
export const cleartextHttp2: AuditRule = {
  id: '2.1.8',
  severity: 'HIGH',
  message: 'Cleartext HTTP/2 (h2c) is enabled: serve HTTP/2 over TLS only.',
  help:
    '`use_h2c` lets clients speak HTTP/2 without encryption, which proxies and firewalls cannot inspect properly. ' +
    'Remove it from the root and from the `router` component.',
  check(subject) {
    const at: string[] = [];
    if (subject.model.useH2c) at.push('/use_h2c');
    const router = subject.serviceComponent('router');
    if (router && isTrue(field(router.value, 'use_h2c'))) at.push(joinPointer(router.pointer, 'use_h2c'));
    return at;
  },
};

/** 2.1.9: one backend skips certificate validation. */
export const backendInsecureConnections: AuditRule = {
  id: '2.1.9',
  severity: 'LOW',
  message: 'A backend connection does not verify TLS certificates: remove its `allow_insecure_connections`.',
  help:
    'A backend\'s `backend/http/client` sets `client_tls.allow_insecure_connections`, so the gateway accepts any ' +
    'certificate from it. Trust its CA with `client_tls.ca_certs` instead.',
  check(subject) {
    const at: string[] = [];
    for (const { backend } of subject.endpointBackends()) {
      const client = subject.component(backend, 'backend/http/client');
      if (!client) continue;
      const tls = field(client.value, 'client_tls');
      if (isObject(tls) && weakBool(tls.allow_insecure_connections)) {
        at.push(joinPointer(joinPointer(client.pointer, 'client_tls'), 'allow_insecure_connections'));
      }
    }
    return at;
  },
};

/** 2.2.1: the version header is sent. */
export const versionHeader: AuditRule = {
  id: '2.2.1',
  severity: 'MEDIUM',
  message: 'Responses reveal the gateway and its version: set `hide_version_header` in `router`.',
  help:
    'Every response carries a header naming the gateway and its version, which helps attackers pick known ' +
    'vulnerabilities. Add `"hide_version_header": true` to the service `router` component.',
  check(subject) {
    const router = subject.serviceComponent('router');
    if (router && isObject(router.value)) {
      return isTrue(router.value.hide_version_header) ? [] : [router.pointer];
    }
    return [router?.pointer ?? extraConfigPointer(subject.model)];
  },
};

/** 2.2.2: no CORS configuration. */
export const noCors: AuditRule = {
  id: '2.2.2',
  severity: 'HIGH',
  message: 'Cross-origin requests are not controlled: add `security/cors` to the service.',
  help:
    'Without `security/cors` the gateway does not tell browsers which origins, methods and headers may call it. ' +
    'Add the component with the origins your front ends use.',
  check(subject) {
    return subject.serviceComponent('security/cors') ? [] : [extraConfigPointer(subject.model)];
  },
};

/** 2.2.3: every client header goes to the backends. */
export const forwardAllHeaders: AuditRule = {
  id: '2.2.3',
  severity: 'HIGH',
  message: 'An endpoint forwards every client header to its backends: list the headers you need in `input_headers`.',
  help:
    '`input_headers: ["*"]` passes all client headers, including cookies, credentials and hop-by-hop headers, to ' +
    'the backends. Name the headers each endpoint needs instead.',
  check({ model }) {
    return model.endpoints.filter((e) => e.inputHeaders.includes('*')).map((e) => joinPointer(e.pointer, 'input_headers'));
  },
};

/** 2.2.4: every query string goes to the backends. */
export const forwardAllQueryStrings: AuditRule = {
  id: '2.2.4',
  severity: 'HIGH',
  message: 'An endpoint forwards every query string parameter to its backends: list them in `input_query_strings`.',
  help:
    '`input_query_strings: ["*"]` lets clients send any parameter to the backends, including ones that change ' +
    'their behaviour. Name the parameters each endpoint accepts instead.',
  check({ model }) {
    return model.endpoints
      .filter((e) => e.inputQueryStrings.includes('*'))
      .map((e) => joinPointer(e.pointer, 'input_query_strings'));
  },
};

/** 2.2.5: a gRPC server without declared services. */
export const grpcServerWithoutServices: AuditRule = {
  id: '2.2.5',
  severity: 'LOW',
  message: 'The gRPC server declares no services: list the services it should expose.',
  help:
    'The service `grpc` component has a `server` whose `services` list is missing or empty. Declare the services ' +
    'and methods the gateway offers, or remove the server.',
  check(subject) {
    const grpc = subject.serviceComponent('grpc');
    const server = field(grpc?.value, 'server');
    if (!grpc || !isObject(server)) return [];
    const services = server.services;
    const declared = Array.isArray(services) ? services.length > 0 : services !== undefined && services !== null;
    return declared ? [] : [joinPointer(grpc.pointer, 'server')];
  },
};

/** 2.3.1: a backend cache without size limits. */
export const unboundedCache: AuditRule = {
  id: '2.3.1',
  severity: 'MEDIUM',
  message: 'A backend cache has no size limit: set both `max_items` and `max_size` in `qos/http-cache`.',
  help:
    'A `qos/http-cache` without positive `max_items` and `max_size` grows with every distinct response and can ' +
    'exhaust the gateway\'s memory. Note that, as in KrakenD, the limits are only recognised when they are decoded ' +
    'as floating-point numbers: any number in a JSON file, but in YAML and TOML only numbers written as floats ' +
    '(`1000.0`), so whole numbers there still trigger this rule.',
  check(subject) {
    const at: string[] = [];
    for (const { backend } of subject.endpointBackends()) {
      const cache = subject.component(backend, 'qos/http-cache');
      if (!cache) continue;
      const bounded = (key: string): boolean => {
        const value = field(cache.value, key);
        return isPositiveNumber(value) && subject.isFloat(joinPointer(cache.pointer, key), value);
      };
      if (!(isObject(cache.value) && bounded('max_items') && bounded('max_size'))) at.push(cache.pointer);
    }
    return at;
  },
};

/** Group 2, in id order. */
export const transportRules: readonly AuditRule[] = [
  insecureConnections,
  noTls,
  tlsDisabled,
  noHttpSecurity,
  cleartextHttp2,
  backendInsecureConnections,
  versionHeader,
  noCors,
  forwardAllHeaders,
  forwardAllQueryStrings,
  grpcServerWithoutServices,
  unboundedCache,
];
