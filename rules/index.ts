/**
 * Every audit rule, in the order they are evaluated and reported (ascending
 * ids, the order KrakenD uses).
 */
import type { AuditRule } from '../src/audit/rule.ts';
import { authenticationRules } from './1-authentication.ts';
import { transportRules } from './2-transport.ts';
import { trafficRules } from './3-traffic.ts';
import { telemetryRules } from './4-telemetry.ts';
import { endpointRules } from './5-endpoints.ts';
import { asyncRules } from './6-async.ts';
import { deprecationRules } from './7-deprecations.ts';

export const AUDIT_RULES: readonly AuditRule[] = [
  ...authenticationRules,
  ...transportRules,
  ...trafficRules,
  ...telemetryRules,
  ...endpointRules,
  ...asyncRules,
  ...deprecationRules,
];
