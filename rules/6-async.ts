/**
 * Group 6: async agents (consumers started by the gateway itself).
 */
import type { AuditRule } from '../src/audit/rule.ts';

/** How many agents make a sequential start worth a warning. */
const MANY_AGENTS = 10;

/** 6.1.1: many agents started one after another. */
export const sequentialAgentStart: AuditRule = {
  id: '6.1.1',
  severity: 'LOW',
  message: `With \`sequential_start\` and ${MANY_AGENTS} or more async agents, start-up is slow: start agents concurrently.`,
  help:
    '`sequential_start: true` waits for each async agent to connect before starting the next one. With many ' +
    'agents, one unreachable broker delays all of them.',
  check({ model }) {
    return model.sequentialStart && model.asyncAgents.length >= MANY_AGENTS ? ['/sequential_start'] : [];
  },
};

/** Group 6, in id order. */
export const asyncRules: readonly AuditRule[] = [sequentialAgentStart];
