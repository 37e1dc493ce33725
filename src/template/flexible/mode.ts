/**
 * Which flexible-configuration flavour applies, from the environment and the
 * working directory:
 * - extended: a `flexible_config.json` in the working directory, or the file
 *   FC_CONFIG names (no other variable needed);
 * - open: FC_ENABLE set to anything non-empty, with FC_SETTINGS,
 *   FC_TEMPLATES, FC_PARTIALS and FC_OUT;
 * - none: the -c file is read as it is.
 * When both are present the extended flavour wins, as it needs none of the
 * FC_* variables.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DiagnosticError, error } from '../../diagnostics/diagnostic.ts';
import { parseJson } from '../../formats/json.ts';
import { locate, type LocationMap } from '../../formats/types.ts';

export interface OpenFlavour {
  kind: 'open';
  settingsDir?: string;
  templatesDir?: string;
  partialsDir?: string;
  out?: string;
}

export interface ExtendedFlavour {
  kind: 'extended';
  /** Absolute path of the behaviour file. */
  configFile: string;
  settings: { paths: string[]; allowOverwrite: boolean; dirFieldPrefix: string; allowedSuffixes: string[] };
  partials: { paths: string[] };
  templates: { paths: string[] };
  metaKey: string;
  out: string;
  debug: boolean;
  refKey: string;
  /** The behaviour file as written (exposed to templates under the meta key). */
  raw: Record<string, unknown>;
  locations: LocationMap;
}

export type Flavour = { kind: 'none' } | OpenFlavour | ExtendedFlavour;

export const DEFAULT_SETTINGS_SUFFIXES = ['.yaml', '.yml', '.json', '.toml', '.tml', '.ini', '.dotenv', '.env', '.properties', '.prop', '.props'];

function strings(raw: unknown, pointer: string, locations: LocationMap, file: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || !raw.every((x) => typeof x === 'string')) {
    throw new DiagnosticError(error('flexible-config', `${pointer.slice(1).replace(/\//g, '.')} must be a list of strings`, locate(locations, pointer) ?? { file, line: 1, column: 1 }));
  }
  return raw as string[];
}

function readBehaviourFile(file: string, cwd: string): ExtendedFlavour {
  const doc = parseJson(readFileSync(file, 'utf8'), file);
  const raw = doc.value;
  const where = (p: string) => locate(doc.locations, p) ?? { file, line: 1, column: 1 };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DiagnosticError(error('flexible-config', 'flexible_config.json must contain an object', where('')));
  }
  const o = raw as Record<string, unknown>;
  const section = (name: string): Record<string, unknown> => {
    const v = o[name];
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) throw new DiagnosticError(error('flexible-config', `"${name}" must be an object`, where(`/${name}`)));
    return v as Record<string, unknown>;
  };
  const str = (v: unknown, p: string, fallback: string): string => {
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string') throw new DiagnosticError(error('flexible-config', `${p.slice(1).replace(/\//g, '.')} must be a string`, where(p)));
    return v;
  };
  const bool = (v: unknown, p: string): boolean => {
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') throw new DiagnosticError(error('flexible-config', `${p.slice(1).replace(/\//g, '.')} must be true or false`, where(p)));
    return v;
  };
  const settings = section('settings');
  const partials = section('partials');
  const templates = section('templates');
  const abs = (paths: string[]) => paths.map((p) => resolve(cwd, p));
  const suffixes = settings.allowed_suffixes === undefined ? DEFAULT_SETTINGS_SUFFIXES : strings(settings.allowed_suffixes, '/settings/allowed_suffixes', doc.locations, file);
  return {
    kind: 'extended',
    configFile: file,
    settings: {
      paths: abs(strings(settings.paths, '/settings/paths', doc.locations, file)),
      allowOverwrite: bool(settings.allow_overwrite, '/settings/allow_overwrite'),
      dirFieldPrefix: str(settings.dir_field_prefix, '/settings/dir_field_prefix', ''),
      allowedSuffixes: suffixes,
    },
    partials: { paths: abs(strings(partials.paths, '/partials/paths', doc.locations, file)) },
    templates: { paths: abs(strings(templates.paths, '/templates/paths', doc.locations, file)) },
    metaKey: str(o.meta_key, '/meta_key', 'meta') || 'meta',
    out: str(o.out, '/out', ''),
    debug: bool(o.debug, '/debug'),
    refKey: str(o.ref_key, '/ref_key', '$ref') || '$ref',
    raw: o,
    locations: doc.locations,
  };
}

/** Decides the flavour; throws DiagnosticError when the behaviour file is broken or FC_CONFIG names a missing file. */
export function detectFlavour(env: NodeJS.ProcessEnv, cwd: string): Flavour {
  const named = env.FC_CONFIG;
  if (named !== undefined && named !== '') {
    const file = resolve(cwd, named);
    if (!existsSync(file)) {
      throw new DiagnosticError(error('flexible-config', `FC_CONFIG names ${named}, which does not exist`, undefined, { hint: 'unset FC_CONFIG or point it at your flexible_config.json' }));
    }
    return readBehaviourFile(file, cwd);
  }
  const implicit = resolve(cwd, 'flexible_config.json');
  if (existsSync(implicit)) return readBehaviourFile(implicit, cwd);
  if (env.FC_ENABLE !== undefined && env.FC_ENABLE !== '') {
    const dir = (v: string | undefined) => (v === undefined || v === '' ? undefined : resolve(cwd, v));
    return {
      kind: 'open',
      settingsDir: dir(env.FC_SETTINGS),
      templatesDir: dir(env.FC_TEMPLATES),
      partialsDir: dir(env.FC_PARTIALS),
      out: dir(env.FC_OUT),
    };
  }
  return { kind: 'none' };
}
