/**
 * `$ref` resolution: an object `{ "$ref": "path#/json/pointer" }` is replaced
 * by the value that path and pointer name. Paths are relative to the file that
 * holds the ref; the referenced file may be in any supported format and may
 * itself hold refs; `#/…` alone points into the same file. Locations travel
 * with the values, so a problem inside a referenced file is reported in that
 * file. A cycle is an error that prints the chain.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { DiagnosticError, error, warning, type Diagnostic, type SourceSpan } from '../diagnostics/diagnostic.ts';
import { readAndParse } from '../formats/index.ts';
import { joinPointer, locate, splitPointer, type LocationMap, type ParsedDocument } from '../formats/types.ts';

export interface RefResult {
  value: unknown;
  locations: LocationMap;
  /** Every file a ref pointed to (absolute paths). */
  files: string[];
  diagnostics: Diagnostic[];
}

export interface RefOptions {
  /** The key that marks a reference (flexible_config.json `ref_key`, default `$ref`). */
  refKey?: string;
  cwd?: string;
}

/** A ref being followed: the file and pointer of the object that holds it. */
interface RefSite {
  file: string;
  pointer: string;
}

interface Source {
  file: string;
  doc: ParsedDocument;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The value at a JSON pointer, or `missing` when a step does not exist. */
function valueAt(root: unknown, pointer: string): { found: true; value: unknown } | { found: false; at: string } {
  let node = root;
  let walked = '';
  for (const token of splitPointer(pointer)) {
    walked = joinPointer(walked, token);
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(token) && Number(token) < node.length) node = node[Number(token)];
    else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, token)) node = node[token];
    else return { found: false, at: walked };
  }
  return { found: true, value: node };
}

export class RefResolver {
  private readonly cache = new Map<string, Source>();
  private readonly refKey: string;
  readonly files = new Set<string>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly options: RefOptions = {}) {
    this.refKey = options.refKey ?? '$ref';
  }

  private display(file: string): string {
    const rel = relative(this.options.cwd ?? process.cwd(), file);
    return rel.startsWith('..') ? file : rel;
  }

  private load(file: string, site: SourceSpan | undefined, target: string): Source {
    const cached = this.cache.get(file);
    if (cached) return cached;
    if (!existsSync(file)) {
      throw new DiagnosticError(
        error('ref-not-found', `referenced file ${target} not found (looked for ${this.display(file)})`, site, {
          hint: 'paths in a $ref are relative to the file that holds the ref',
        }),
      );
    }
    let doc: ParsedDocument;
    try {
      doc = readAndParse(file);
    } catch (e) {
      if (e instanceof DiagnosticError && site) {
        for (const d of e.diagnostics) (d.notes ??= []).push({ message: 'referenced from here', location: site });
      }
      throw e;
    }
    const source = { file, doc };
    this.cache.set(file, source);
    this.files.add(file);
    if (doc.warnings) this.diagnostics.push(...doc.warnings);
    return source;
  }

  /** Resolves every ref in `doc` (the contents of `file`). */
  resolveDocument(file: string, doc: ParsedDocument): RefResult {
    const out: LocationMap = new Map();
    this.cache.set(file, { file, doc });
    const value = this.resolveNode(doc.value, { file, doc }, '', '', out, []);
    return { value, locations: out, files: [...this.files], diagnostics: this.diagnostics };
  }

  private resolveNode(node: unknown, src: Source, srcPointer: string, outPointer: string, out: LocationMap, chain: RefSite[]): unknown {
    const loc = src.doc.locations.get(srcPointer);
    if (loc) {
      const existing = out.get(outPointer);
      out.set(outPointer, existing?.key && !loc.key ? { value: loc.value, key: existing.key } : loc);
    }
    if (Array.isArray(node)) {
      return node.map((item, i) => this.resolveNode(item, src, joinPointer(srcPointer, i), joinPointer(outPointer, i), out, chain));
    }
    if (!isObject(node)) return node;
    if (Object.prototype.hasOwnProperty.call(node, this.refKey)) return this.follow(node, src, srcPointer, outPointer, out, chain);
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      setOwn(copy, k, this.resolveNode(v, src, joinPointer(srcPointer, k), joinPointer(outPointer, k), out, chain));
    }
    return copy;
  }

  private follow(node: Record<string, unknown>, src: Source, srcPointer: string, outPointer: string, out: LocationMap, chain: RefSite[]): unknown {
    const refPointer = joinPointer(srcPointer, this.refKey);
    const site = locate(src.doc.locations, refPointer);
    const target = node[this.refKey];
    if (typeof target !== 'string' || target === '') {
      throw new DiagnosticError(
        error('bad-ref', `${this.refKey} must be a non-empty string naming a file (and optionally #/pointer)`, site, {
          hint: `write { "${this.refKey}": "./file.json" } or { "${this.refKey}": "./file.json#/path/in/it" }`,
        }),
      );
    }
    const siblings = Object.keys(node).filter((k) => k !== this.refKey);
    if (siblings.length > 0) {
      this.diagnostics.push(
        warning('ref-siblings', `keys beside ${this.refKey} are dropped: ${siblings.map((s) => JSON.stringify(s)).join(', ')}`, locate(src.doc.locations, joinPointer(srcPointer, siblings[0]!), 'key'), {
          hint: `the referenced value replaces the whole object; move these keys into the referenced file`,
        }),
      );
    }
    const hash = target.indexOf('#');
    const pathPart = hash === -1 ? target : target.slice(0, hash);
    const fragment = hash === -1 ? '' : target.slice(hash + 1);
    if (fragment !== '' && !fragment.startsWith('/')) {
      throw new DiagnosticError(error('bad-ref', `the part after # in ${JSON.stringify(target)} must be a JSON pointer starting with /`, site, { hint: 'e.g. "./file.json#/host"' }));
    }
    let pointer: string;
    try {
      pointer = decodeURIComponent(fragment);
    } catch {
      pointer = fragment;
    }
    const file = pathPart === '' ? src.file : resolve(dirname(src.file), pathPart);
    const sites: RefSite[] = [...chain, { file: src.file, pointer: srcPointer }];
    const contains = (s: RefSite) => s.file === file && (pointer === '' || s.pointer === pointer || s.pointer.startsWith(pointer + '/'));
    const first = sites.findIndex(contains);
    if (first !== -1) {
      const cycle = [...sites.slice(first).map((s) => `${this.display(s.file)}#${s.pointer}`), `${this.display(file)}#${pointer}`].join(' → ');
      throw new DiagnosticError(
        error('ref-cycle', `$ref cycle: ${cycle}`, site, { hint: 'a referenced value cannot contain (directly or through other refs) the ref that includes it' }),
      );
    }
    const targetSource = this.load(file, site, target);
    const found = valueAt(targetSource.doc.value, pointer);
    if (!found.found) {
      throw new DiagnosticError(
        error('ref-pointer', `${this.display(file)} has nothing at #${found.at}`, site, {
          hint: `check the pointer of ${JSON.stringify(target)}`,
        }),
      );
    }
    return this.resolveNode(found.value, targetSource, pointer, outPointer, out, sites);
  }
}

/** Resolves the refs of a parsed document. */
export function resolveRefs(file: string, doc: ParsedDocument, options: RefOptions = {}): RefResult {
  return new RefResolver(options).resolveDocument(file, doc);
}
