/**
 * How Go values are represented while a template runs. Both the executor and
 * the function library (Sprig, KrakenD extras) follow these rules, so a value
 * produced by one is understood by the other.
 *
 *   Go                          JS
 *   ------------------------    ------------------------------------------------
 *   string                      string
 *   bool                        boolean
 *   float64                     number            (every JSON number)
 *   int                         bigint            (integer constants, len, atoi, int …)
 *   int64, int32, uint8, …      GoInt             (kind + bigint; Sprig math returns int64)
 *   []T                         Array             (`goListType` marks a typed list, e.g. []string)
 *   map[string]T                plain object      (null-prototype or Object; keys iterate sorted where Go sorts)
 *   nil                         null
 *   "no value" (missing key)    undefined
 *   time.Time, error, …         objects implementing GoValue
 *
 * Go's type rules matter because users see them: a function parameter typed
 * `int` rejects a float64 from JSON data and an int64 from `add`; `eq` on a
 * float64 and an int constant is an error.
 */

export type IntKind = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';

/** An integer of a kind other than plain `int` (plain `int` is a bare bigint). */
export class GoInt {
  constructor(
    readonly kind: Exclude<IntKind, 'int'>,
    readonly value: bigint,
  ) {}
}

/** Objects that are Go values of a named type (time.Time, time.Duration, errors, …). */
export interface GoValue {
  /** Go type name as `%T` prints it, e.g. `time.Time`. */
  goType(): string;
  /** Text of `%v` / `print` (Go's String() or Error() method). */
  goString(): string;
}

export function isGoValue(v: unknown): v is GoValue {
  return typeof v === 'object' && v !== null && typeof (v as GoValue).goType === 'function' && typeof (v as GoValue).goString === 'function';
}

/** Element type of a typed list (absent = []interface {}). */
export const goListType: unique symbol = Symbol.for('kd.go.listType');

export type GoList = unknown[] & { [goListType]?: string };

/** Marks `arr` as a Go slice of `elem` (e.g. 'string' for []string) and returns it. */
export function typedList<T extends unknown[]>(arr: T, elem: string): T {
  Object.defineProperty(arr, goListType, { value: elem, enumerable: false });
  return arr;
}

export const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof GoInt) &&
  !(v instanceof GoComplex) &&
  !isGoValue(v) &&
  !(v instanceof Uint8Array);

/** Element type of a typed map (absent = map[string]interface {}), e.g. 'string' for split's results. */
export const goMapType: unique symbol = Symbol.for('kd.go.mapType');

/** A complex128 value (only produced by complex constants such as `1+2i`). */
export class GoComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}

/**
 * Optional members a GoValue may implement so templates can use it like the
 * Go value it stands for.
 */
export interface GoValueExtras {
  /** Go truth (`if`, `and`, `not`): structs are always true; a named integer type such as time.Duration is false when zero. */
  goTruth?(): boolean;
  /** `.Name` on the value: a struct field or a method without arguments. Returns undefined when there is no such field. */
  goField?(name: string): { value: unknown } | undefined;
  /** `.Name arg…` on the value: a method taking arguments, declared like a template function. */
  goMethod?(name: string): import('./function.ts').GoFunction | undefined;
}
