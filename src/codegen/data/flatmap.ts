/**
 * Code for `flatmap_filter` operations. Fixed-path operations become
 * straight-line code on the data; wildcard deletes and renames call the
 * runtime's plain-data helpers; everything the plain data cannot express
 * exactly (a wildcard move to another depth, a wildcard append, an array
 * element removed or renamed, a key collision) hands the data, as it is at
 * that point, to the runtime's labelled-tree model for the remaining
 * operations. See src/runtime/data/flatmap-tree.ts for the semantics.
 */

import { Code, code, literal } from '../emit.ts';
import type { Name } from '../emit.ts';
import { childExpr, deleteKey, hasKeyExpr, indexLabel, readKey, writeKey } from './access.ts';
import { LocalNames, Writer } from './writer.ts';

/** A flatmap operation as configured (`proxy.flatmap_filter` entries with a string `type`). */
export interface FlatmapOp {
  type: string;
  args: string[];
}

/** One operation with split paths; `del` with several paths is one step per path. */
export interface FlatmapStep {
  type: 'del' | 'move' | 'append';
  args: string[][];
}

const WILDCARD = '*';

/**
 * Normalises configured operations: one `del` step per path, `move` and
 * `append` with their two paths; unknown types are dropped (they do
 * nothing), and so are `del` arguments that are not strings (KrakenD
 * ignores them). Throws when `move` or `append` lacks two string paths
 * (KrakenD panics on those at request time; the model rejects them first).
 */
export function flatmapSteps(ops: readonly FlatmapOp[]): FlatmapStep[] {
  const steps: FlatmapStep[] = [];
  for (const op of ops) {
    const args: readonly unknown[] = Array.isArray(op.args) ? op.args : [];
    if (op.type === 'del') {
      for (const arg of args) if (typeof arg === 'string') steps.push({ type: 'del', args: [arg.split('.')] });
    } else if (op.type === 'move' || op.type === 'append') {
      if (args.length < 2) throw new Error(`flatmap "${op.type}" needs two paths, got ${args.length}`);
      const [src, dst] = args;
      if (typeof src !== 'string' || typeof dst !== 'string') throw new Error(`flatmap "${op.type}" paths must be strings`);
      steps.push({ type: op.type, args: [src.split('.'), dst.split('.')] });
    }
  }
  return steps;
}

/**
 * Statements applying the steps to the variable `data` (type
 * `rt.Data | null`, updated in place). `names` hands out the locals.
 */
export function flatmapStatements(steps: readonly FlatmapStep[], data: Name, names: LocalNames): Code {
  const w = new Writer();
  if (steps.length === 0) return w.toCode();
  const resume = names.next('resume');
  const root = names.next('root');
  const label = names.next('flatmap');
  w.line(code`let ${resume} = -1;`);
  w.open(code`${label}: {`);
  w.line(code`if (${data} === null) break ${label};`);
  w.line(code`const ${root}: rt.Data = ${data};`);
  const ctx: StepContext = { w, names, root, data, label, resume };
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    w.line(stepComment(step));
    if (!emitStep(ctx, step, i)) break;
  }
  w.close();
  w.line(code`if (${resume} >= 0) ${data} = rt.flatmapTree(${data}, ${stepsLiteral(steps)}, ${resume});`);
  return w.toCode();
}

/** The steps as a literal for the runtime model. */
function stepsLiteral(steps: readonly FlatmapStep[]): Code {
  return literal(steps.map((s) => ({ type: s.type, args: s.args })));
}

/** A line comment naming the operation; its paths are JSON-encoded literals, so no line terminator can appear. */
function stepComment(step: FlatmapStep): Code {
  return new Code(`// ${step.type} ${step.args.map((a) => literal(a.join('.')).text).join(' ')}`);
}

interface StepContext {
  w: Writer;
  names: LocalNames;
  root: Name;
  data: Name;
  label: Name;
  resume: Name;
}

