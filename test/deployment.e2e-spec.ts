import Ajv from 'ajv';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { mergeValues, renderChart, renderFiles } from './support/helm-template';

const root = resolve(__dirname, '..');
const chartDir = join(root, 'helm/billing');

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rendered manifests are read field by field
  spec?: Record<string, any>;
  data?: Record<string, string>;
};

/** Every optional part of the chart switched on. */
const EVERYTHING: Record<string, unknown> = {
  env: { LOG_LEVEL: 'debug', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability:4318' },
  imagePullSecrets: [{ name: 'registry' }],
  api: {
    autoscaling: { enabled: true, targetMemoryUtilizationPercentage: 80 },
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    podAnnotations: { team: 'billing' },
  },
  scheduler: {
    replicas: 2,
    podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
    tolerations: [{ key: 'batch', operator: 'Exists' }],
  },
  ingress: {
    enabled: true,
    className: 'nginx',
    annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '2m' },
    hosts: [{ host: 'billing.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }],
    tls: [{ secretName: 'billing-tls', hosts: ['billing.example.com'] }],
  },
  networkPolicy: {
    enabled: true,
    apiFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
    metricsFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
  },
  serviceMonitor: { enabled: true, labels: { release: 'prometheus' } },
  prometheusRule: { enabled: true, labels: { release: 'prometheus' } },
  grafanaDashboard: { enabled: true },
};

/** The model class validating `apiVersion`/`kind`: the Kubernetes schemas of kubernetes-models, the Prometheus Operator's for its CRDs. */
async function modelFor(apiVersion: string, kind: string): Promise<new (data: unknown) => { validate(): void }> {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const path =
    group === 'monitoring.coreos.com'
      ? `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`
      : `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
  const exported = (await import(path)) as Record<string, new (data: unknown) => { validate(): void }>;
  return exported[kind];
}

/** Each manifest's schema errors (none: valid). */
async function schemaErrors(documents: Record<string, unknown>[]): Promise<string[]> {
  const errors: string[] = [];
  for (const document of documents as Manifest[]) {
    const Model = await modelFor(document.apiVersion, document.kind).catch(() => undefined);
    if (!Model) {
      errors.push(`${document.apiVersion} ${document.kind}: no schema`);
      continue;
    }
    try {
      new Model(document).validate();
    } catch (error) {
      errors.push(`${document.kind} ${document.metadata.name}: ${(error as Error).message}`);
    }
  }
  return errors;
}

const find = (documents: Record<string, unknown>[], kind: string, name: string) =>
  (documents as Manifest[]).find((document) => document.kind === kind && document.metadata.name === name);

describe('Helm chart', () => {
  const schema = JSON.parse(readFileSync(join(chartDir, 'values.schema.json'), 'utf8'));
  const defaults = parseYaml(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
  const validateValues = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it('values.yaml satisfies values.schema.json, with and without every option', () => {
    expect(validateValues(defaults)).toBe(true);
    expect(validateValues(mergeValues(defaults, EVERYTHING))).toBe(true);
  });

  it.each([
    ['a misspelt key', { api: { replica: 3 } }],
    ['an unknown section', { ingres: { enabled: true } }],
    ['a number in env (quote it)', { env: { RATE_LIMIT_PER_HOUR: 1000 } }],
    ['a bad port', { scheduler: { port: 70000 } }],
    ['a bad path type', { ingress: { enabled: true, hosts: [{ host: 'a.example', paths: [{ path: '/', pathType: 'Everything' }] }] } }],
  ])('values.schema.json refuses %s', (_what, override) => {
    expect(validateValues(mergeValues(defaults, override))).toBe(false);
  });

  it.each([
    ['the defaults', {}, ['Deployment', 'Deployment', 'Job', 'PodDisruptionBudget', 'Service', 'Service']],
    [
      'every option',
      EVERYTHING,
      [
        'ConfigMap',
        'Deployment',
        'Deployment',
        'HorizontalPodAutoscaler',
        'Ingress',
        'Job',
        'NetworkPolicy',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'PodDisruptionBudget',
        'PrometheusRule',
        'Service',
        'Service',
        'ServiceMonitor',
        'ServiceMonitor',
      ],
    ],
  ])('renders %s into manifests that satisfy the Kubernetes schemas', async (_what, values, kinds) => {
    const { documents } = renderChart(chartDir, values);
    expect(documents.map((document) => document.kind).sort()).toEqual(kinds);
    expect(await schemaErrors(documents)).toEqual([]);
  });

  it('the schema check is not vacuous: a broken manifest is refused', async () => {
    const { documents } = renderChart(chartDir);
    const deployment = structuredClone(find(documents, 'Deployment', 'billing-scheduler')!) as Manifest;
    deployment.spec!.replicas = 'two';
    delete deployment.spec!.template.spec.containers[0].livenessProbe.httpGet.port;
    const errors = await schemaErrors([deployment as unknown as Record<string, unknown>]);
    expect(errors.join('\n')).toMatch(/replicas must be integer/);
    expect(errors.join('\n')).toMatch(/httpGet must have required property port/);
  });

  it('probes the scheduler on SCHEDULER_PORT, and its Service and ServiceMonitor reach that port', () => {
    const { documents } = renderChart(chartDir, { ...EVERYTHING, scheduler: { port: 9001 } });
    const scheduler = find(documents, 'Deployment', 'billing-scheduler')!;
    const container = scheduler.spec!.template.spec.containers[0];
    expect(container.env).toContainEqual({ name: 'SCHEDULER_PORT', value: '9001' });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 9001, protocol: 'TCP' }]);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    const service = find(documents, 'Service', 'billing-scheduler')!;
    expect(service.spec!.ports[0]).toMatchObject({ port: 9001, targetPort: 'http' });
    expect(service.spec!.selector).toEqual(scheduler.spec!.template.metadata.labels);
    const monitor = find(documents, 'ServiceMonitor', 'billing-scheduler')!;
    expect(service.metadata.labels).toMatchObject(monitor.spec!.selector.matchLabels);
    expect(monitor.spec!.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '30s', scrapeTimeout: '10s' }]);
  });

  it('points the Ingress at the api Service, and the budgets and policies at the pods', () => {
    const { documents } = renderChart(chartDir, EVERYTHING);
    const networkPolicy = EVERYTHING.networkPolicy as { apiFrom: object[]; metricsFrom: object[] };
    const ingress = find(documents, 'Ingress', 'billing-api')!;
    expect(ingress.spec!.rules[0].http.paths[0].backend).toEqual({ service: { name: 'billing-api', port: { name: 'http' } } });
    for (const component of ['api', 'scheduler']) {
      const podLabels = find(documents, 'Deployment', `billing-${component}`)!.spec!.template.metadata.labels;
      expect(find(documents, 'PodDisruptionBudget', `billing-${component}`)!.spec!.selector.matchLabels).toEqual(podLabels);
      expect(find(documents, 'NetworkPolicy', `billing-${component}`)!.spec!.podSelector.matchLabels).toEqual(podLabels);
    }
    const apiPolicy = find(documents, 'NetworkPolicy', 'billing-api')!;
    expect(apiPolicy.spec!.ingress[0].from).toEqual([...networkPolicy.apiFrom, ...networkPolicy.metricsFrom]);
    expect(find(documents, 'NetworkPolicy', 'billing-scheduler')!.spec!.ingress[0].from).toEqual(networkPolicy.metricsFrom);
    // With the HPA, the Deployment leaves its replica count alone.
    expect(find(documents, 'Deployment', 'billing-api')!.spec!.replicas).toBeUndefined();
  });

  it('ships alerts and a dashboard on metrics the apps expose', () => {
    const { documents } = renderChart(chartDir, EVERYTHING);
    const rule = find(documents, 'PrometheusRule', 'billing')!;
    const alerts = rule.spec!.groups.flatMap((group: { rules: { alert: string; expr: string }[] }) => group.rules);
    expect(alerts.map((alert: { alert: string }) => alert.alert)).toEqual(
      expect.arrayContaining([
        'BillingOutboxLag',
        'BillingQueueBacklog',
        'BillingApiErrorRate',
        'BillingBillRunFailures',
        'BillingRenewalFailures',
      ]),
    );
    const dashboard = JSON.parse(find(documents, 'ConfigMap', 'billing-dashboard')!.data!['billing-platform.json']);
    const expressions = [
      ...alerts.map((alert: { expr: string }) => alert.expr),
      ...dashboard.panels.flatMap((panel: { targets?: { expr: string }[] }) => (panel.targets ?? []).map((target) => target.expr)),
    ];
    const used = new Set(expressions.flatMap((expression: string) => expression.match(/\b[a-z][a-z0-9_]*(?=\{)/g) ?? []));
    expect([...used].filter((name) => !EXPOSED_METRICS.has(name.replace(/_(bucket|sum|count)$/, '')))).toEqual([]);
    expect(used.size).toBeGreaterThan(15);
  });
});

/** What the api's and the scheduler's /metrics serve (see test/operations.e2e-spec.ts), plus Prometheus' `up`. */
const EXPOSED_METRICS = new Set([
  'up',
  'api_request_duration_seconds',
  'api_errors_total',
  'invoices_generated_total',
  'payments_attempted_total',
  'mrr_dollars',
  'queue_jobs',
  'queue_oldest_job_age_seconds',
  'outbox_oldest_unrelayed_age_seconds',
  'metrics_refreshed_timestamp_seconds',
  'bill_run_duration_seconds',
  'bill_run_invoices',
  'bill_run_failures_total',
  'renewal_failures_total',
  'job_failures_total',
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'nodejs_eventloop_lag_p99_seconds',
]);

describe('Image and compose', () => {
  it('the Dockerfile pins every base image to a full Node 20 version', () => {
    const froms = readFileSync(join(root, 'Dockerfile'), 'utf8').match(/^FROM .+$/gm) ?? [];
    expect(froms).toHaveLength(3);
    for (const from of froms) expect(from).toMatch(/^FROM node:20\.\d+\.\d+-bookworm-slim AS \w+$/);
  });

  it('docker-compose.yml passes every variable of .env.example to both apps', () => {
    const documented = [...readFileSync(join(root, '.env.example'), 'utf8').matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
    const compose = parseYaml(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
    expect(documented).toEqual(expect.arrayContaining(['SCHEDULER_PORT', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'DATABASE_URL']));
    for (const service of ['api', 'scheduler']) {
      expect(Object.keys(compose.services[service].environment).sort()).toEqual([...documented].sort());
    }
  });
});

describe('The Go template renderer of the chart test', () => {
  /** One template, rendered as the only template of a throw-away chart. */
  const render = (template: string, values: Record<string, unknown> = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'chart-'));
    try {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: t\nversion: 0.0.1\n');
      writeFileSync(join(dir, 'values.yaml'), '{}\n');
      writeFileSync(join(dir, 'templates', 't.yaml'), template);
      return renderFiles(dir, values)['templates/t.yaml'] ?? '';
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each([
    ['trims whitespace around {{- and -}}', 'a  {{- "b" -}}  c', {}, 'abc'],
    [
      'ranges over a map in key order with key and value',
      '{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}',
      { m: { b: 2, a: 1 } },
      'a=1;b=2;',
    ],
    ['takes else if and else', '{{ if .Values.x }}x{{ else if .Values.y }}y{{ else }}z{{ end }}', { y: true }, 'y'],
    ['takes with and else', '{{ with .Values.x }}{{ . }}{{ else }}none{{ end }}', { x: '' }, 'none'],
    ['prints a missing value as nothing', '[{{ .Values.a.b }}]', {}, '[]'],
    ['reads braces inside strings and comments', '{{/* }} */}}{{ "{{" }} $labels.x {{ "}}" }}', {}, '{{ $labels.x }}'],
    ['answers and/or with an operand', '{{ or .Values.a "fallback" }}/{{ and 1 "last" }}', {}, 'fallback/last'],
    ['assigns to a variable of an enclosing scope', '{{ $v := 1 }}{{ if true }}{{ $v = 2 }}{{ end }}{{ $v }}', {}, '2'],
    ['pipes the value last', '{{ .Values.n | toString | quote }} {{ "abc-" | trimSuffix "-" }}', { n: 3 }, '"3" abc'],
    [
      'renders nested lists with toYaml and nindent',
      'x:{{ toYaml .Values.l | nindent 2 }}',
      { l: [{ b: 1, a: 2 }] },
      'x:\n  - a: 2\n    b: 1',
    ],
  ])('%s', (_what, template, values, expected) => {
    expect(render(template, values)).toBe(expected);
  });

  it('refuses a function it does not know, as Helm does', () => {
    expect(() => render('{{ lookup "v1" "Secret" "ns" "name" }}')).toThrow(/function "lookup" not defined/);
  });
});
