/**
 * Output encodings: how a successful (or partial) endpoint response is
 * written. Each render appends its Content-Type to the prepared headers and
 * sends status 200 (statuses carried by backend responses are not used, as in
 * KrakenD).
 */
import type { Exchange } from './exchange.ts';
import { encodeJson, negotiate, renderNegotiatedXml, renderXml, renderYaml, type Data, type JsonValue } from './response-data.ts';

/** `data` is undefined when there is no response at all, null when the response holds no data. */
export type Render = (x: Exchange, headers: string[], data: Data | null | undefined) => void;

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';
const XML_CONTENT_TYPE = 'application/xml';
const YAML_CONTENT_TYPE = 'application/yaml; charset=utf-8';

/** `json`: the data as Go encodes it; `{}` without a response, `null` for empty data. */
export const renderJson: Render = (x, headers, data) => {
  headers.push('Content-Type', JSON_CONTENT_TYPE);
  x.send(200, headers, data === undefined ? '{}' : data === null ? 'null' : encodeJson(data));
};

/** `json-collection`: the value under `collection`; `[]` when there is none. */
export const renderJsonCollection: Render = (x, headers, data) => {
  headers.push('Content-Type', JSON_CONTENT_TYPE);
  let body = '[]';
  if (data !== undefined && data !== null && Object.prototype.hasOwnProperty.call(data, 'collection')) {
    body = encodeJson(data.collection as JsonValue);
  }
  x.send(200, headers, body);
};

/** `string`: the `content` value when it is a string, else an empty body. */
export const renderString: Render = (x, headers, data) => {
  headers.push('Content-Type', TEXT_CONTENT_TYPE);
  let body = '';
  if (data !== undefined && data !== null && Object.prototype.hasOwnProperty.call(data, 'content')) {
    const content = data.content;
    if (typeof content === 'string') body = content;
  }
  x.send(200, headers, body);
};

/** `xml`: the data as an XML document. */
export const renderXmlOutput: Render = (x, headers, data) => {
  headers.push('Content-Type', XML_CONTENT_TYPE);
  x.send(200, headers, renderXml(data ?? null));
};

/** `yaml`: the data as YAML. */
export const renderYamlOutput: Render = (x, headers, data) => {
  headers.push('Content-Type', YAML_CONTENT_TYPE);
  x.send(200, headers, renderYaml(data === undefined ? {} : data));
};

/** `negotiate`: JSON, XML (of the `content` value) or YAML chosen from the Accept header. */
export const renderNegotiated: Render = (x, headers, data) => {
  switch (negotiate(x.header('accept'))) {
    case 'xml':
      headers.push('Content-Type', XML_CONTENT_TYPE);
      x.send(200, headers, renderNegotiatedXml(data ?? null));
      return;
    case 'yaml':
      renderYamlOutput(x, headers, data);
      return;
    default:
      renderJson(x, headers, data);
  }
};

/** The render for an `output_encoding` value; unknown values fall back as described in `fallback`. */
export function renderFor(outputEncoding: string, fallback: Render = renderJson): Render {
  switch (outputEncoding) {
    case 'json':
      return renderJson;
    case 'json-collection':
      return renderJsonCollection;
    case 'string':
      return renderString;
    case 'xml':
      return renderXmlOutput;
    case 'yaml':
      return renderYamlOutput;
    case 'negotiate':
      return renderNegotiated;
    default:
      return fallback;
  }
}
