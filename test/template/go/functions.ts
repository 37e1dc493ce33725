// Typed functions used by the case table to exercise Go's argument checks.
// Each mirrors a Go function with the same signature.
import { GoCallError, type FunctionMap } from '../../../src/template/go/function.ts';
import { GoInt, typedList } from '../../../src/template/go/values.ts';

function toInt64(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoInt) return v.value;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  return 0n;
}

/** Test functions and their Go signatures. */
export const testFunctions: FunctionMap = {
  // func(count int, s string) string
  repeat: { params: ['int', 'string'], fn: (n: bigint, s: string) => s.repeat(Number(n)) },
  // func(s string) string
  upper: { params: ['string'], fn: (s: string) => s.toUpperCase() },
  // func(f float64) float64
  half: { params: ['float64'], fn: (f: number) => f / 2 },
  // func(a, b interface{}) int64
  add64: { params: ['any', 'any'], fn: (a: unknown, b: unknown) => new GoInt('int64', toInt64(a) + toInt64(b)) },
  // func(a int64) int64
  want64: { params: ['int64'], fn: (a: GoInt) => new GoInt('int64', a.value * 2n) },
  // func(b bool) bool
  neg: { params: ['bool'], fn: (b: boolean) => !b },
  // func(l []interface{}) interface{}
  first: { params: ['list'], fn: (l: unknown[] | null) => (l === null || l.length === 0 ? null : l[0]) },
  // func(l []string) string
  joinS: { params: ['strings'], fn: (l: string[] | null) => (l ?? []).join(',') },
  // func(m map[string]interface{}) int
  keysOf: { params: ['map'], fn: (m: Record<string, unknown> | null) => BigInt(Object.keys(m ?? {}).length) },
  // func(msg string) (string, error)
  fail: {
    params: ['string'],
    fn: (msg: string) => {
      throw new GoCallError(msg);
    },
  },
  // func(s string) []string
  splitS: { params: ['string'], fn: (s: string) => typedList(s.split(','), 'string') },
  // func() interface{}
  nothing: { params: [], fn: () => null },
  // func(base int, rest ...int) int
  varsum: { params: ['int'], variadic: 'int', fn: (base: bigint, ...rest: bigint[]) => rest.reduce((a, b) => a + b, base) },
  // func() func(a, b int) int
  mkfn: { params: [], fn: () => ({ params: ['int', 'int'], fn: (a: bigint, b: bigint) => a + b }) },
};
