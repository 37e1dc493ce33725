// Compiles kd's JSON schema (schema/) ahead of time into a standalone
// validator, so `kd check --lint` never compiles a schema at run time.
//
// Writes src/lint/generated/:
//   validate.mjs       validateConfig (krakend.json) and validateFlexibleConfig
//                      (flexible_config.json), with every error reported (allErrors)
//   schema-bundle.mjs  the schema files without their descriptions (as JSON text),
//                      for turning errors into messages (allowed keys, alternatives, levels)
//   *.d.mts            their types
//
// The standalone code ajv produces is trimmed before minifying: error objects
// keep schemaPath only where it names a branch of anyOf/oneOf (the only place
// lint reads it), the per-error bookkeeping becomes one function call, $ref
// calls stop passing parentData/rootData (no $data in the schema), enum lists
// and property names are kept instead of whole schema objects, and ajv's
// CommonJS run-time functions are replaced by small inline ones. Everything
// else is ajv's own output.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { transform } from 'esbuild';

const ANNOTATIONS = new Set(['$schema', 'description', 'title', 'examples', '$comment', 'default']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames']);
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf']);

/** A copy of `schema` without annotations (keys of `properties` maps are data and kept). */
export function stripAnnotations(schema) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (SCHEMA_MAPS.has(key)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, stripAnnotations(sub)]));
    else if (SCHEMA_VALUES.has(key)) out[key] = Array.isArray(value) ? value.map(stripAnnotations) : stripAnnotations(value);
    else if (SCHEMA_LISTS.has(key)) out[key] = value.map(stripAnnotations);
    else out[key] = value;
  }
  return out;
}

/** Every schema file under `dir`, keyed by its path relative to `dir` (with `/`). */
export function readSchemaFiles(dir) {
  const files = {};
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) {
        const id = relative(dir, full).split(sep).join('/');
        try {
          files[id] = JSON.parse(readFileSync(full, 'utf8'));
        } catch (e) {
          throw new Error(`schema/${id}: ${e.message}`);
        }
      }
    }
  };
  walk(dir);
  return files;
}

/** An ajv instance holding every kd schema file under its relative path as $id. */
export function schemaAjv(files, options = {}) {
  const ajv = new Ajv({
    allErrors: true,
    messages: false,
    inlineRefs: false,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    ...options,
  });
  for (const [id, schema] of Object.entries(files)) ajv.addSchema({ ...stripAnnotations(schema), $id: id });
  return ajv;
}

/**
 * Inline replacements for ajv's CommonJS run-time functions (importing
 * CommonJS from an ES module costs several milliseconds at start-up).
 */
const RUNTIME = {
  'ajv/dist/runtime/ucs2length': `{ default(text) {
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      count++;
      const code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
    }
    return count;
  } }`,
  'ajv/dist/runtime/equal': `(() => {
    const equal = (a, b) => {
      if (a === b) return true;
      if (a && b && typeof a === 'object' && typeof b === 'object') {
        if (Array.isArray(a) !== Array.isArray(b)) return false;
        if (Array.isArray(a)) {
          if (a.length !== b.length) return false;
          for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
          return true;
        }
        const keys = Object.keys(a);
        if (keys.length !== Object.keys(b).length) return false;
        return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && equal(a[key], b[key]));
      }
      return a !== a && b !== b;
    };
    return { default: equal };
  })()`,
};

