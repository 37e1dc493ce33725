/**
 * The few component details the audit reads: plugin names and OpenTelemetry
 * exporters. Each reader returns undefined when the component is written in a
 * shape the audit does not summarise, in which case the rules treat it as
 * absent.
 */
import type { ComponentRef } from './subject.ts';
import { field, isObject, isTrue } from './values.ts';

/**
 * Names of the server plugins of a `plugin/http-server` component: `name` as
 * one string or a list of strings (other list items are ignored). Undefined
 * when the component is not an object or `name` is neither a string nor a list.
 */
export function serverPluginNames(component: ComponentRef | undefined): Set<string> | undefined {
  if (!component || !isObject(component.value)) return undefined;
  const name = component.value.name;
  if (typeof name === 'string') return new Set([name]);
  if (Array.isArray(name)) return new Set(name.filter((n): n is string => typeof n === 'string'));
  return undefined;
}

/** The client plugin of a `plugin/http-client` component, only when `name` is a single string. */
export function clientPluginName(component: ComponentRef | undefined): string | undefined {
  if (!component || !isObject(component.value)) return undefined;
  const name = component.value.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Names of a `plugin/req-resp-modifier` component, only when `name` is a list
 * (a single string name is not summarised).
 */
export function reqRespPluginNames(component: ComponentRef | undefined): Set<string> | undefined {
  if (!component || !isObject(component.value)) return undefined;
  const name = component.value.name;
  if (!Array.isArray(name)) return undefined;
  return new Set(name.filter((n): n is string => typeof n === 'string'));
}

/** How many OpenTelemetry exporters send metrics and how many send traces. */
export interface TelemetryExporters {
  /** OTLP and Prometheus exporters without `disable_metrics: true`. */
  metrics: number;
  /** OTLP exporters without `disable_traces: true`. */
  traces: number;
}

/**
 * Active exporters of a `telemetry/opentelemetry` component. A value that is
 * not an object, or exporter lists that are not lists, count as no exporters;
 * list items that are not objects are skipped.
 */
export function openTelemetryExporters(value: unknown): TelemetryExporters {
  const exporters = field(value, 'exporters');
  const list = (key: string): Record<string, unknown>[] => {
    const v = field(exporters, key);
    return Array.isArray(v) ? v.filter(isObject) : [];
  };
  const otlp = list('otlp');
  const prometheus = list('prometheus');
  return {
    metrics: [...otlp, ...prometheus].filter((e) => !isTrue(e.disable_metrics)).length,
    traces: otlp.filter((e) => !isTrue(e.disable_traces)).length,
  };
}
