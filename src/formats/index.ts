/**
 * Choosing and running a format parser. The format follows the file
 * extension: `.json`, `.yaml`/`.yml`, `.toml`, `.properties`/`.props`/`.prop`,
 * `.hcl`, `.ini`, `.env` (also a file named `.env` or `.env.<something>`);
 * anything else — `.tmpl`, no extension — is read as JSON, as KrakenD does.
 */
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

import { formatForFile, readText } from './read.ts';

export { formatForFile, readText };

const PARSERS: Record<FormatName, FormatParser> = {
  json: parseJson,
  yaml: parseYaml,
  toml: parseToml,
  properties: parseProperties,
  hcl: parseHcl,
  ini: parseIni,
  env: parseEnv,
};

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
  return parseFile(readText(path), path, options);
}
