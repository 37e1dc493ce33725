/**
 * The settings tree templates see as `.`:
 * - open flavour: each `*.json` directly inside FC_SETTINGS is a variable named
 *   after the file (`urls.json` → `.urls`); it must hold an object;
 * - extended flavour: every path of `settings.paths`, in order; folders are
 *   read recursively and their nesting becomes the tree (`a/b/file.yaml` →
 *   `.a.b.file`, folder names prefixed with `dir_field_prefix`); files of any
 *   settings format whose name ends with one of `allowed_suffixes`; files with
 *   the same name and different extensions merge. When two files set the same
 *   attribute, `allow_overwrite` lets the later one win; otherwise it is an
 *   error naming both files.
 * Every value keeps its location, so a template problem can point back at the
 * settings file a value came from.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { DiagnosticError, error, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { readAndParse } from '../../formats/index.ts';
import { joinPointer, type LocationMap, type ParsedDocument } from '../../formats/types.ts';
import type { ExtendedFlavour } from './mode.ts';

export interface SettingsTree {
  data: Record<string, unknown>;
  /** Settings-tree pointer (`/urls/users_api`) → where it is written. */
  locations: LocationMap;
  /** Files loaded, absolute, in load order. */
  files: string[];
  /** Folders read (for watching). */
  dirs: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

function parseSettingsFile(file: string, errors: Diagnostic[]): ParsedDocument | undefined {
  try {
    return readAndParse(file, { bigIntegers: true });
  } catch (e) {
    if (e instanceof DiagnosticError) {
      errors.push(...e.diagnostics);
      return undefined;
    }
    throw e;
  }
}

function copyLocations(from: LocationMap, into: LocationMap, base: string): void {
  for (const [p, loc] of from) into.set(base + p, loc);
}

/** Open flavour: FC_SETTINGS. */
export function loadOpenSettings(dir: string | undefined, cwd: string): SettingsTree {
  const tree: SettingsTree = { data: {}, locations: new Map(), files: [], dirs: [] };
  if (dir === undefined) return tree;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DiagnosticError(error('settings', `FC_SETTINGS folder ${relative(cwd, dir) || dir} does not exist`, undefined, { hint: 'point FC_SETTINGS at the folder holding your settings *.json files' }));
  }
  tree.dirs.push(dir);
  const errors: Diagnostic[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const file = join(dir, name);
    if (statSync(file).isDirectory()) {
      errors.push(error('settings', `${name} in the settings folder is a directory, not a JSON file`, { file, line: 1, column: 1 }));
      continue;
    }
    const doc = parseSettingsFile(file, errors);
    if (!doc) continue;
    if (!isObject(doc.value)) {
      errors.push(error('settings', `settings file ${name} must contain a JSON object`, doc.locations.get('')?.value ?? { file, line: 1, column: 1 }, { hint: 'wrap the values in { … }: each settings file is an object' }));
      continue;
    }
    const key = name.slice(0, -'.json'.length);
    setOwn(tree.data, key, doc.value);
    copyLocations(doc.locations, tree.locations, joinPointer('', key));
    tree.files.push(file);
  }
  if (errors.length) throw new DiagnosticError(errors);
  return tree;
}

interface MergeState {
  allowOverwrite: boolean;
  /** Settings pointer → file that set it. */
  origin: Map<string, string>;
  errors: Diagnostic[];
  cwd: string;
  locations: LocationMap;
}

function display(file: string, cwd: string): string {
  const r = relative(cwd, file);
  return r.startsWith('..') ? file : r;
}

/** Merges `value` (from `file`, located by `fileLocs` under `filePointer`) into `target[key]`. */
function mergeInto(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
  pointer: string,
  file: string,
  fileLocs: LocationMap,
  filePointer: string,
  st: MergeState,
): void {
  const exists = Object.prototype.hasOwnProperty.call(target, key);
  if (!exists) {
    setOwn(target, key, value);
    st.origin.set(pointer, file);
    for (const [p, loc] of fileLocs) if (p === filePointer || p.startsWith(filePointer + '/')) st.locations.set(pointer + p.slice(filePointer.length), loc);
    return;
  }
  const current = target[key];
  if (isObject(current) && isObject(value)) {
    for (const [k, v] of Object.entries(value)) mergeInto(current, k, v, joinPointer(pointer, k), file, fileLocs, joinPointer(filePointer, k), st);
    return;
  }
  if (st.allowOverwrite) {
    setOwn(target, key, value);
    st.origin.set(pointer, file);
    for (const p of [...st.locations.keys()]) if (p === pointer || p.startsWith(pointer + '/')) st.locations.delete(p);
    for (const [p, loc] of fileLocs) if (p === filePointer || p.startsWith(filePointer + '/')) st.locations.set(pointer + p.slice(filePointer.length), loc);
    return;
  }
  const first = st.origin.get(pointer) ?? [...st.origin].find(([p]) => pointer.startsWith(p + '/'))?.[1];
  const dotted = '.' + pointer.slice(1).split('/').join('.');
  st.errors.push(
    error('settings-conflict', `settings conflict: ${dotted} is set by ${first ? display(first, st.cwd) : 'an earlier file'} and again by ${display(file, st.cwd)}`, fileLocs.get(filePointer)?.value ?? { file, line: 1, column: 1 }, {
      hint: 'set "allow_overwrite": true in flexible_config.json settings to let later files win, or remove one of them',
      notes: st.locations.get(pointer) ? [{ message: 'first set here', location: st.locations.get(pointer)!.value }] : [],
    }),
  );
}

function settingsKey(name: string): string {
  const ext = extname(name);
  return ext === '' ? name : name.slice(0, -ext.length);
}

/** Extended flavour: settings.paths. */
export function loadExtendedSettings(cfg: ExtendedFlavour, cwd: string): SettingsTree {
  const tree: SettingsTree = { data: {}, locations: new Map(), files: [], dirs: [] };
  const st: MergeState = { allowOverwrite: cfg.settings.allowOverwrite, origin: new Map(), errors: [], cwd, locations: tree.locations };
  const suffixes = cfg.settings.allowedSuffixes;
  const loadFile = (file: string, target: Record<string, unknown>, base: string) => {
    const doc = parseSettingsFile(file, st.errors);
    if (!doc) return;
    tree.files.push(file);
    const key = settingsKey(basename(file));
    mergeInto(target, key, doc.value, joinPointer(base, key), file, doc.locations, '', st);
  };
  const walk = (dir: string, target: Record<string, unknown>, base: string) => {
    tree.dirs.push(dir);
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        const key = cfg.settings.dirFieldPrefix + name;
        let child = target[key];
        if (!isObject(child)) {
          if (child !== undefined && !st.allowOverwrite) {
            st.errors.push(error('settings-conflict', `settings conflict: folder ${display(full, cwd)} and a value of the same name (.${key})`, { file: full, line: 1, column: 1 }));
            continue;
          }
          child = {};
          setOwn(target, key, child);
        }
        walk(full, child as Record<string, unknown>, joinPointer(base, key));
      } else if (suffixes.some((s) => name.endsWith(s))) {
        loadFile(full, target, base);
      }
    }
  };
  for (const path of cfg.settings.paths) {
    if (!existsSync(path)) {
      st.errors.push(
        error('settings', `settings path ${display(path, cwd)} does not exist`, undefined, { hint: 'fix settings.paths in flexible_config.json (paths are relative to the working directory)' }),
      );
      continue;
    }
    if (statSync(path).isDirectory()) walk(path, tree.data, '');
    else loadFile(path, tree.data, '');
  }
  if (st.errors.length) throw new DiagnosticError(st.errors);
  return tree;
}
