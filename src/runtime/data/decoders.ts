/**
 * Backend response decoders by `encoding` name. Each takes the whole body
 * (already gunzipped) and returns the response data, or throws an Error
 * whose message is KrakenD's text for the failure.
 */

import type { Data } from './types.ts';
import { bytesToText } from './utf8.ts';
import { decodeJson, decodeJsonCollection, decodeSafeJson } from './json-decode.ts';
import { decodeXml, decodeXmlCollection } from './xml-decode.ts';
import { decodeRss } from './rss-decode.ts';

/** A body decoder. */
export type Decoder = (body: Uint8Array) => Data | null;

/**
 * The `string` decoder: the whole body under `content`. Bytes that are not
 * valid UTF-8 are kept (see `bytesToText`; `textToBytes` restores them).
 */
export function decodeString(body: Uint8Array): Data {
  return { content: bytesToText(body) };
}

/**
 * The decoder for a backend `encoding` (case-insensitive; empty or unknown
 * means json) and `is_collection`; null for `no-op`, whose body is passed
 * through undecoded. safejson, string and rss ignore `is_collection`.
 */
export function decoderFor(encoding: string, isCollection: boolean): Decoder | null {
  switch (encoding.toLowerCase()) {
    case 'no-op':
      return null;
    case 'safejson':
      return decodeSafeJson;
    case 'string':
      return decodeString;
    case 'xml':
      return isCollection ? decodeXmlCollection : decodeXml;
    case 'rss':
      return decodeRss;
    default:
      return isCollection ? decodeJsonCollection : decodeJson;
  }
}