const BRANCH = /(anyOf|oneOf|allOf)(\/|$)/;
const ERROR_LITERAL = /^\{instancePath(?::(.*?))?,(?:schemaPath:("(?:[^"\\]|\\.)*"),)?keyword:("\w+"),params:(\{.*\})\}$/;

/** The end (exclusive) of the JSON value starting at `start` in `text`. */
function jsonEnd(text, start) {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error('unterminated schema constant in the generated validator');
}

/**
 * ajv keeps whole schema objects in the generated module to read enum lists and
 * property names from them at run time. Replace each such read by a constant
 * holding just that piece (property names only, for own-property checks), so
 * the schema objects themselves are not part of the module.
 */
function inlineSchemaReads(code) {
  const values = new Map();
  let out = '';
  let at = 0;
  const decl = /const (schema\d+) = /g;
  for (let m; (m = decl.exec(code)); ) {
    const start = m.index + m[0].length;
    const end = jsonEnd(code, start);
    values.set(m[1], JSON.parse(code.slice(start, end)));
    out += code.slice(at, m.index);
    at = end + 1; // the `;`
    decl.lastIndex = end;
  }
  out += code.slice(at);
  const hoisted = new Map();
  const constant = (literal) => {
    if (!hoisted.has(literal)) hoisted.set(literal, `schemaValue${hoisted.size}`);
    return hoisted.get(literal);
  };
  out = out.replace(/(\.call\()?\b(schema\d+)((?:\.[\w$]+|\["(?:[^"\\]|\\.)*"\]|\[\d+\])*)/g, (whole, call, name, chain) => {
    if (!values.has(name)) return whole;
    let value = values.get(name);
    for (const [, prop, quoted, index] of chain.matchAll(/\.([\w$]+)|\[("(?:[^"\\]|\\.)*")\]|\[(\d+)\]/g)) {
      value = value?.[prop ?? (quoted !== undefined ? JSON.parse(quoted) : Number(index))];
    }
    if (value === undefined) throw new Error(`cannot resolve ${name}${chain} in the generated validator`);
    if (call) return call + constant(JSON.stringify(Object.fromEntries(Object.keys(value).map((k) => [k, true]))));
    return constant(JSON.stringify(value));
  });
  const declarations = [...hoisted].map(([literal, id]) => `const ${id} = ${literal};`).join('');
  return out.replace(/^"use strict";/, `"use strict";${declarations}`);
}

/** Shrinks ajv's standalone output without changing what it validates. */
export function trimStandalone(code) {
  let out = inlineSchemaReads(code);
  // Each error is built and recorded by one function call instead of an object
  // literal and the same four statements; schemaPath is kept only inside
  // anyOf/oneOf/allOf, the only place lint reads it.
  out = out.replace(
    /const (err\d+) = (\{instancePath.*?\});if\(vErrors === null\)\{vErrors = \[\1\];\}else \{vErrors\.push\(\1\);\}errors\+\+;/g,
    (_whole, _name, literal) => {
      const m = ERROR_LITERAL.exec(literal);
      if (!m) throw new Error(`unexpected error object in the generated validator: ${literal}`);
      const [, path = 'instancePath', schemaPath, keyword, params] = m;
      const args = schemaPath !== undefined && BRANCH.test(JSON.parse(schemaPath)) ? `${path}, ${keyword}, ${params}, ${schemaPath}` : `${path}, ${keyword}, ${params}`;
      return `vErrors = addError(vErrors, ${args});errors++;`;
    },
  );
  if (/schemaPath:/.test(out)) {
    // An error literal left unconverted would mean ajv's output changed shape.
    const left = out.match(/.{0,80}schemaPath:.{0,80}/);
    throw new Error(`an error object escaped conversion: ${left?.[0]}`);
  }
  // $ref calls: no $data in the schema, so parentData and rootData are unused.
  out = out.replace(/,parentData:[\w$]+,parentDataProperty:(?:"(?:[^"\\]|\\.)*"|[\w$]+),rootData\}/g, '}');
  // ajv's run-time functions are CommonJS: use the inline replacements above.
  const used = new Map();
  out = out.replace(/require\("(ajv\/dist\/runtime\/[\w-]+)"\)/g, (_whole, mod) => {
    if (!RUNTIME[mod]) throw new Error(`no inline replacement for ${mod}`);
    if (!used.has(mod)) used.set(mod, `runtime${used.size}`);
    return used.get(mod);
  });
  if (/\brequire\(/.test(out)) throw new Error('the generated validator still calls require()');
  const runtime = [...used].map(([mod, name]) => `const ${name} = ${RUNTIME[mod]};`).join('\n');
  const addError =
    'function addError(list, instancePath, keyword, params, schemaPath) {' +
    ' const error = schemaPath === undefined ? { instancePath, keyword, params } : { instancePath, schemaPath, keyword, params };' +
    ' if (list === null) return [error]; list.push(error); return list; }';
  return out.replace(/^"use strict";/, `${runtime}\n${addError}\n`);
}

const VALIDATE_TYPES = `import type { ErrorObject } from 'ajv';

/** A precompiled ajv validator: returns true when valid, else sets \`errors\`. */
export interface PrecompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Validates a configuration against schema/krakend.json. */
export declare const validateConfig: PrecompiledValidator;
/** Validates a flexible_config.json against schema/flexible_config.json. */
export declare const validateFlexibleConfig: PrecompiledValidator;
`;

const BUNDLE_TYPES = `/** kd's schema files without descriptions, as JSON text of an object keyed by their path under schema/. */
declare const schemaBundleJson: string;
export default schemaBundleJson;
`;

export default async function generateValidator({ root }) {
  const schemaDir = join(root, 'schema');
  const outDir = join(root, 'src', 'lint', 'generated');
  const files = readSchemaFiles(schemaDir);
  const ajv = schemaAjv(files, { code: { source: true, esm: true, optimize: true } });
  for (const id of ['krakend.json', 'flexible_config.json']) {
    if (!ajv.getSchema(id)) throw new Error(`schema/${id} did not compile`);
  }
  const raw = standaloneCode(ajv, { validateConfig: 'krakend.json', validateFlexibleConfig: 'flexible_config.json' });
  const trimmed = trimStandalone(raw);
  const { code } = await transform(trimmed, { minify: true, format: 'esm', target: 'node20', legalComments: 'none' });

  const bundle = Object.fromEntries(Object.entries(files).map(([id, schema]) => [id, stripAnnotations(schema)]));
  // Kept as text: it is parsed only when a configuration has errors to explain.
  const bundleCode = `export default ${JSON.stringify(JSON.stringify(bundle))};\n`;

  mkdirSync(outDir, { recursive: true });
  const banner = '// Generated by scripts/gen-validator.mjs from schema/. Do not edit.\n';
  writeIfChanged(join(outDir, 'validate.mjs'), banner + code);
  writeIfChanged(join(outDir, 'validate.d.mts'), banner + VALIDATE_TYPES);
  writeIfChanged(join(outDir, 'schema-bundle.mjs'), banner + bundleCode);
  writeIfChanged(join(outDir, 'schema-bundle.d.mts'), banner + BUNDLE_TYPES);
}

/** Writes `text` unless the file already holds it (so watchers see no change). */
function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await generateValidator({ root: join(dirname(fileURLToPath(import.meta.url)), '..') });
}
