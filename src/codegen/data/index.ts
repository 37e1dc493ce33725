/**
 * Code generators for per-backend response manipulation (target, allow,
 * deny, mapping, group, flatmap) and endpoint-level flatmap. The generated
 * functions use the runtime through the `rt` namespace import.
 */

export { generateBackendTransform } from './transform.ts';
export type { TransformSpec } from './transform.ts';
export { generateEndpointFlatmap, flatmapSteps } from './flatmap.ts';
export type { FlatmapOp, FlatmapStep } from './flatmap.ts';
export { buildAllowTree, buildDenyTree } from './filters.ts';
