/**
 * Group 4: seeing what the gateway does. Metrics (4.1), traces (4.2) and
 * logs (4.3).
 */
import { openTelemetryExporters } from '../src/audit/components.ts';
import type { AuditRule } from '../src/audit/rule.ts';
import { extraConfigPointer } from '../src/audit/subject.ts';

/** Service components that export metrics on their own. */
const METRICS_COMPONENTS = [
  'telemetry/opencensus',
  'telemetry/metrics',
  'telemetry/newrelic',
  'telemetry/ganalytics',
  'telemetry/instana',
] as const;

/** 4.1.1: no metrics component. */
export const noMetrics: AuditRule = {
  id: '4.1.1',
  severity: 'MEDIUM',
  message: 'No metrics are collected: add a metrics component to the service.',
  help:
    'None of `telemetry/metrics`, `telemetry/opencensus`, `telemetry/newrelic`, `telemetry/ganalytics` or ' +
    '`telemetry/instana` is configured, so traffic, latency and errors cannot be observed. (As in KrakenD, ' +
    '`telemetry/opentelemetry` does not satisfy this rule.)',
  check(subject) {
    return METRICS_COMPONENTS.some((ns) => subject.serviceComponent(ns)) ? [] : [extraConfigPointer(subject.model)];
  },
};

/** 4.1.2: the service should be named for telemetry. Kept for its id; it never fires, as in KrakenD. */
export const serviceName: AuditRule = {
  id: '4.1.2',
  severity: 'MEDIUM',
  message: 'Give the configuration a `name` so telemetry can tell this gateway apart.',
  help:
    'A `name` at the root identifies the gateway in metrics and traces. KrakenD lists this rule but never ' +
    'evaluates it, so it never fires here either; its id is accepted by `--ignore`.',
  check() {
    return [];
  },
};

/** 4.1.3: several metrics pipelines at once. */
export const duplicateMetrics: AuditRule = {
  id: '4.1.3',
  severity: 'HIGH',
  message: 'More than one metrics pipeline is active: keep only one to avoid duplicated work and data.',
  help:
    'Counted together: each of `telemetry/metrics`, `telemetry/opencensus`, `telemetry/newrelic`, ' +
    '`telemetry/ganalytics` and `telemetry/instana`, plus every OpenTelemetry OTLP or Prometheus exporter that does ' +
    'not set `disable_metrics`. More than one means every request is measured several times.',
  check(subject) {
    const at: string[] = [];
    for (const ns of METRICS_COMPONENTS) {
      const component = subject.serviceComponent(ns);
      if (component) at.push(component.pointer);
    }
    let count = at.length;
    const otel = subject.serviceComponent('telemetry/opentelemetry');
    if (otel) {
      const metrics = openTelemetryExporters(otel.value).metrics;
      count += metrics;
      if (metrics > 0) at.push(otel.pointer);
    }
    return count > 1 ? at : [];
  },
};

/** 4.2.1: no tracing. */
export const noTracing: AuditRule = {
  id: '4.2.1',
  severity: 'MEDIUM',
  message: 'Requests are not traced: add tracing, for instance an OpenTelemetry OTLP exporter.',
  help:
    'None of `telemetry/opencensus`, `telemetry/newrelic` or `telemetry/instana` is configured and ' +
    '`telemetry/opentelemetry` has no OTLP exporter with traces enabled, so a slow or failing request cannot be ' +
    'followed through the gateway and its backends.',
  check(subject) {
    if (['telemetry/opencensus', 'telemetry/newrelic', 'telemetry/instana'].some((ns) => subject.serviceComponent(ns))) return [];
    const otel = subject.serviceComponent('telemetry/opentelemetry');
    if (otel && openTelemetryExporters(otel.value).traces > 0) return [];
    return [otel?.pointer ?? extraConfigPointer(subject.model)];
  },
};

/** 4.3.1: no logging component. */
export const noLogging: AuditRule = {
  id: '4.3.1',
  severity: 'MEDIUM',
  message: 'Logging is left at its defaults: configure `telemetry/logging` (or `telemetry/gelf` / `telemetry/logstash`).',
  help:
    'Without `telemetry/logging`, `telemetry/gelf` or `telemetry/logstash` the gateway logs in its default ' +
    'format and level, which is hard to ship to and search in a log system.',
  check(subject) {
    const found = ['telemetry/logging', 'telemetry/gelf', 'telemetry/logstash'].some((ns) => subject.serviceComponent(ns));
    return found ? [] : [extraConfigPointer(subject.model)];
  },
};

/** Group 4, in id order. */
export const telemetryRules: readonly AuditRule[] = [noMetrics, serviceName, duplicateMetrics, noTracing, noLogging];
