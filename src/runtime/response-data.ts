/**
 * The response-data operations the pipeline uses (decoding backend bodies,
 * encoding responses, merging, static data, sequential parameters), taken
 * from the data layer and gathered in one place.
 */
import {
  MergeAccumulator,
  applyStatic,
  decodeJson,
  decodeJsonCollection,
  decodeRss,
  decodeSafeJson,
  decodeString,
  decodeXml,
  decodeXmlCollection,
  encodeJson,
  mergeInto,
  negotiate,
  renderNegotiatedXml,
  renderXml,
  renderYaml,
  respValue,
  staticStrategy,
  stringifyParam,
  type BackendResult,
  type Data,
  type JsonValue,
  type StaticStrategy,
} from './data/index.ts';

export type { BackendResult, Data, JsonValue, StaticStrategy };
export { MergeAccumulator, applyStatic, encodeJson, mergeInto, negotiate, renderNegotiatedXml, renderXml, renderYaml, respValue, staticStrategy, stringifyParam };

/** Decodes a backend body; throws an Error with Go's message on failure. */
export type Decoder = (body: Buffer) => Data | null;

/** Decoders by the model's decoder name. */
export const decoders: Record<string, Decoder> = {
  json: decodeJson,
  'json-collection': decodeJsonCollection,
  safejson: decodeSafeJson,
  string: decodeString,
  xml: decodeXml,
  'xml-collection': decodeXmlCollection,
  rss: decodeRss,
};
