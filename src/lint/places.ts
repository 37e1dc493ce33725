/**
 * Naming places of a configuration in messages: "endpoint \"/users\"",
 * "`max_age` in `security/cors`", and which level an `extra_config` belongs to.
 */
import { splitPointer } from '../formats/types.ts';
import type { Level } from './namespaces.ts';

/** A place whose `extra_config` holds namespaces: a level, or a workflow inside a backend. */
export type ExtraConfigOwner = Level | 'workflow';

/** The value at a JSON pointer in `tree`, or undefined. */
export function valueAt(tree: unknown, pointer: string): unknown {
  let node = tree;
  for (const token of splitPointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (node !== null && typeof node === 'object') node = Object.prototype.hasOwnProperty.call(node, token) ? (node as Record<string, unknown>)[token] : undefined;
    else return undefined;
  }
  return node;
}

const isIndex = (token: string | undefined) => token !== undefined && /^\d+$/.test(token);

/**
 * The level an `extra_config` object at `pointer` belongs to, judged by its
 * place in the tree: the root's is the service's, `/endpoints/N/...` an
 * endpoint's, `.../backend/N/...` a backend's, `/async_agent/N/...` an async
 * agent's, `.../extra_config/workflow/...` a workflow's.
 */
export function extraConfigOwner(pointer: string): ExtraConfigOwner | undefined {
  const tokens = splitPointer(pointer);
  if (tokens[tokens.length - 1] !== 'extra_config') return undefined;
  const owner = tokens.slice(0, -1);
  if (owner.length === 0) return 'service';
  const last = owner[owner.length - 1];
  const parent = owner[owner.length - 2];
  if (last === 'workflow' && parent === 'extra_config') return 'workflow';
  if (isIndex(last)) {
    if (parent === 'backend') return 'backend';
    if (parent === 'endpoints' && owner.length === 2) return 'endpoint';
    if (parent === 'async_agent' && owner.length === 2) return 'async_agent';
  }
  return undefined;
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : '';
}

/** A short name for the object at `pointer`, for "… in <place>" messages. */
export function placeLabel(tree: unknown, pointer: string): string {
  const tokens = splitPointer(pointer);
  if (tokens.length === 0) return 'the service';
  const last = tokens[tokens.length - 1]!;
  const parent = tokens[tokens.length - 2];
  if (last === 'extra_config') {
    const owner = tokens.slice(0, -1);
    const ownerPointer = pointer.slice(0, pointer.length - '/extra_config'.length);
    return owner.length === 0 ? 'the service extra_config' : `the extra_config of ${placeLabel(tree, ownerPointer)}`;
  }
  if (isIndex(last)) {
    const node = valueAt(tree, pointer) as Record<string, unknown> | undefined;
    if (parent === 'endpoints' && tokens.length === 2) {
      const path = quoted(node?.endpoint);
      return path ? `endpoint ${path}` : `endpoint #${Number(last) + 1}`;
    }
    if (parent === 'backend') {
      const url = quoted(node?.url_pattern);
      const backend = url ? `backend ${url}` : `backend #${Number(last) + 1}`;
      // Backends straight under an endpoint also name it.
      if (tokens.length === 4 && tokens[0] === 'endpoints') return `${backend} of ${placeLabel(tree, `/endpoints/${tokens[1]}`)}`;
      return backend;
    }
    if (parent === 'async_agent' && tokens.length === 2) {
      const name = quoted(node?.name);
      return name ? `async agent ${name}` : `async agent #${Number(last) + 1}`;
    }
  }
  // Inside a namespace: name the key path relative to it.
  const ns = tokens.lastIndexOf('extra_config');
  if (ns >= 0 && ns + 1 < tokens.length) {
    const namespace = tokens[ns + 1]!;
    const rest = tokens.slice(ns + 2);
    return rest.length === 0 ? `\`${namespace}\`` : `\`${dotted(rest)}\` of \`${namespace}\``;
  }
  return `\`${dotted(tokens)}\``;
}

/** `["exporters","otlp","0"]` → `exporters.otlp[0]`. */
export function dotted(tokens: readonly string[]): string {
  let out = '';
  for (const t of tokens) {
    if (isIndex(t)) out += `[${t}]`;
    else out += out === '' ? t : `.${t}`;
  }
  return out;
}

/** The name of the value at `pointer` for "`<name>`: expected …" messages: its key, with an index for items. */
export function valueName(pointer: string): string {
  const tokens = splitPointer(pointer);
  if (tokens.length === 0) return 'the configuration';
  let i = tokens.length - 1;
  while (i > 0 && isIndex(tokens[i])) i--;
  return dotted(tokens.slice(i));
}

/** How a value reads in a message: `string "8080"`, `number 1.5`, `array`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value)}`;
    case 'number':
    case 'bigint':
      return `number ${value}`;
    case 'boolean':
      return `boolean ${value}`;
    case 'object':
      return 'object';
    default:
      return typeof value;
  }
}

/** A value as written in JSON, shortened for messages. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
