/**
 * `kd template FILE --data DATA.json [--templates DIR] [--partials DIR]`:
 * renders one Go template the way KrakenD's flexible configuration does,
 * for debugging templates. The template is named after its file's base
 * name; every `*.tmpl` directly under --templates is available to
 * `{{ template "name.tmpl" . }}`; the data is decoded as Go decodes JSON;
 * the functions are Sprig's plus `marshal` and `include` (from --partials).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TemplateError, TemplateSet } from '../template/go/index.ts';
import type { FunctionMap } from '../template/go/function.ts';
import { flexibleFunctions } from '../template/sprig/index.ts';
import { EXIT_FAIL, EXIT_OK, UsageError } from './exit.ts';

export interface TemplateOptions {
  data?: string;
  templates?: string;
  partials?: string;
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'not a directory';
  if (code === 'EACCES') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
}

function requireDirectory(path: string, flag: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw new UsageError(`${flag} ${path}: ${reason(e)}`);
  }
  if (!isDir) throw new UsageError(`${flag} ${path}: not a directory`);
}

/** Line and column (1-based) of a UTF-16 offset in text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Decodes JSON as Go's encoding/json decodes into interface{}: numbers are float64, objects are maps. */
function readData(path: string): unknown {
  const text = readText(path, 'data file');
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const where = at === null ? path : `${path}:${lineColumn(text, Number(at[1])).line}:${lineColumn(text, Number(at[1])).column}`;
    throw new UsageError(`${where}: invalid JSON data: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

/** The `*.tmpl` files directly inside dir, in name order (as Go's Glob returns them). */
function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name.endsWith('.tmpl') && (entry.isFile() || (entry.isSymbolicLink() && statSync(join(dir, entry.name)).isFile())))
    .map((entry) => entry.name)
    .sort();
}

/** The functions of KrakenD's flexible configuration: Sprig, `marshal`, and `include` reading from --partials. */
function templateFunctions(partialsDir: string | undefined): FunctionMap {
  return flexibleFunctions(partialsDir === undefined ? {} : { partialsDir });
}

function describeError(e: TemplateError, fallbackFile: string): string {
  const file = e.file ?? fallbackFile;
  if (e.line > 0 && e.column > 0) return `${file}:${e.line}:${e.column}: ${e.message}`;
  if (e.line > 0) return `${file}:${e.line}: ${e.message}`;
  return `${file}: ${e.message}`;
}

/** Runs `kd template`; returns the exit code. */
export async function runTemplate(file: string, opts: TemplateOptions): Promise<number> {
  const source = readText(file, 'template');
  const data = opts.data === undefined ? null : readData(opts.data);
  if (opts.templates !== undefined) requireDirectory(opts.templates, '--templates');
  if (opts.partials !== undefined) requireDirectory(opts.partials, '--partials');

  const set = new TemplateSet({ funcs: templateFunctions(opts.partials) });
  const name = basename(file);
  try {
    set.parse(name, source, file);
    if (opts.templates !== undefined) {
      for (const sub of templateFiles(opts.templates)) {
        const path = join(opts.templates, sub);
        set.parse(sub, readText(path, 'template'), path);
      }
    }
    const { text } = set.execute(name, data);
    process.stdout.write(text);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof TemplateError) {
      process.stderr.write(describeError(e, file) + '\n');
      return EXIT_FAIL;
    }
    throw e;
  }
}
