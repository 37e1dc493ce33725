#!/usr/bin/env node
// Extracts every complete configuration example from the KrakenD documentation
// dump into fixtures/docs-examples/, one file each, and records in
// fixtures/docs-examples/manifest.json the verdict the official KrakenD schema
// gives on it. The official schema is only an oracle here: kd never ships it.
//
// A complete example is a ```json block that parses as JSON and has
// `"version": 3` at its root. Blocks that do not parse (fragments, `...`,
// template actions) are skipped; Hugo shortcodes the docs site replaces when
// it renders a page (`{{< product minor_version >}}`) are replaced the same way
// first, and a block that still holds template syntax is skipped.
//
// Usage: node scripts/extract-doc-examples.mjs [--docs FILE] [--schema FILE]
// Deterministic: the same inputs always give byte-identical output.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2019 from 'ajv/dist/2019.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.KD_SHARED ?? join(root, '..', 'shared');
const SCHEMA_MINOR = '2.13';

/** What the docs site puts in place of the shortcodes found inside JSON blocks. */
const SHORTCODES = {
  'product minor_version': SCHEMA_MINOR,
  'product latest_version': `${SCHEMA_MINOR}.8`,
  'product image': 'krakend/krakend-ee',
};

function argument(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function defaultDocs() {
  const dir = join(SHARED, 'seeds');
  const file = readdirSync(dir).filter((f) => f.startsWith('004_')).sort()[0];
  if (!file) throw new Error(`no 004_*.txt documentation dump in ${dir}`);
  return join(dir, file);
}

/** `https://www.krakend.io/docs/enterprise/endpoints/wildcard/` → `enterprise-endpoints-wildcard`. */
function pageSlug(url) {
  const path = url.replace(/^https?:\/\/[^/]+/, '').replace(/^\/docs\//, '').replace(/\/+$/, '');
  return (path || 'index').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}

function replaceShortcodes(text) {
  return text.replace(/\{\{<\s*([^>]*?)\s*>\}\}/g, (whole, inner) => SHORTCODES[inner.replace(/\s+/g, ' ')] ?? whole);
}

/** Yields every fenced code block with its page and the line it starts on. */
function* codeBlocks(text) {
  const lines = text.split('\n');
  let page = { title: '', url: '' };
  let open = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (open === null) {
      const heading = /^# \[(.*)\]\((\S+?)\)/.exec(line);
      if (heading) {
        page = { title: heading[1], url: heading[2] };
        continue;
      }
      const fence = /^\s*```\s*([\w+-]*)/.exec(line);
      if (fence) open = { lang: fence[1].toLowerCase(), start: i + 2, body: [] };
    } else if (/^\s*```\s*$/.test(line)) {
      yield { page, lang: open.lang, line: open.start, source: open.body.join('\n') };
      open = null;
    } else {
      open.body.push(line);
    }
  }
}

export function extractExamples(docsText) {
  const examples = [];
  const perPage = new Map();
  for (const block of codeBlocks(docsText)) {
    if (block.lang !== 'json') continue;
    const source = replaceShortcodes(block.source);
    if (source.includes('{{') || source.includes('}}')) continue;
    let value;
    try {
      value = JSON.parse(source);
    } catch {
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value) || value.version !== 3) continue;
    const slug = pageSlug(block.page.url);
    const index = (perPage.get(slug) ?? 0) + 1;
    perPage.set(slug, index);
    examples.push({ file: `${slug}-${index}.json`, page: block.page.title, url: block.page.url, line: block.line, value });
  }
  return examples;
}

export function officialValidator(schemaFile) {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  // The official patterns use escapes that are only valid without the `u` flag.
  const ajv = new Ajv2019.default({ allErrors: false, strict: false, unicodeRegExp: false });
  return ajv.compile(schema);
}

function main() {
  const docsFile = argument('--docs', defaultDocs());
  const schemaFile = argument('--schema', join(SHARED, 'reference', `krakend-schema-v${SCHEMA_MINOR}`, 'krakend.json'));
  const out = join(root, 'fixtures', 'docs-examples');
  const validate = officialValidator(schemaFile);
  const examples = extractExamples(readFileSync(docsFile, 'utf8'));

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const manifest = [];
  for (const ex of examples) {
    writeFileSync(join(out, ex.file), JSON.stringify(ex.value, null, 2) + '\n');
    const ok = validate(ex.value);
    const entry = { file: ex.file, page: ex.page, url: ex.url, docsLine: ex.line, verdict: ok ? 'pass' : 'fail' };
    if (!ok) {
      const first = validate.errors[0];
      entry.instancePath = first.instancePath;
      entry.keyword = first.keyword;
    }
    manifest.push(entry);
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const fails = manifest.filter((m) => m.verdict === 'fail').length;
  process.stdout.write(`${manifest.length} examples written to ${out} (${manifest.length - fails} pass, ${fails} fail)\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
