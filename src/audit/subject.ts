/**
 * What an audit rule looks at: the ServiceModel (KrakenD's defaults applied)
 * plus what the model normalises away but the audit still notices: which key a
 * component was written under (for locations) and whether a number was
 * decoded as a float or an integer.
 */
import type { SourceSpan } from '../diagnostics/diagnostic.ts';
import { joinPointer, type LocationMap } from '../formats/types.ts';
import { namespace, namespaceKey } from '../model/namespaces.ts';
import type { BackendModel, EndpointModel, ExtraConfig, ServiceModel } from '../model/types.ts';

/** Anything that carries an `extra_config` (the service, an endpoint, a backend, an agent). */
export interface ConfigOwner {
  /** JSON pointer of the owner object ("" for the service). */
  pointer: string;
  extraConfig: ExtraConfig;
}

/** A component found in an `extra_config`. */
export interface ComponentRef {
  /** Its configuration, any JSON value (`null` included). */
  value: unknown;
  /** JSON pointer of the value, under the key actually written (short or long name). */
  pointer: string;
}

/** A backend together with the endpoint it belongs to. */
export interface EndpointBackend {
  endpoint: EndpointModel;
  backend: BackendModel;
}

export interface AuditInput {
  model: ServiceModel;
  /** Where each value of the config tree was written; enables locations and number kinds. */
  locations?: LocationMap;
  /**
   * The `-c` file. Decides how numbers were decoded when a value has no
   * location of its own (JSON: every number is a float; YAML/TOML: integers
   * stay integers).
   */
  configFile?: string;
  /** Reads a source file's text, to tell `1.0` from `1` in YAML/TOML sources. */
  readSource?: (file: string) => string | undefined;
}

const INTEGER_FORMATS = /\.(ya?ml|toml)$/i;

/**
 * The audit's view of one configuration. Rules read the model directly and use
 * these methods for the details that need the raw config.
 */
export class AuditSubject {
  readonly model: ServiceModel;
  private readonly locations: LocationMap | undefined;
  private readonly configFile: string | undefined;
  private readonly readSource: ((file: string) => string | undefined) | undefined;

  constructor(input: AuditInput) {
    this.model = input.model;
    this.locations = input.locations;
    this.configFile = input.configFile;
    this.readSource = input.readSource;
  }

  /** The component `short` (written under its short or long name) of `owner`, or undefined when absent. */
  component(owner: ConfigOwner, short: string): ComponentRef | undefined {
    const key = namespaceKey(owner.extraConfig, short);
    if (key === undefined) return undefined;
    return { value: namespace(owner.extraConfig, short), pointer: joinPointer(extraConfigPointer(owner), key) };
  }

  /** A service-level component. */
  serviceComponent(short: string): ComponentRef | undefined {
    return this.component(this.model, short);
  }

  /** Every backend of every endpoint (async agents' backends are not included), in config order. */
  endpointBackends(): EndpointBackend[] {
    return this.model.endpoints.flatMap((endpoint) => endpoint.backends.map((backend) => ({ endpoint, backend })));
  }

  /**
   * Whether `value` (found at `pointer`) reached KrakenD as a floating-point
   * number. KrakenD's JSON decoder makes every number a float, while its YAML
   * and TOML decoders keep integers as integers, and some audit checks only
   * recognise floats. The format is that of the file the value was written
   * in (through its location), else that of the `-c` file; in a YAML/TOML
   * file a whole number is an integer unless its literal is written as a
   * float (`1.0`, `1e3`).
   */
  isFloat(pointer: string, value: unknown): boolean {
    if (typeof value !== 'number') return false;
    const span = this.spanOf(pointer);
    const file = span?.file ?? this.configFile;
    if (file === undefined || !INTEGER_FORMATS.test(file)) return true;
    if (!Number.isInteger(value)) return true;
    const literal = span && this.locations?.has(pointer) ? this.literalAt(span) : undefined;
    return literal !== undefined && isFloatLiteral(literal);
  }

  private spanOf(pointer: string): SourceSpan | undefined {
    if (!this.locations) return undefined;
    let p = pointer;
    for (;;) {
      const loc = this.locations.get(p);
      if (loc) return loc.value;
      if (p === '') return undefined;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }

  private literalAt(span: SourceSpan): string | undefined {
    const text = this.readSource?.(span.file);
    if (text === undefined) return undefined;
    const line = text.split('\n')[span.line - 1];
    if (line === undefined) return undefined;
    const rest = line.slice(span.column - 1);
    const end = span.endLine === span.line && span.endColumn !== undefined ? span.endColumn - span.column : undefined;
    const token = end !== undefined && end > 0 ? rest.slice(0, end) : /^[^\s,#\]}]*/.exec(rest)![0];
    return token.trim();
  }
}

/** `/extra_config` of an owner object. */
export function extraConfigPointer(owner: { pointer: string }): string {
  return joinPointer(owner.pointer, 'extra_config');
}

/** Whether a YAML/TOML number literal denotes a float. */
export function isFloatLiteral(literal: string): boolean {
  const s = literal.replace(/_/g, '');
  if (/^[-+]?0[xob]/i.test(s)) return false;
  return /[.eE]/.test(s) || /^[-+]?\.?(inf|nan)$/i.test(s);
}