/** Emits one step; returns false when every later step is left to the runtime model. */
function emitStep(ctx: StepContext, step: FlatmapStep, index: number): boolean {
  const fallback = code`{ ${ctx.resume} = ${index}; break ${ctx.label}; }`;
  switch (step.type) {
    case 'del': {
      const path = step.args[0]!;
      if (path.includes(WILDCARD)) emitWildcardDel(ctx, path, fallback);
      else emitDel(ctx, path, fallback);
      return true;
    }
    case 'move': {
      const [src, dst] = step.args as [string[], string[]];
      if (src.includes(WILDCARD)) {
        if (src.length !== dst.length) {
          ctx.w.line(code`${ctx.resume} = ${index};`);
          ctx.w.line(code`break ${ctx.label};`);
          return false;
        }
        emitWildcardRename(ctx, src, dst[dst.length - 1]!, fallback);
        return true;
      }
      if (src.length === dst.length) emitRename(ctx, src, dst[dst.length - 1]!, fallback);
      else if (src.length > dst.length) emitPromote(ctx, src, dst, fallback);
      else emitEmbed(ctx, src, dst, fallback);
      return true;
    }
    case 'append': {
      const [src, dst] = step.args as [string[], string[]];
      if (src.includes(WILDCARD) || dst.includes(WILDCARD) || isPrefix(src, dst) || isPrefix(dst, src)) {
        ctx.w.line(code`${ctx.resume} = ${index};`);
        ctx.w.line(code`break ${ctx.label};`);
        return false;
      }
      emitAppend(ctx, src, dst, fallback);
      return true;
    }
  }
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  return a.length <= b.length && a.every((s, i) => s === b[i]);
}

/** Locals walking `path` from the root; `nodes[k]` is the value after k segments (`nodes[0]` the root). */
function emitWalk(ctx: StepContext, path: readonly string[]): Code[] {
  const nodes: Code[] = [ctx.root];
  for (let i = 0; i < path.length; i++) {
    const v = ctx.names.next('n');
    ctx.w.line(code`const ${v}: rt.JsonValue | undefined = ${childExpr(nodes[i]!, path[i]!, i === 0)};`);
    nodes.push(v);
  }
  return nodes;
}

/**
 * A statement setting the child of `nodes[k-1]` under `path[k-1]` to null
 * (an emptied container reads back as null); for the root, the result
 * becomes null and the remaining steps do nothing.
 */
function nullOut(ctx: StepContext, nodes: readonly Code[], path: readonly string[], k: number): Code {
  if (k === 0) return code`{ ${ctx.data} = null; break ${ctx.label}; }`;
  const parent = nodes[k - 1]!;
  const segment = path[k - 1]!;
  const index = indexLabel(segment);
  const asObject = k - 1 === 0 ? parent : code`(${parent} as rt.Data)`;
  if (index >= 0 && k - 1 > 0) {
    return code`{ if (Array.isArray(${parent})) ${parent}[${index}] = null; else ${writeKey(asObject, segment, code`null`)} }`;
  }
  return code`{ ${writeKey(asObject, segment, code`null`)} }`;
}

/** The guard for a last segment that names an element of an array parent: that step needs the runtime model. */
function arrayElementGuard(ctx: StepContext, parent: Code, segment: string, fallback: Code): void {
  const index = indexLabel(segment);
  if (index >= 0) ctx.w.line(code`if (Array.isArray(${parent}) && ${index} < ${parent}.length) ${fallback}`);
}

function emitDel(ctx: StepContext, path: readonly string[], fallback: Code): void {
  const { w } = ctx;
  w.open(code`{`);
  const nodes = emitWalk(ctx, path.slice(0, -1));
  const k = path.length - 1; // nodes[k] is the parent of the removed entry
  const parent = nodes[k]!;
  const last = path[k]!;
  const isRoot = k === 0;
  w.open(isRoot ? code`if (${hasKeyExpr(parent, last)}) {` : code`if (rt.isObject(${parent}) && ${hasKeyExpr(parent, last)}) {`);
  w.line(deleteKey(parent, last));
  w.line(code`if (rt.isEmpty(${parent})) ${nullOut(ctx, nodes, path, k)}`);
  w.close();
  if (!isRoot) arrayElementGuard(ctx, parent, last, fallback);
  w.close();
}

