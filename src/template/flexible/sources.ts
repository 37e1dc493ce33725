/**
 * Sub-templates and partials of a flexible configuration.
 * - Templates: open flavour, every `*.tmpl` directly inside FC_TEMPLATES;
 *   extended flavour, every file under `templates.paths` (folders read
 *   recursively) plus single files. A template is called by its base name;
 *   when two share a base name the later one is renamed with its parent
 *   folder as prefix (`dir2_file.tmpl`, then `dir1_dir2_file.tmpl`, …) and a
 *   warning says so.
 * - Partials: files `include` inserts as they are, looked up by relative path
 *   in FC_PARTIALS or in each `partials.paths` entry in order.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { DiagnosticError, error, warning, type Diagnostic } from '../../diagnostics/diagnostic.ts';

export interface TemplateSource {
  name: string;
  file: string;
  text: string;
}

export interface TemplateRegistry {
  templates: TemplateSource[];
  dirs: string[];
  diagnostics: Diagnostic[];
}

function display(file: string, cwd: string): string {
  const r = relative(cwd, file);
  return r.startsWith('..') ? file : r;
}

function listFiles(dir: string, recursive: boolean, accept: (name: string) => boolean, dirs: string[]): string[] {
  dirs.push(dir);
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (recursive) out.push(...listFiles(full, true, accept, dirs));
    } else if (accept(name)) {
      out.push(full);
    }
  }
  return out;
}

/** Registers files under unique names, renaming clashes with their parent folders. */
function register(files: string[], cwd: string): { templates: TemplateSource[]; diagnostics: Diagnostic[] } {
  const taken = new Set<string>();
  const templates: TemplateSource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    let name = basename(file);
    let parent = dirname(file);
    while (taken.has(name) && parent !== dirname(parent)) {
      name = `${basename(parent)}_${name}`;
      parent = dirname(parent);
    }
    if (name !== basename(file)) {
      diagnostics.push(
        warning('template-renamed', `template ${basename(file)} already exists; ${display(file, cwd)} is available as ${JSON.stringify(name)}`, { file, line: 1, column: 1 }, {
          hint: `call it with {{ template ${JSON.stringify(name)} . }}, or rename one of the files`,
        }),
      );
    }
    taken.add(name);
    templates.push({ name, file, text: readFileSync(file, 'utf8') });
  }
  return { templates, diagnostics };
}

export function openTemplates(dir: string | undefined, cwd: string): TemplateRegistry {
  if (dir === undefined) return { templates: [], dirs: [], diagnostics: [] };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DiagnosticError(error('templates', `FC_TEMPLATES folder ${display(dir, cwd)} does not exist`, undefined, { hint: 'point FC_TEMPLATES at the folder holding your *.tmpl files' }));
  }
  const dirs: string[] = [];
  const files = listFiles(dir, false, (n) => n.endsWith('.tmpl'), dirs);
  return { ...register(files, cwd), dirs };
}

export function extendedTemplates(paths: string[], cwd: string): TemplateRegistry {
  const dirs: string[] = [];
  const files: string[] = [];
  const missing: Diagnostic[] = [];
  for (const p of paths) {
    if (!existsSync(p)) {
      missing.push(error('templates', `templates path ${display(p, cwd)} does not exist`, undefined, { hint: 'fix templates.paths in flexible_config.json' }));
      continue;
    }
    if (statSync(p).isDirectory()) files.push(...listFiles(p, true, () => true, dirs));
    else files.push(p);
  }
  if (missing.length) throw new DiagnosticError(missing);
  return { ...register(files, cwd), dirs };
}

/** Finds and reads partials; remembers which files were read. */
export class PartialResolver {
  readonly used = new Set<string>();
  constructor(
    private readonly roots: string[],
    private readonly cwd: string,
  ) {}

  get dirs(): string[] {
    return this.roots.filter((r) => existsSync(r) && statSync(r).isDirectory());
  }

  /** The text of partial `name`; throws an Error naming where it looked when missing. */
  read(name: string): string {
    if (this.roots.length === 0) throw new Error(`include ${JSON.stringify(name)}: no partials folder is configured (set FC_PARTIALS, or partials.paths in flexible_config.json)`);
    for (const root of this.roots) {
      let candidate: string | undefined;
      if (existsSync(root) && statSync(root).isDirectory()) {
        const full = resolve(root, name);
        if (full === root || !full.startsWith(root + sep)) continue;
        candidate = full;
      } else if (basename(root) === name || root.endsWith(sep + name)) {
        candidate = root;
      }
      if (candidate && existsSync(candidate) && statSync(candidate).isFile()) {
        this.used.add(candidate);
        return readFileSync(candidate, 'utf8');
      }
    }
    throw new Error(`include ${JSON.stringify(name)}: no such partial in ${this.roots.map((r) => display(r, this.cwd)).join(', ')}`);
  }
}
