/**
 * Reading raw config values the way KrakenD decodes them before its audit
 * looks at them. Component configs (`extra_config`) keep their decoded types,
 * so most checks compare literally; the few service fields KrakenD maps onto
 * its own structs (`tls`, `client_tls`) are decoded with weak typing.
 */

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when `value` is an object, else undefined. */
export function field(value: unknown, key: string): unknown {
  return isObject(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** Only the literal boolean `true` counts (component options are read without conversion). */
export function isTrue(value: unknown): boolean {
  return value === true;
}

const TRUE_STRINGS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

/**
 * A boolean as weakly-typed struct decoding reads it: `true`, a non-zero
 * number, or a string such as `"true"`, `"t"` or `"1"`.
 */
export function weakBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'string') return TRUE_STRINGS.has(value);
  return false;
}

/** A string as weakly-typed struct decoding reads it (numbers and booleans become text); '' otherwise. */
export function weakString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return '';
}

/** A number strictly greater than zero. */
export function isPositiveNumber(value: unknown): boolean {
  return typeof value === 'number' && value > 0;
}
