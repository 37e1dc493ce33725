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
