/**
 * Code for a backend's response manipulation, in KrakenD's order:
 * target → allow | deny → mapping → group, or, with a backend
 * `flatmap_filter`, target → flatmap → group (allow, deny and mapping are
 * then ignored). Every configured path becomes straight-line code: one
 * nested `if` per path segment, no loop over configuration at request time.
 */

import { Code, code, literal } from '../emit.ts';
import type { Name } from '../emit.ts';
import { deleteKey, readKey, writeKey } from './access.ts';
import { buildAllowTree, buildDenyTree } from './filters.ts';
import type { AllowTree, DenyTree } from './filters.ts';
import { docComment, flatmapStatements, flatmapSteps } from './flatmap.ts';
import type { FlatmapOp } from './flatmap.ts';
import { LocalNames, Writer } from './writer.ts';

/** A backend's response manipulation settings. */
export interface TransformSpec {
  target: string;
  allow: string[];
  deny: string[];
  mapping: Record<string, string>;
  group: string;
  /** Backend-level `proxy.flatmap_filter` (when valid and non-empty, allow/deny/mapping are ignored). */
  flatmap?: FlatmapOp[];
}

/**
 * A function declaration `function NAME(input: rt.Data | null): rt.Data | null`
 * applying the manipulations, or null when the spec changes nothing.
 */
export function generateBackendTransform(fn: Name, spec: TransformSpec): Code | null {
  const useFlatmap = spec.flatmap !== undefined && spec.flatmap.length > 0;
  const mapping = Object.entries(spec.mapping);
  const manipulates = useFlatmap || spec.allow.length > 0 || spec.deny.length > 0 || mapping.length > 0;
  if (spec.target === '' && spec.group === '' && !manipulates) return null;

  const names = new LocalNames();
  const data = names.next('data');
  const w = new Writer();
  w.line(describe(spec, useFlatmap));
  w.open(code`function ${fn}(input: rt.Data | null): rt.Data | null {`);
  w.line(code`let ${data}: rt.Data | null = input;`);
  if (spec.target !== '') emitTarget(w, names, data, spec.target);
  if (useFlatmap) {
    w.append(flatmapStatements(flatmapSteps(spec.flatmap!), data, names));
  } else {
    if (spec.allow.length > 0) emitAllow(w, names, data, spec.allow);
    else if (spec.deny.length > 0) emitDeny(w, names, data, spec.deny);
    if (mapping.length > 0) emitMapping(w, names, data, mapping);
  }
  if (spec.group !== '') {
    w.line(code`// group ${spec.group}`);
    w.line(code`${data} = rt.wrap(${spec.group}, ${data});`);
  }
  w.line(code`return ${data};`);
  w.close();
  return w.toCode();
}

/** The doc comment: every setting, JSON-encoded. */
function describe(spec: TransformSpec, useFlatmap: boolean): Code {
  const parts: string[] = [];
  if (spec.target !== '') parts.push(`target ${literal(spec.target).text}`);
  if (useFlatmap) {
    const flatmap = docComment('flatmap_filter', spec.flatmap!).text;
    parts.push(flatmap.slice(4, -3));
  } else {
    if (spec.allow.length > 0) parts.push(`allow ${literal(spec.allow).text}`);
    else if (spec.deny.length > 0) parts.push(`deny ${literal(spec.deny).text}`);
    if (Object.keys(spec.mapping).length > 0) parts.push(`mapping ${literal(spec.mapping).text}`);
  }
  if (spec.group !== '') parts.push(`group ${literal(spec.group).text}`);
  return new Code(`/** Response manipulation: ${parts.join('; ').replace(/\*\//g, '*\\/')} */`);
}

