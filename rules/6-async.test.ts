import { sequentialAgentStart } from './6-async.ts';
import { testRule } from '../test/audit/rule-tester.ts';

const agents = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `agent-${i}`, backend: [{ url_pattern: '/' }] }));

testRule(sequentialAgentStart, {
  valid: [
    { name: 'many agents started concurrently', config: { async_agent: agents(12) } },
    { name: 'sequential start with 9 agents', config: { sequential_start: true, async_agent: agents(9) } },
  ],
  invalid: [
    { name: 'sequential start with 10 agents', config: { sequential_start: true, async_agent: agents(10) }, at: ['/sequential_start'] },
  ],
});
