/**
 * How a function is made available to templates. A Go template function has a
 * typed signature, and text/template checks and converts each argument against
 * it before calling (an untyped constant `3` fits an `int` parameter, a float64
 * from JSON does not). Declaring the signature here lets the executor do the
 * same checks and print the same errors.
 */

/**
 * Parameter types as Go declares them.
 * - 'any'      interface{}: anything, including nil and "no value"
 * - 'string'   string (an untyped string constant or a string value)
 * - 'int' | 'int64' | 'float64' | 'bool': exact Go kinds (constants convert as Go converts them)
 * - 'list'     []interface{}   - 'strings' []string   - 'map' map[string]interface{}
 * - 'time'     time.Time value
 */
export type GoParamType = 'any' | 'string' | 'int' | 'int64' | 'float64' | 'bool' | 'list' | 'strings' | 'map' | 'time';

export interface GoFunction {
  /** Fixed parameters, in order. */
  params: readonly GoParamType[];
  /** Type of the variadic tail (`...T`), when the function is variadic. */
  variadic?: GoParamType;
  /**
   * The implementation, receiving converted arguments. A Go function that
   * returns an error, or panics, is modelled by throwing: the executor reports
   * `error calling NAME: MESSAGE` with the thrown Error's message.
   */
  fn: (...args: any[]) => unknown;
}

export type FunctionMap = Record<string, GoFunction>;

/** Thrown by functions whose Go counterpart returns an error or panics. */
export class GoCallError extends Error {
  override name = 'GoCallError';
}

/**
 * Parameter types the executor understands: Go's declared types plus
 * 'value' (reflect.Value), used by the built-ins that see their operands
 * unconverted, "no value" (undefined) included.
 */
export type ParamType = GoParamType | 'value';

/** A callable as the executor sees it: a GoFunction, or a built-in taking reflect.Value operands. */
export interface Callable {
  params: readonly ParamType[];
  variadic?: ParamType;
  fn: (...args: any[]) => unknown;
}

/** True for a GoFunction descriptor used as a value (e.g. the operand of `call`). */
export function isGoFunction(v: unknown): v is GoFunction {
  return typeof v === 'object' && v !== null && typeof (v as GoFunction).fn === 'function' && Array.isArray((v as GoFunction).params);
}

/** The Go type a parameter type stands for, as error messages print it. */
export function goParamTypeName(t: ParamType): string {
  switch (t) {
    case 'any':
      return 'interface {}';
    case 'list':
      return '[]interface {}';
    case 'strings':
      return '[]string';
    case 'map':
      return 'map[string]interface {}';
    case 'time':
      return 'time.Time';
    case 'value':
      return 'reflect.Value';
    default:
      return t;
  }
}
