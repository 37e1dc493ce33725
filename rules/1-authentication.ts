/**
 * Group 1: who may call the API. Weak or shared-secret schemes, and endpoints
 * that nobody protects with token validation.
 */
import { serverPluginNames } from '../src/audit/components.ts';
import type { AuditRule } from '../src/audit/rule.ts';
import { joinPointer } from '../src/formats/types.ts';

/** 1.1.1: the basic-auth server plugin is loaded. */
export const basicAuthPlugin: AuditRule = {
  id: '1.1.1',
  severity: 'HIGH',
  message: 'Basic authentication sends reusable credentials with every request: use a token-based scheme instead.',
  help:
    'The service loads the `basic-auth` server plugin (`plugin/http-server`). Username and password travel with each ' +
    'call and cannot expire or be scoped. Protect endpoints with JWT validation (`auth/validator`) or another ' +
    'token-based scheme. (An `auth/basic` block does not trigger this rule.)',
  check(subject) {
    const plugin = subject.serviceComponent('plugin/http-server');
    return serverPluginNames(plugin)?.has('basic-auth') ? [joinPointer(plugin!.pointer, 'name')] : [];
  },
};

/** 1.1.2: API keys are configured at service level. */
export const apiKeys: AuditRule = {
  id: '1.1.2',
  severity: 'MEDIUM',
  message: 'API keys are long-lived shared secrets: prefer short-lived, verifiable tokens such as JWT.',
  help:
    'The service configures `auth/api-keys`. A leaked key stays valid until someone rotates it by hand. Stateless ' +
    'tokens (JWT validated with `auth/validator`) expire on their own and carry their scopes.',
  check(subject) {
    const keys = subject.serviceComponent('auth/api-keys');
    return keys ? [keys.pointer] : [];
  },
};

/** 1.2.1: no endpoint validates JWTs. */
export const noJwtValidation: AuditRule = {
  id: '1.2.1',
  severity: 'HIGH',
  message: 'No endpoint validates JSON Web Tokens: protect endpoints with `auth/validator`.',
  help:
    'None of the endpoints has an `auth/validator` component in its `extra_config`, so any client can call every ' +
    'endpoint. Add JWT validation to the endpoints that need authorisation. The rule also fires when there are no ' +
    'endpoints at all.',
  check(subject) {
    const endpoints = subject.model.endpoints;
    return endpoints.some((e) => subject.component(e, 'auth/validator')) ? [] : ['/endpoints'];
  },
};

/** Group 1, in id order. */
export const authenticationRules: readonly AuditRule[] = [basicAuthPlugin, apiKeys, noJwtValidation];
