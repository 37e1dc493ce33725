// The namespace table agrees with the schema, and knows legacy long names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMESPACE_ALIASES } from '../../src/model/namespaces.ts';
import { isLegacyNamespace, KNOWN_NAMESPACES, LEVEL_NAMESPACES, namespaceLevels, shortNamespaces, WORKFLOW_NAMESPACES, type Level } from '../../src/lint/namespaces.ts';
import { ROOT } from '../support/cli.ts';

function schemaNamespaces(file: string): string[] {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'extra-config', file), 'utf8')) as { properties: Record<string, unknown> };
  return Object.keys(schema.properties).sort();
}

const FILES: Record<Level, string> = { service: 'service.json', endpoint: 'endpoint.json', backend: 'backend.json', async_agent: 'async-agent.json' };

describe('KNOWN_NAMESPACES', () => {
  it('lists, per level, exactly the namespaces the schema allows there', () => {
    for (const [level, file] of Object.entries(FILES) as [Level, string][]) {
      expect([...LEVEL_NAMESPACES.get(level)!].sort()).toEqual(schemaNamespaces(file));
      for (const ns of schemaNamespaces(file)) expect(namespaceLevels(ns)).toContain(level);
    }
    expect([...WORKFLOW_NAMESPACES].sort()).toEqual(schemaNamespaces('workflow.json'));
  });

  it('maps each short name to all its levels, and nothing else', () => {
    expect(namespaceLevels('qos/circuit-breaker')).toEqual(['backend']);
    expect(namespaceLevels('security/cors')).toEqual(['service', 'endpoint']);
    expect(namespaceLevels('governance/quota')).toEqual(['service', 'endpoint', 'backend']);
    expect(namespaceLevels('async/kafka')).toEqual(['async_agent']);
    expect(namespaceLevels('qos/ratelimit/token-bucket')).toBeUndefined();
    const shorts = shortNamespaces();
    expect(shorts.length).toBe(81);
    for (const ns of shorts) {
      const levels = (Object.keys(FILES) as Level[]).filter((l) => schemaNamespaces(FILES[l]).includes(ns));
      expect(namespaceLevels(ns)).toEqual(levels);
    }
  });

  it('knows every legacy long name at the levels of its short name', () => {
    for (const [short, long] of Object.entries(NAMESPACE_ALIASES)) {
      expect(KNOWN_NAMESPACES.get(long)).toEqual(KNOWN_NAMESPACES.get(short));
      expect(isLegacyNamespace(long)).toBe(true);
      expect(isLegacyNamespace(short)).toBe(false);
    }
    expect(namespaceLevels('github_com/devopsfaith/krakend-cors')).toEqual(['service', 'endpoint']);
  });
});
