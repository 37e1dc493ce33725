/**
 * kd's response-data layer: decoders, Go-exact JSON encoding, XML/YAML
 * renders, content negotiation, sequential-proxy values, merging, static
 * data and the helpers generated manipulation code calls (as `rt.<name>`).
 */

export { BoxedLeaf, JsonNumber, OpaqueValue, isObject, own, hasKey, setKey, hasKeys, isEmpty, wrap, emptyData } from './types.ts';
export type { Data, JsonValue } from './types.ts';
export { bytesToText, decodeUtf8, textToBytes, compareUtf8, sortKeys } from './utf8.ts';
export { decodeJson, decodeJsonCollection, decodeSafeJson, parseJson, numberFromText } from './json-decode.ts';
export { decodeXml, decodeXmlCollection, parseXmlDocument } from './xml-decode.ts';
export { decodeRss } from './rss-decode.ts';
export { decodeString, decoderFor } from './decoders.ts';
export type { Decoder } from './decoders.ts';
export { encodeJson, encodeJsonString, formatNumber } from './json-encode.ts';
export { renderXml, renderNegotiatedXml } from './xml-render.ts';
export { renderYaml } from './yaml-render.ts';
export { negotiate } from './negotiate.ts';
export type { NegotiatedFormat } from './negotiate.ts';
export { formatGoValue } from './go-format.ts';
export { respValue, stringifyParam } from './sequential.ts';
export { MergeAccumulator, combineResults, mergeInto } from './merge.ts';
export type { BackendResult, MergeResult } from './merge.ts';
export { applyStatic, staticMatches, staticStrategy } from './static.ts';
export type { StaticStrategy } from './static.ts';
export { flatmapTree } from './flatmap-tree.ts';
export type { FlatmapStep } from './flatmap-tree.ts';
export { FLATMAP_FALLBACK, flatmapDelPlain, flatmapRenamePlain, childOf } from './flatmap-plain.ts';
