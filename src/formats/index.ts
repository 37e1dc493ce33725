/**
 * Choosing and running a format parser. The format follows the file
 * extension: `.json`, `.yaml`/`.yml`, `.toml`, `.properties`/`.props`/`.prop`,
 * `.hcl`, `.ini`, `.env` (also a file named `.env` or `.env.<something>`);
 * anything else — `.tmpl`, no extension — is read as JSON, as KrakenD does.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { DiagnosticError, error } from '../diagnostics/diagnostic.ts';
import type { FormatName, FormatParser, ParsedDocument } from './types.ts';
import { parseEnv } from './env.ts';
import { parseHcl, type HclParseOptions } from './hcl.ts';
import { parseIni } from './ini.ts';
import { parseJson } from './json.ts';
import { parseProperties } from './properties.ts';
import { parseToml } from './toml.ts';
import { parseYaml } from './yaml.ts';

export { HCL_LIST_KEYS, type HclParseOptions } from './hcl.ts';

/** Options for parsing a file: the parser options (HCL's list keys included), plus a format that overrides the extension. */
export interface FileParseOptions extends HclParseOptions {
  format?: FormatName;
}

const BY_EXTENSION: Record<string, FormatName> = {
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.toml': 'toml',
  '.tml': 'toml',
  '.properties': 'properties',
  '.props': 'properties',
  '.prop': 'properties',
  '.hcl': 'hcl',
  '.ini': 'ini',
  '.env': 'env',
  '.dotenv': 'env',
};

const PARSERS: Record<FormatName, FormatParser> = {
  json: parseJson,
  yaml: parseYaml,
  toml: parseToml,
  properties: parseProperties,
  hcl: parseHcl,
  ini: parseIni,
  env: parseEnv,
};

/** The format of `path`, from its extension (case-insensitive); JSON when unknown. */
export function formatForFile(path: string): FormatName {
  const name = basename(path).toLowerCase();
  if (name === '.env' || name.startsWith('.env.')) return 'env';
  return BY_EXTENSION[extname(name)] ?? 'json';
}

/** The parser for `format`. */
export function parserFor(format: FormatName): FormatParser {
  return PARSERS[format];
}

/** Parses `text` as the format of `file` (or `options.format`). */
export function parseFile(text: string, file: string, options: FileParseOptions = {}): ParsedDocument {
  return parserFor(options.format ?? formatForFile(file))(text, file, options);
}

/**
 * Reads `path` and parses it. A missing file is a DiagnosticError with code
 * `file-not-found`; a file that cannot be read, `file-unreadable`.
 */
export function readAndParse(path: string, options: FileParseOptions = {}): ParsedDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DiagnosticError(error('file-not-found', `file not found: ${path}`, undefined, { hint: 'check the path and the working directory' }));
    }
    if (code === 'EISDIR') {
      throw new DiagnosticError(error('file-unreadable', `${path} is a directory, not a file`));
    }
    const reason = e instanceof Error ? e.message : String(e);
    throw new DiagnosticError(error('file-unreadable', `cannot read ${path}: ${reason}`));
  }
  return parseFile(text, path, options);
}
