/**
 * kd's gateway runtime: everything a generated gateway module imports (as
 * `import * as rt from '@kd/runtime'`). The runtime is generic; the generated
 * module holds what is specific to one configuration.
 */
export { Exchange } from './exchange.ts';
export { allHeaders, copyHeader, finishHeaders } from './headers.ts';
export { appendQuery, cleanPath, encodeQuery, type QueryValues } from './url.ts';
export { autoOptions, methodNotAllowed, notFound, outsideRoutes, redirect, rejectParams, type Handler } from './router.ts';
export { debug, echo, health } from './builtin.ts';
export { proxy, type EndpointPlan, type Results, type StaticData, type TargetBuilder } from './pipeline.ts';
export { proxyNoop, type NoopPlan } from './noop.ts';
export {
  backend,
  cacheControl,
  configure,
  endpoint,
  run,
  sequentialParam,
  start,
  startSettings,
  type BackendDefinition,
  type EndpointDefinition,
  type Plan,
  type RouterSettings,
} from './gateway.ts';
export type { ServiceDefinition, ServiceSettings } from './settings.ts';
export type { CorsSettings } from './cors.ts';
export { BotDetector, botDetector, rejectBots, type BotDetectorSettings } from './bots.ts';
export { authorize, jwtParam, jwtSigner, jwtValidator, type JwtSignerSettings, type JwtValidatorSettings } from './jwt.ts';
export type { BackendPlan } from './upstream.ts';
export * from './data/index.ts';
export {
  CelUint,
  celAdd,
  celAll,
  celAnd,
  celBool,
  celBytes,
  celCond,
  celContains,
  celDiv,
  celDouble,
  celDuration,
  celEndsWith,
  celEq,
  celExists,
  celExistsOne,
  celFilter,
  celGe,
  celGetter,
  celGt,
  celHas,
  celIn,
  celIndex,
  celInt,
  celLe,
  celLt,
  celMap,
  celMapLiteral,
  celMatches,
  celMod,
  celMul,
  celNe,
  celNeg,
  celNot,
  celOr,
  celSelect,
  celSize,
  celStartsWith,
  celString,
  celSub,
  celTimestamp,
  celUint,
  celVar,
  type CelActivation,
  type CelCheck,
  type CelChecks,
} from './cel.ts';
