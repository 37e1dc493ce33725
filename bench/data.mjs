#!/usr/bin/env node
// Micro-benchmark of the response-data layer: decode + transform + encode of a
// realistic ~2 KB backend body, and each step against the obvious alternative
// (JSON.parse; JSON.stringify with sorted keys). Run: node bench/data.mjs
// Settings: DATA_BENCH_MS (time per measurement, default 400), DATA_BENCH_ROUNDS (default 5).
import { build, transform } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MS = Number(process.env.DATA_BENCH_MS ?? 400);
const ROUNDS = Number(process.env.DATA_BENCH_ROUNDS ?? 5);

// Bundle the TypeScript sources (runtime + code generator) the way `kd build` bundles the gateway.
const dir = mkdtempSync(join(tmpdir(), 'kd-data-bench-'));
const entry = `
export * as rt from ${JSON.stringify(join(root, 'src/runtime/data/index.ts'))};
export { generateBackendTransform, generateEndpointFlatmap } from ${JSON.stringify(join(root, 'src/codegen/data/index.ts'))};
export { name } from ${JSON.stringify(join(root, 'src/codegen/emit.ts'))};
`;
await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: join(dir, 'data.mjs'), logLevel: 'warning' });
const { rt, generateBackendTransform, generateEndpointFlatmap, name } = await import(pathToFileURL(join(dir, 'data.mjs')).href);
rmSync(dir, { recursive: true, force: true });

async function compile(code, fn) {
  const js = (await transform(code.text, { loader: 'ts' })).code;
  return new Function('rt', `${js}\nreturn ${fn};`)(rt);
}

// A realistic order-service response (~2 KB): nested objects, arrays, prices, ids, text.
const item = (i) => ({
  sku: `SKU-${1000 + i}`,
  name: `Wireless headphones model ${i} – noise cancelling`,
  price: 59.99 + i,
  quantity: (i % 3) + 1,
  tags: ['audio', 'bluetooth', i % 2 ? 'sale' : 'new'],
  dimensions: { w: 18.5, h: 20.25, d: 8 },
});
const order = {
  id: 918273645,
  status: 'shipped',
  created_at: '2024-05-14T09:31:22Z',
  customer: { id: 44721, name: 'Ana García', email: 'ana@example.com', vip: true, address: { street: 'Calle Mayor 1', city: 'Madrid', zip: '28013', country: 'ES' } },
  items: [0, 1, 2, 3, 4].map(item),
  totals: { subtotal: 314.95, shipping: 4.99, tax: 66.14, total: 386.08, currency: 'EUR' },
  notes: 'Leave at the door <please> & ring twice',
  tracking: { carrier: 'UPS', code: '1Z999AA10123456784', events: [{ at: '2024-05-15T08:00:00Z', where: 'Madrid' }, { at: '2024-05-16T10:12:00Z', where: 'Barcelona' }] },
  internal: { warehouse: 'MAD-2', picker: 1043, audit: { checked: true } },
};
const bodyText = JSON.stringify(order);
const body = Buffer.from(bodyText);
const exactBody = Buffer.from(bodyText.replace('"shipping":4.99', '"shipping":4.990'));

const transformFn = await compile(
  generateBackendTransform(name('orderTransform'), {
    target: '',
    allow: ['id', 'status', 'customer.name', 'customer.address.city', 'items', 'totals'],
    deny: [],
    mapping: { totals: 'summary' },
    group: 'order',
  }),
  'orderTransform',
);
const flatmapFn = await compile(
  generateEndpointFlatmap(name('orderFlatmap'), [
    { type: 'del', args: ['internal', 'items.*.dimensions'] },
    { type: 'move', args: ['items.*.sku', 'items.*.code'] },
    { type: 'move', args: ['customer.address.city', 'city'] },
  ]),
  'orderFlatmap',
);

function sortDeep(v) {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep(v[k]);
    return out;
  }
  return v;
}
const HTML = /[<>&\u2028\u2029]/g;
const esc = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };
const stringifySorted = (v) => JSON.stringify(sortDeep(v)).replace(HTML, (c) => esc[c]);

const decoded = rt.decodeJson(body);
const clone = () => JSON.parse(bodyText);
if (rt.encodeJson(decoded) !== stringifySorted(JSON.parse(bodyText))) throw new Error('encoders disagree');

const cases = {
  'JSON.parse (baseline)': () => JSON.parse(body.toString('utf8')),
  'decodeJson (common case)': () => rt.decodeJson(body),
  'decodeJson (exact-number path)': () => rt.decodeJson(exactBody),
  'JSON.stringify + sorted keys + escapes (baseline)': () => stringifySorted(decoded),
  'encodeJson': () => rt.encodeJson(decoded),
  'generated allow/mapping/group (input not mutated)': () => transformFn(decoded),
  'JSON.parse copy + generated flatmap (mutates)': () => flatmapFn(clone()),
  'decode + allow/mapping/group + encode': () => rt.encodeJson(transformFn(rt.decodeJson(body))),
  'decode + flatmap + encode': () => rt.encodeJson(flatmapFn(rt.decodeJson(body))),
};

let sink = 0;
function measure(fn) {
  const end = performance.now() + MS;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) {
      const r = fn();
      if (r !== null && r !== undefined) sink++;
    }
    n += 100;
  }
  return (n * 1000) / MS;
}

console.log(`body: ${body.length} bytes; ${ROUNDS} interleaved rounds × ${MS} ms; node ${process.version}`);
for (const fn of Object.values(cases)) measure(fn); // warm-up
const results = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) for (const [k, fn] of Object.entries(cases)) results[k].push(measure(fn));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const width = Math.max(...Object.keys(cases).map((k) => k.length));
for (const [k, xs] of Object.entries(results)) {
  const m = median(xs);
  console.log(`${k.padEnd(width)}  ${Math.round(m).toLocaleString('en-US').padStart(10)} ops/s  ${(1e6 / m).toFixed(2).padStart(8)} µs/op`);
}
const ratio = (a, b) => (median(results[a]) / median(results[b])).toFixed(2);
console.log(`\ndecodeJson / JSON.parse: ${ratio('decodeJson (common case)', 'JSON.parse (baseline)')}×`);
console.log(`encodeJson / (JSON.stringify + sorted keys): ${ratio('encodeJson', 'JSON.stringify + sorted keys + escapes (baseline)')}×`);
if (sink < 0) console.log(sink);