function emitWildcardDel(ctx: StepContext, path: readonly string[], fallback: Code): void {
  const { w } = ctx;
  const r = ctx.names.next('r');
  w.open(code`{`);
  w.line(code`const ${r} = rt.flatmapDelPlain(${ctx.root}, ${literal(path)});`);
  w.line(code`if (${r} === rt.FLATMAP_FALLBACK) ${fallback}`);
  w.line(code`if (${r} === null) { ${ctx.data} = null; break ${ctx.label}; }`);
  w.close();
}

function emitWildcardRename(ctx: StepContext, src: readonly string[], newLabel: string, fallback: Code): void {
  if (src[src.length - 1] === newLabel) return;
  ctx.w.line(code`if (rt.flatmapRenamePlain(${ctx.root}, ${literal(src)}, ${newLabel}) === rt.FLATMAP_FALLBACK) ${fallback}`);
}

/** The object test for the moved entry's parent, with the value read into a new local. */
function openSource(ctx: StepContext, parent: Code, last: string, isRoot: boolean): Name {
  const v = ctx.names.next('v');
  if (!isRoot) ctx.w.open(code`if (rt.isObject(${parent})) {`);
  ctx.w.line(code`const ${v}: rt.JsonValue | undefined = ${readKey(parent, last)};`);
  ctx.w.open(code`if (${v} !== undefined) {`);
  return v;
}

function closeSource(ctx: StepContext, parent: Code, last: string, isRoot: boolean, fallback: Code): void {
  ctx.w.close();
  if (isRoot) return;
  ctx.w.close();
  arrayElementGuard(ctx, parent, last, fallback);
}

function emitRename(ctx: StepContext, src: readonly string[], newLabel: string, fallback: Code): void {
  const last = src[src.length - 1]!;
  if (last === newLabel) return;
  const { w } = ctx;
  w.open(code`{`);
  const nodes = emitWalk(ctx, src.slice(0, -1));
  const k = src.length - 1;
  const parent = nodes[k]!;
  const v = openSource(ctx, parent, last, k === 0);
  w.line(code`if (${hasKeyExpr(parent, newLabel)}) ${fallback}`);
  w.line(writeKey(parent, newLabel, v));
  w.line(deleteKey(parent, last));
  closeSource(ctx, parent, last, k === 0, fallback);
  w.close();
}

function emitPromote(ctx: StepContext, src: readonly string[], dst: readonly string[], fallback: Code): void {
  const { w, names } = ctx;
  const last = src[src.length - 1]!;
  const newLabel = dst[dst.length - 1]!;
  // a `*` in the destination stands for the label the source path matched there
  const targetPath = dst.slice(0, -1).map((s, i) => (s === WILDCARD ? src[i]! : s));
  w.open(code`{`);
  const nodes = emitWalk(ctx, src.slice(0, -1));
  const k = src.length - 1;
  const parent = nodes[k]!;
  const v = openSource(ctx, parent, last, k === 0);
  const target = names.next('t');
  w.line(code`let ${target}: rt.JsonValue = ${ctx.root};`);
  let opened = 0;
  let previous: Code = ctx.root;
  for (let i = 0; i < targetPath.length; i++) {
    const d = names.next('d');
    w.line(code`const ${d}: rt.JsonValue | undefined = ${childExpr(previous, targetPath[i]!, i === 0)};`);
    w.open(code`if (${d} !== undefined) {`);
    w.line(code`${target} = ${d};`);
    opened++;
    previous = d;
  }
  for (let i = 0; i < opened; i++) w.close();
  w.line(code`if (!rt.isObject(${target}) || rt.isEmpty(${target}) || ${hasKeyExpr(target, newLabel)}) ${fallback}`);
  w.line(deleteKey(parent, last));
  w.line(code`if (rt.isEmpty(${parent})) ${nullOut(ctx, nodes, src, k)}`);
  w.line(writeKey(target, newLabel, v));
  closeSource(ctx, parent, last, k === 0, fallback);
  w.close();
}

