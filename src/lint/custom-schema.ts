/**
 * Custom schemas for `kd check --lint-schema`: read from a file or fetched
 * over HTTP(S), compiled with ajv at run time (draft-07, 2019-09 or 2020-12,
 * by their `$schema`), with their own `$ref`s loaded the same way.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv, { type AnySchemaObject, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseJson } from '../formats/json.ts';
import { requiredAlternatives, type SchemaHints } from './hints.ts';
import { extraConfigOwner } from './places.ts';

/** How long fetching a schema over the network may take. */
export const FETCH_TIMEOUT_MS = 10_000;

/** A problem with the custom schema itself (not with the configuration). */
export class SchemaProblem extends Error {
  readonly diagnostic: Diagnostic;
  constructor(message: string, where: { file?: string; line?: number; column?: number; lineText?: string } = {}, hint?: string) {
    super(message);
    this.name = 'SchemaProblem';
    const d: Diagnostic = { severity: 'error', code: 'lint/bad-schema', message };
    if (where.file !== undefined) d.file = where.file;
    if (where.line !== undefined) d.line = where.line;
    if (where.column !== undefined) d.column = where.column;
    if (where.lineText !== undefined) d.lineText = where.lineText;
    if (hint !== undefined) d.hint = hint;
    this.diagnostic = d;
  }
}

const isHttp = (s: string) => /^https?:\/\//i.test(s);

/** The absolute URL (http, https or file) a schema source names. */
export function schemaUrl(source: string, cwd: string): string {
  if (isHttp(source) || source.startsWith('file:')) return source;
  return pathToFileURL(isAbsolute(source) ? source : resolve(cwd, source)).href;
}

/** How a schema URL reads in messages: a path for files, the URL otherwise. */
function displayName(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}

function fetchProblem(url: string, e: unknown): SchemaProblem {
  const err = e as Error & { cause?: { message?: string } };
  const why = err.name === 'TimeoutError' || err.name === 'AbortError' ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : (err.cause?.message ?? err.message);
  return new SchemaProblem(`cannot fetch the schema ${url}: ${why}`, { file: url });
}

/** GETs a schema; the whole exchange, body included, must end within FETCH_TIMEOUT_MS. */
async function fetchText(url: string): Promise<string> {
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow' });
  } catch (e) {
    throw fetchProblem(url, e);
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw new SchemaProblem(`cannot fetch the schema ${url}: the server answered with HTTP status ${response.status}`, { file: url });
  }
  try {
    return await response.text();
  } catch (e) {
    throw fetchProblem(url, e);
  }
}

/** Reads a schema file or fetches a schema URL; `shown` is how messages name it. */
async function readSource(url: string, shown = displayName(url)): Promise<string> {
  if (isHttp(url)) return fetchText(url);
  const path = fileURLToPath(url);
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : err.message;
    throw new SchemaProblem(`cannot read the schema ${shown}: ${why}`, { file: path });
  }
}

/** Parses a schema text; a syntax error becomes a SchemaProblem at its line and column. */
function parseSchemaText(text: string, url: string, shown = displayName(url)): AnySchemaObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const file = displayName(url);
    try {
      parseJson(text, file);
    } catch (e) {
      const first = e instanceof DiagnosticError ? e.diagnostics[0] : undefined;
      if (first) {
        throw new SchemaProblem(`the schema ${shown} is not valid JSON: ${first.message}`, {
          file,
          ...(first.line !== undefined ? { line: first.line } : {}),
          ...(first.column !== undefined ? { column: first.column } : {}),
          ...(first.lineText !== undefined ? { lineText: first.lineText } : {}),
        });
      }
    }
    throw new SchemaProblem(`the schema ${shown} is not valid JSON`, { file });
  }
  if (value === true) return {};
  if (value === false) return { not: {} };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SchemaProblem(`the schema ${shown} is not a JSON schema: it must be an object`, { file: displayName(url) });
  }
  return value as AnySchemaObject;
}


type AjvClass = typeof Ajv.default;

function ajvFor(schema: AnySchemaObject, file: string, shown: string): AjvClass {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared === '' || declared.includes('2020-12')) return Ajv2020.default as unknown as AjvClass;
  if (declared.includes('2019-09')) return Ajv2019.default as unknown as AjvClass;
  if (declared.includes('draft-07')) return Ajv.default;
  throw new SchemaProblem(`the schema ${shown} declares ${JSON.stringify(declared)}; kd reads JSON schema draft-07, 2019-09 and 2020-12`, { file });
}

/** A compiled custom schema and what lint needs to explain its errors. */
export interface CustomSchema {
  validate: ValidateFunction;
  hints: SchemaHints;
  /** Where the schema came from (a path or a URL). */
  source: string;
}

/** Reads or fetches, parses and compiles a custom schema; throws SchemaProblem when it cannot be used. */
export async function loadCustomSchema(source: string, cwd: string = process.cwd()): Promise<CustomSchema> {
  const url = schemaUrl(source, cwd);
  const file = displayName(url);
  // Messages name the schema as the user wrote it.
  const shown = source;
  const schema = parseSchemaText(await readSource(url, shown), url, shown);
  const AjvClass = ajvFor(schema, file, shown);
  const rooted: AnySchemaObject = '$id' in schema || 'id' in schema ? schema : { ...schema, $id: url };
  const options: Options = {
    allErrors: true,
    verbose: true,
    strict: false,
    // Each referenced schema compiled once (large schemas compile much faster).
    inlineRefs: false,
    // KrakenD's own schema uses escapes only valid without the `u` flag.
    unicodeRegExp: false,
    loadSchema: async (uri: string) => parseSchemaText(await readSource(uri.split('#')[0]!), uri),
  };
  const ajv = new AjvClass(options);
  (addFormats as unknown as { default: (a: unknown) => void }).default(ajv);
  let validate: ValidateFunction;
  try {
    validate = await ajv.compileAsync(rooted);
  } catch (e) {
    if (e instanceof SchemaProblem) throw e;
    throw new SchemaProblem(`the schema ${shown} cannot be compiled: ${(e as Error).message}`, { file });
  }
  return { validate, hints: verboseHints, source: file };
}

type VerboseError = ErrorObject & { parentSchema?: Record<string, unknown>; schema?: unknown };

/** Hints read from ajv's verbose errors (the schema objects travel with them). */
export const verboseHints: SchemaHints = {
  allowedKeys(error: ErrorObject) {
    const props = (error as VerboseError).parentSchema?.properties;
    return props !== null && typeof props === 'object' ? Object.keys(props) : undefined;
  },
  alternatives(error: ErrorObject) {
    return requiredAlternatives((error as VerboseError).schema);
  },
  extraConfigOwner,
  isDuration() {
    return false;
  },
};
