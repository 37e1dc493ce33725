/**
 * Reading a config file and telling its format, without loading any parser:
 * commands load only the parser the file needs (see `readAndParseLazily`).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { DiagnosticError, error } from '../diagnostics/diagnostic.ts';
import type { FormatName, FormatParser, ParsedDocument, ParseOptions } from './types.ts';

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

/** The format of `path`, from its extension (case-insensitive); JSON when unknown. */
export function formatForFile(path: string): FormatName {
  const name = basename(path).toLowerCase();
  if (name === '.env' || name.startsWith('.env.')) return 'env';
  return BY_EXTENSION[extname(name)] ?? 'json';
}

/** The text of `path`; a missing file is `file-not-found`, an unreadable one `file-unreadable`. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
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
}

/** Loads only the parser module `format` needs. */
export async function loadParser(format: FormatName): Promise<FormatParser> {
  switch (format) {
    case 'json':
      return (await import('./json-deferred.ts')).parseJsonDeferred;
    case 'yaml':
      return (await import('./yaml.ts')).parseYaml;
    case 'toml':
      return (await import('./toml.ts')).parseToml;
    case 'properties':
      return (await import('./properties.ts')).parseProperties;
    case 'hcl':
      return (await import('./hcl.ts')).parseHcl;
    case 'ini':
      return (await import('./ini.ts')).parseIni;
    case 'env':
      return (await import('./env.ts')).parseEnv;
  }
}

/** Reads and parses `path`, loading only its format's parser. */
export async function readAndParseLazily(path: string, options: ParseOptions = {}): Promise<ParsedDocument> {
  const parse = await loadParser(formatForFile(path));
  return parse(readText(path), path, options);
}
