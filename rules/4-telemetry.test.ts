import { duplicateMetrics, noLogging, noMetrics, noTracing, serviceName } from './4-telemetry.ts';
import { testRule } from '../test/audit/rule-tester.ts';

const otel = (exporters: unknown) => ({ 'telemetry/opentelemetry': { exporters } });

testRule(noMetrics, {
  valid: [
    { name: 'telemetry/metrics', config: { extra_config: { 'telemetry/metrics': {} } } },
    { name: 'opencensus under its long name', config: { extra_config: { 'github_com/devopsfaith/krakend-opencensus': {} } } },
    { name: 'newrelic', config: { extra_config: { 'telemetry/newrelic': {} } } },
    { name: 'ganalytics', config: { extra_config: { 'telemetry/ganalytics': {} } } },
    { name: 'instana', config: { extra_config: { 'telemetry/instana': {} } } },
  ],
  invalid: [
    { name: 'nothing', config: {}, at: ['/extra_config'] },
    { name: 'OpenTelemetry does not count', config: { extra_config: otel({ prometheus: [{ name: 'p' }] }) }, at: ['/extra_config'] },
  ],
});

testRule(serviceName, {
  valid: [
    { name: 'named', config: { name: 'gateway' } },
    { name: 'unnamed (never evaluated)', config: {} },
  ],
  invalid: [],
});

testRule(duplicateMetrics, {
  valid: [
    { name: 'nothing', config: {} },
    { name: 'one component', config: { extra_config: { 'telemetry/metrics': {} } } },
    { name: 'one OTLP exporter', config: { extra_config: otel({ otlp: [{ name: 'a' }] }) } },
    {
      name: 'one component and exporters with metrics disabled',
      config: {
        extra_config: {
          'telemetry/metrics': {},
          ...otel({ otlp: [{ disable_metrics: true }], prometheus: [{ disable_metrics: true }] }),
        },
      },
    },
    { name: 'OpenTelemetry not an object', config: { extra_config: { 'telemetry/metrics': {}, 'telemetry/opentelemetry': true } } },
  ],
  invalid: [
    {
      name: 'two components',
      config: { extra_config: { 'telemetry/metrics': {}, 'telemetry/newrelic': {} } },
      at: ['/extra_config/telemetry~1metrics', '/extra_config/telemetry~1newrelic'],
    },
    {
      name: 'two exporters',
      config: { extra_config: otel({ otlp: [{ name: 'a', disable_traces: true }], prometheus: [{ name: 'p' }] }) },
      at: ['/extra_config/telemetry~1opentelemetry'],
    },
    {
      name: 'a component and an exporter',
      config: { extra_config: { 'telemetry/metrics': {}, ...otel({ prometheus: [{ disable_metrics: false }] }) } },
      at: ['/extra_config/telemetry~1metrics', '/extra_config/telemetry~1opentelemetry'],
    },
  ],
});

testRule(noTracing, {
  valid: [
    { name: 'opencensus', config: { extra_config: { 'telemetry/opencensus': {} } } },
    { name: 'newrelic', config: { extra_config: { 'telemetry/newrelic': {} } } },
    { name: 'instana', config: { extra_config: { 'telemetry/instana': {} } } },
    { name: 'an OTLP exporter with traces', config: { extra_config: otel({ otlp: [{ disable_traces: true }, { name: 'b' }] }) } },
  ],
  invalid: [
    { name: 'nothing', config: {}, at: ['/extra_config'] },
    { name: 'metrics only', config: { extra_config: { 'telemetry/metrics': {} } }, at: ['/extra_config'] },
    {
      name: 'OpenTelemetry with Prometheus only',
      config: { extra_config: otel({ prometheus: [{ name: 'p' }] }) },
      at: ['/extra_config/telemetry~1opentelemetry'],
    },
    {
      name: 'OTLP with traces disabled',
      config: { extra_config: otel({ otlp: [{ disable_traces: true }] }) },
      at: ['/extra_config/telemetry~1opentelemetry'],
    },
  ],
});

testRule(noLogging, {
  valid: [
    { name: 'logging', config: { extra_config: { 'telemetry/logging': { level: 'INFO' } } } },
    { name: 'gelf', config: { extra_config: { 'telemetry/gelf': {} } } },
    { name: 'logstash under its long name', config: { extra_config: { 'github_com/devopsfaith/krakend-logstash': {} } } },
  ],
  invalid: [{ name: 'nothing', config: {}, at: ['/extra_config'] }],
});
