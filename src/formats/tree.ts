/**
 * Building decoded trees and their location maps: member assignment that is
 * safe for any key, and JSON pointers built without needless allocation.
 */
import { escapePointerToken, type LocationMap } from './types.ts';

/** A decoded object: plain data keyed by member name. */
export type PlainObject = Record<string, unknown>;

/**
 * Sets `obj[key] = value` as an own, enumerable data property, so keys such as
 * `__proto__` become ordinary members (as JSON.parse does) instead of changing
 * the object's prototype.
 */
export function setMember(obj: PlainObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/** True when `obj` has its own member `key`. */
export function hasMember(obj: PlainObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The pointer of member/item `token` under `base`. */
export function childPointer(base: string, token: string | number): string {
  if (typeof token === 'number') return `${base}/${token}`;
  if (token.indexOf('~') === -1 && token.indexOf('/') === -1) return `${base}/${token}`;
  return `${base}/${escapePointerToken(token)}`;
}

/** Removes the locations of everything below `pointer` (not `pointer` itself). */
export function forgetDescendants(locations: LocationMap, pointer: string): void {
  const prefix = pointer + '/';
  for (const key of locations.keys()) if (key.startsWith(prefix)) locations.delete(key);
}

/** True when `value` is a plain object (not an array, not null). */
export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Gives every node of `value` that has no location the location of its
 * nearest located ancestor, so a map is complete even where a format could
 * only place the enclosing value.
 */
export function fillMissingLocations(value: unknown, locations: LocationMap, pointer = ''): void {
  if (!locations.has(pointer)) {
    const parent = pointer.slice(0, pointer.lastIndexOf('/'));
    const inherited = locations.get(parent);
    if (inherited) locations.set(pointer, { value: inherited.value });
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) fillMissingLocations(value[i], locations, `${pointer}/${i}`);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) fillMissingLocations(value[key], locations, childPointer(pointer, key));
  }
}
