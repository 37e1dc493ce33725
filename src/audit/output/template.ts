/**
 * `kd audit -f TEMPLATE`: the report rendered with a Go template, as KrakenD
 * does. The data is what KrakenD's template sees: a result struct with
 * `.Recommendations` (each with `.Rule`, `.Severity`, `.Message`) and an
 * empty `.Stats` map, plus `.Location` on each recommendation (`file:line:col`
 * of its first place, or empty), which kd adds.
 *
 * The result and its recommendations are modelled as Go structs (values with
 * fields and their own JSON encoding) rather than maps, so that `marshal`
 * writes them with their JSON field names, lower case and in declaration
 * order: `{"recommendations":[{"rule":…,"severity":…,"message":…}],"stats":{}}`.
 * `.Location` is not part of that JSON, which stays KrakenD's shape.
 */
import type { ChalkInstance } from 'chalk';
import { painter } from '../../diagnostics/format.ts';
import { TemplateSet, TemplateError, formatValue } from '../../template/go/index.ts';
import type { FunctionMap } from '../../template/go/function.ts';
import type { GoValue, GoValueExtras } from '../../template/go/values.ts';
import { encodeJSON, encodeString } from '../../template/sprig/json.ts';
import type { Recommendation } from '../engine.ts';
import { spanText } from './places.ts';
import { colorSeverity } from './text.ts';

/** The template's name in error messages. */
const TEMPLATE_NAME = 'audit';

/** A `-f` template that does not parse or fails while rendering. */
export class AuditFormatError extends Error {
  override name = 'AuditFormatError';
}

/** Go's json.Marshal of a string (HTML characters escaped). */
const jsonString = (s: string) => encodeString(s, true);

/** One recommendation as the template sees it (a Go struct). */
class RecommendationValue implements GoValue, GoValueExtras {
  constructor(
    readonly rule: string,
    readonly severity: string,
    readonly message: string,
    readonly location: string,
  ) {}

  goType(): string {
    return 'audit.Recommendation';
  }

  goString(): string {
    return `{${this.rule} ${this.severity} ${this.message}}`;
  }

  goTruth(): boolean {
    return true;
  }

  goField(name: string): { value: unknown } | undefined {
    switch (name) {
      case 'Rule':
        return { value: this.rule };
      case 'Severity':
        return { value: this.severity };
      case 'Message':
        return { value: this.message };
      case 'Location':
        return { value: this.location };
      default:
        return undefined;
    }
  }

  marshalGoJSON(): string {
    return `{"rule":${jsonString(this.rule)},"severity":${jsonString(this.severity)},"message":${jsonString(this.message)}}`;
  }
}

/** The audit result as the template sees it (a Go struct). */
class AuditResultValue implements GoValue, GoValueExtras {
  readonly stats: Record<string, unknown> = {};

  constructor(readonly recommendations: RecommendationValue[]) {}

  goType(): string {
    return 'audit.AuditResult';
  }

  goString(): string {
    return `{[${this.recommendations.map((r) => r.goString()).join(' ')}] ${formatValue(this.stats)}}`;
  }

  goTruth(): boolean {
    return true;
  }

  goField(name: string): { value: unknown } | undefined {
    if (name === 'Recommendations') return { value: this.recommendations };
    if (name === 'Stats') return { value: this.stats };
    return undefined;
  }

  marshalGoJSON(): string {
    const list = this.recommendations.map((r) => r.marshalGoJSON()).join(',');
    return `{"recommendations":[${list}],"stats":${encodeJSON(this.stats, { escapeHTML: true })}}`;
  }
}

/** The template functions: `colored` (severity in its colour when colour is on) and `marshal` (Go JSON). */
export function auditFunctions(c: ChalkInstance): FunctionMap {
  return {
    colored: { params: ['string'], fn: (severity: string) => colorSeverity(severity, c) },
    marshal: {
      params: ['any'],
      fn: (value: unknown) => {
        try {
          return encodeJSON(value, { escapeHTML: true });
        } catch {
          return '';
        }
      },
    },
  };
}

export interface RenderOptions {
  /** Whether `colored` colours. */
  color: boolean;
  /** `.Location` file names are relative to this folder. */
  cwd: string;
}

/** A parsed `-f` template, ready to render any result. */
export interface AuditFormat {
  /** Renders the report; throws AuditFormatError when the template fails. */
  render(recommendations: readonly Recommendation[], options: RenderOptions): string;
}

/** The template data for `recommendations`. */
export function auditTemplateData(recommendations: readonly Recommendation[], cwd: string): GoValue {
  return new AuditResultValue(
    recommendations.map((r) => {
      const span = r.places[0]?.span;
      return new RecommendationValue(r.rule, r.severity, r.message, span ? spanText(span, cwd) : '');
    }),
  );
}

function formatError(e: unknown): never {
  if (e instanceof TemplateError) throw new AuditFormatError(e.message);
  throw e;
}

/** Parses a `-f` template; throws AuditFormatError when it does not parse. */
export function compileAuditFormat(text: string): AuditFormat {
  const parse = (c: ChalkInstance): TemplateSet => {
    const set = new TemplateSet({ funcs: auditFunctions(c) });
    try {
      set.parse(TEMPLATE_NAME, text);
    } catch (e) {
      formatError(e);
    }
    return set;
  };
  // Parse now, so a broken template is reported before the configuration is read.
  const plain = parse(painter(false));
  return {
    render(recommendations, options) {
      const set = options.color ? parse(painter(true)) : plain;
      try {
        return set.execute(TEMPLATE_NAME, auditTemplateData(recommendations, options.cwd)).text;
      } catch (e) {
        return formatError(e);
      }
    },
  };
}