/** target: descend through objects; a missing or non-object step gives `{}`. */
function emitTarget(w: Writer, names: LocalNames, data: Name, target: string): void {
  w.line(code`// target ${target}`);
  w.open(code`{`);
  let previous: Code | null = null;
  for (const part of target.split('.')) {
    const v = names.next('t');
    const read: Code =
      previous === null
        ? code`${data} === null ? undefined : ${readKey(data, part)}`
        : code`rt.isObject(${previous}) ? ${readKey(previous, part)} : undefined`;
    w.line(code`const ${v}: rt.JsonValue | undefined = ${read};`);
    previous = v;
  }
  w.line(code`${data} = rt.isObject(${previous!}) ? ${previous!} : {};`);
  w.close();
}

/**
 * allow: a new object holding only the listed leaves (each with its whole
 * subtree); a listed path through a non-object drops that key; an object
 * left with nothing is dropped; nothing matching at all gives `{}`.
 */
function emitAllow(w: Writer, names: LocalNames, data: Name, allow: readonly string[]): void {
  w.line(code`// allow ${allow}`);
  w.open(code`if (rt.hasKeys(${data})) {`);
  const out = names.next('kept');
  w.line(code`const ${out}: rt.Data = {};`);
  emitAllowLevel(w, names, data, buildAllowTree(allow), out, null);
  w.line(code`${data} = ${out};`);
  w.close();
}

function emitAllowLevel(w: Writer, names: LocalNames, source: Code, tree: AllowTree, out: Name, kept: Name | null): void {
  for (const [key, node] of tree) {
    const v = names.next('a');
    w.line(code`const ${v}: rt.JsonValue | undefined = ${readKey(source, key)};`);
    if (node === true) {
      w.open(code`if (${v} !== undefined) {`);
      w.line(writeKey(out, key, v));
      if (kept !== null) w.line(code`${kept} = true;`);
      w.close();
      continue;
    }
    w.open(code`if (rt.isObject(${v})) {`);
    const inner = names.next('kept');
    const innerKept = names.next('any');
    w.line(code`const ${inner}: rt.Data = {};`);
    w.line(code`let ${innerKept} = false;`);
    emitAllowLevel(w, names, v, node, inner, innerKept);
    w.open(code`if (${innerKept}) {`);
    w.line(writeKey(out, key, inner));
    if (kept !== null) w.line(code`${kept} = true;`);
    w.close();
    w.close();
  }
}

/** deny: remove the listed paths (walking objects only). */
function emitDeny(w: Writer, names: LocalNames, data: Name, deny: readonly string[]): void {
  w.line(code`// deny ${deny}`);
  w.open(code`if (rt.hasKeys(${data})) {`);
  emitDenyLevel(w, names, data, buildDenyTree(deny));
  w.close();
}

function emitDenyLevel(w: Writer, names: LocalNames, object: Code, tree: DenyTree): void {
  for (const [key, node] of tree) {
    if (node === null) {
      w.line(deleteKey(object, key));
      continue;
    }
    const v = names.next('d');
    w.line(code`const ${v}: rt.JsonValue | undefined = ${readKey(object, key)};`);
    w.open(code`if (rt.isObject(${v})) {`);
    emitDenyLevel(w, names, v, node);
    w.close();
  }
}

/**
 * mapping: top-level renames, in configuration order, each new name cut at
 * its first dot; the value is stored under the new name and the old name
 * is then removed (so mapping a key to itself removes it, as KrakenD does).
 */
function emitMapping(w: Writer, names: LocalNames, data: Name, mapping: ReadonlyArray<[string, string]>): void {
  w.line(code`// mapping ${Object.fromEntries(mapping)}`);
  w.open(code`if (rt.hasKeys(${data})) {`);
  for (const [from, to] of mapping) {
    const newKey = to.split('.')[0]!;
    const v = names.next('m');
    w.line(code`const ${v}: rt.JsonValue | undefined = ${readKey(data, from)};`);
    w.open(code`if (${v} !== undefined) {`);
    w.line(writeKey(data, newKey, v));
    w.line(deleteKey(data, from));
    w.close();
  }
  w.close();
}
