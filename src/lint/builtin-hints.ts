/**
 * Schema knowledge for kd's own schema, read from the bundled schema files
 * (descriptions removed) by following an instance path through them.
 */
import type { ErrorObject } from 'ajv';
import { splitPointer } from '../formats/types.ts';
import schemaBundleJson from './generated/schema-bundle.mjs';
import { requiredAlternatives, type SchemaHints } from './hints.ts';
import type { ExtraConfigOwner } from './places.ts';

type Schema = Record<string, unknown>;

/** A schema node and the file it lives in (for resolving its relative $refs). */
interface Located {
  file: string;
  node: Schema;
}

let parsedFiles: Readonly<Record<string, Schema>> | undefined;

/** The bundled schema files, parsed the first time an error needs explaining. */
function schemaFiles(): Readonly<Record<string, Schema>> {
  parsedFiles ??= JSON.parse(schemaBundleJson) as Record<string, Schema>;
  return parsedFiles;
}

const EXTRA_CONFIG_FILES: Readonly<Record<string, ExtraConfigOwner>> = {
  'extra-config/service.json': 'service',
  'extra-config/endpoint.json': 'endpoint',
  'extra-config/backend.json': 'backend',
  'extra-config/async-agent.json': 'async_agent',
  'extra-config/workflow.json': 'workflow',
};

function resolvePath(from: string, relative: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function follow(at: Located, ref: string): Located | undefined {
  const hash = ref.indexOf('#');
  const path = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);
  const file = path === '' ? at.file : resolvePath(at.file, path);
  let node: unknown = schemaFiles()[file];
  for (const token of splitPointer(fragment)) node = node !== null && typeof node === 'object' ? (node as Schema)[token] : undefined;
  return node !== null && typeof node === 'object' ? { file, node: node as Schema } : undefined;
}

/** The node itself plus everything it applies through $ref and combinators. */
function expand(start: Located[]): Located[] {
  const out: Located[] = [];
  const seen = new Set<Schema>();
  const queue = [...start];
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (seen.has(at.node)) continue;
    seen.add(at.node);
    out.push(at);
    if (typeof at.node.$ref === 'string') {
      const target = follow(at, at.node.$ref);
      if (target) queue.push(target);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = at.node[key];
      if (Array.isArray(list)) for (const branch of list) if (branch && typeof branch === 'object') queue.push({ file: at.file, node: branch as Schema });
    }
  }
  return out;
}

function child(at: Located, token: string): Located[] {
  const n = at.node;
  const props = n.properties as Record<string, Schema> | undefined;
  if (props && Object.prototype.hasOwnProperty.call(props, token)) return [{ file: at.file, node: props[token]! }];
  const found: Located[] = [];
  const patterns = n.patternProperties as Record<string, Schema | boolean> | undefined;
  for (const [pattern, sub] of Object.entries(patterns ?? {})) {
    if (typeof sub === 'object' && new RegExp(pattern, 'u').test(token)) found.push({ file: at.file, node: sub });
  }
  if (found.length > 0) return found;
  if (n.additionalProperties && typeof n.additionalProperties === 'object') return [{ file: at.file, node: n.additionalProperties as Schema }];
  if (/^\d+$/.test(token) && n.items && typeof n.items === 'object' && !Array.isArray(n.items)) return [{ file: at.file, node: n.items as Schema }];
  return [];
}

const cache = new Map<string, Located[]>();

/** Every schema node that applies to the instance at `pointer`, starting from the schema file `root`. */
export function schemasAt(pointer: string, root = 'krakend.json'): Located[] {
  const key = `${root}#${pointer}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const top = schemaFiles()[root];
  if (!top) throw new Error(`no bundled schema file ${root}`);
  let current = expand([{ file: root, node: top }]);
  for (const token of splitPointer(pointer)) {
    current = expand(current.flatMap((at) => child(at, token)));
    if (current.length === 0) break;
  }
  cache.set(key, current);
  return current;
}

function isDurationNode(at: Located): boolean {
  return at.file === 'defs.json' && at.node === (schemaFiles()['defs.json']!.$defs as Record<string, Schema>).duration;
}

/** Hints answered from kd's bundled schema files, for instances of the schema file `root`. */
export function bundledSchemaHints(root: string): SchemaHints {
  const keysAt = (pointer: string): string[] => {
    const keys = new Set<string>();
    for (const at of schemasAt(pointer, root)) for (const key of Object.keys((at.node.properties as object | undefined) ?? {})) keys.add(key);
    return [...keys];
  };
  return {
    allowedKeys: (error: ErrorObject) => keysAt(error.instancePath),
    keysAt,
    alternatives(error: ErrorObject) {
      for (const at of schemasAt(error.instancePath, root)) {
        const branches = at.node[error.keyword];
        if (Array.isArray(branches)) return requiredAlternatives(branches);
      }
      return undefined;
    },
    extraConfigOwner(pointer: string) {
      for (const at of schemasAt(pointer, root)) {
        const owner = EXTRA_CONFIG_FILES[at.file];
        if (owner && at.node === schemaFiles()[at.file]) return owner;
      }
      return undefined;
    },
    isDuration: (pointer: string) => schemasAt(pointer, root).some(isDurationNode),
  };
}

/** Hints for configurations (schema/krakend.json). */
export const builtinHints: SchemaHints = bundledSchemaHints('krakend.json');