function emitEmbed(ctx: StepContext, src: readonly string[], dst: readonly string[], fallback: Code): void {
  const { w, names } = ctx;
  const last = src[src.length - 1]!;
  const rest = dst.slice(src.length - 1); // re-rooted at the source's parent
  const intermediates = rest.slice(0, -1);
  const finalLabel = rest[rest.length - 1]!;
  w.open(code`{`);
  const nodes = emitWalk(ctx, src.slice(0, -1));
  const k = src.length - 1;
  const parent = nodes[k]!;
  const v = openSource(ctx, parent, last, k === 0);
  // check first: existing intermediates must be non-empty objects, and the final key free
  if (intermediates[0] !== last) {
    let previous: Code = parent;
    let opened = 0;
    for (let i = 0; i < intermediates.length; i++) {
      const e = names.next('e');
      w.line(code`const ${e}: rt.JsonValue | undefined = ${readKey(previous, intermediates[i]!)};`);
      w.open(code`if (${e} !== undefined) {`);
      w.line(code`if (!rt.isObject(${e}) || rt.isEmpty(${e})) ${fallback}`);
      if (i === intermediates.length - 1) w.line(code`if (${hasKeyExpr(e, finalLabel)}) ${fallback}`);
      opened++;
      previous = e;
    }
    for (let i = 0; i < opened; i++) w.close();
  }
  w.line(deleteKey(parent, last));
  let holder: Code = parent;
  for (const segment of intermediates) {
    const m = names.next('m');
    w.line(code`let ${m}: rt.JsonValue | undefined = ${readKey(holder, segment)};`);
    w.line(code`if (${m} === undefined) { ${m} = {}; ${writeKey(holder, segment, m)} }`);
    holder = code`(${m} as rt.Data)`;
  }
  w.line(writeKey(holder, finalLabel, v));
  closeSource(ctx, parent, last, k === 0, fallback);
  w.close();
}

function emitAppend(ctx: StepContext, src: readonly string[], dst: readonly string[], fallback: Code): void {
  const { w } = ctx;
  w.open(code`{`);
  const from = emitWalk(ctx, src);
  const to = emitWalk(ctx, dst);
  const source = from[src.length]!;
  const target = to[dst.length]!;
  const sourceParent = from[src.length - 1]!;
  const targetParent = to[dst.length - 1]!;
  w.open(code`if (Array.isArray(${source}) && Array.isArray(${target})) {`);
  // removing an element from an array parent would shift its siblings' labels
  if (src.length > 1) w.line(code`if (!rt.isObject(${sourceParent})) ${fallback}`);
  if (dst.length > 1) w.line(code`if (!rt.isObject(${targetParent})) ${fallback}`);
  const srcLast = src[src.length - 1]!;
  const dstLast = dst[dst.length - 1]!;
  w.line(deleteKey(sourceParent, srcLast));
  w.line(deleteKey(targetParent, dstLast));
  w.line(writeKey(targetParent, dstLast, code`[...${target}, ...${source}]`));
  w.line(code`if (${sourceParent} !== ${targetParent} && rt.isEmpty(${sourceParent})) ${nullOut(ctx, from, src, src.length - 1)}`);
  w.close();
  w.close();
}

/**
 * A function declaration `function NAME(data: rt.Data | null): rt.Data | null`
 * applying the endpoint-level flatmap operations (run on the merged
 * response, only for endpoints with more than one backend, and only when
 * the merge reported no error). Null when there are no operations.
 */
export function generateEndpointFlatmap(fn: Name, ops: readonly FlatmapOp[]): Code | null {
  if (ops.length === 0) return null;
  const steps = flatmapSteps(ops);
  const names = new LocalNames();
  const data = names.next('data');
  const w = new Writer();
  w.line(docComment('Endpoint flatmap_filter', ops));
  w.open(code`function ${fn}(input: rt.Data | null): rt.Data | null {`);
  w.line(code`let ${data}: rt.Data | null = input;`);
  w.append(flatmapStatements(steps, data, names));
  w.line(code`return ${data};`);
  w.close();
  return w.toCode();
}

/** A doc comment summarising operations: paths JSON-encoded, and no `*` followed by `/` can close it early. */
export function docComment(title: string, ops: readonly FlatmapOp[]): Code {
  const summary = ops.map((op) => `${literal(op.type).text} ${op.args.map((a) => literal(a).text).join(' ')}`).join('; ');
  return new Code(`/** ${title}: ${summary.replace(/\*\//g, '*\\/')} */`);
}
