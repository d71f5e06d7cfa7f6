// Presets: Prometheus Operator, Grafana Operator, Jaeger and the OpenTelemetry Operator.
import type { Preset } from '../../types.js'
import { ref, podSpecFieldsAt, containerFieldsAt, FOLLOWS } from './define.js'

// --- internal ---

const MONITORING = ['monitoring.coreos.com']

export const prometheusOperator: Preset = {
  name: 'prometheus-operator',
  description: 'Prometheus Operator: secret key selectors in Prometheus, Alertmanager, ThanosRuler and monitors; configMaps/secrets lists pinned, because the operator mounts them at paths made of their names.',
  references: [
    ...['Prometheus', 'PrometheusAgent', 'Alertmanager', 'ThanosRuler'].flatMap(kind =>
      podSpecFieldsAt(kind, MONITORING, 'spec', `the operator copies these pod-spec fields into the StatefulSet it creates, so ${FOLLOWS}`)),
    ...['Prometheus', 'PrometheusAgent', 'Alertmanager'].flatMap(kind => [
      ref(kind, MONITORING, 'spec/configMaps', 'ConfigMap', 'pin', `the operator mounts each at /etc/${kind === 'Alertmanager' ? 'alertmanager' : 'prometheus'}/configmaps/<name>: renaming would move the files the configuration points at`),
      ref(kind, MONITORING, 'spec/secrets', 'Secret', 'pin', `the operator mounts each at /etc/${kind === 'Alertmanager' ? 'alertmanager' : 'prometheus'}/secrets/<name>: renaming would move the files the configuration points at`),
    ]),
    ...['additionalScrapeConfigs', 'additionalAlertManagerConfigs', 'additionalAlertRelabelConfigs', 'thanos/objectStorageConfig', 'thanos/tracingConfig']
      .map(field => ref('Prometheus', MONITORING, `spec/${field}/name`, 'Secret', 'rewrite', FOLLOWS)),
    ref('Alertmanager', MONITORING, 'spec/configSecret', 'Secret', 'rewrite',
      `${FOLLOWS} (left empty it defaults to alertmanager-<name>, a fixed name, which nothing here can reference)`),
    ...['objectStorageConfig', 'alertmanagersConfig', 'queryConfig', 'tracingConfig']
      .map(field => ref('ThanosRuler', MONITORING, `spec/${field}/name`, 'Secret', 'rewrite', FOLLOWS)),
    ...([['ServiceMonitor', 'endpoints'], ['PodMonitor', 'podMetricsEndpoints'], ['Probe', 'prober']] as const).flatMap(([kind, list]) => [
      ...['bearerTokenSecret/name', 'basicAuth/username/name', 'basicAuth/password/name', 'tlsConfig/ca/secret/name', 'tlsConfig/cert/secret/name',
        'tlsConfig/keySecret/name', 'authorization/credentials/name', 'oauth2/clientSecret/name', 'oauth2/clientId/secret/name']
        .map(p => ref(kind, MONITORING, `spec/${list}/${p}`, 'Secret', 'rewrite', FOLLOWS)),
      ...['tlsConfig/ca/configMap/name', 'tlsConfig/cert/configMap/name', 'oauth2/clientId/configMap/name']
        .map(p => ref(kind, MONITORING, `spec/${list}/${p}`, 'ConfigMap', 'rewrite', FOLLOWS)),
    ]),
  ],
  pinned: [],
  external: [],
}

const GRAFANA = ['grafana.integreatly.org']

const GRAFANA_FOLLOWS = `the Grafana operator ${FOLLOWS}`

export const grafanaOperator: Preset = {
  name: 'grafana-operator',
  description: 'Grafana operator: valuesFrom of datasources and contact points, dashboards and library panels from ConfigMaps, TLS Secrets; the token Secrets it writes for GrafanaServiceAccounts.',
  references: [
    ...['GrafanaDatasource', 'GrafanaContactPoint'].flatMap(kind => ['spec/valuesFrom', 'spec/receivers/valuesFrom'].flatMap(list => [
      ref(kind, GRAFANA, `${list}/valueFrom/secretKeyRef/name`, 'Secret', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, `${list}/valueFrom/configMapKeyRef/name`, 'ConfigMap', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
    ])),
    ...['GrafanaDashboard', 'GrafanaLibraryPanel'].flatMap(kind => [
      ref(kind, GRAFANA, 'spec/configMapRef/name', 'ConfigMap', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, 'spec/envFrom/configMapKeyRef/name', 'ConfigMap', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, 'spec/envFrom/secretKeyRef/name', 'Secret', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, 'spec/envs/valueFrom/configMapKeyRef/name', 'ConfigMap', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, 'spec/envs/valueFrom/secretKeyRef/name', 'Secret', 'rewrite', GRAFANA_FOLLOWS, { keyPath: 'key' }),
      ref(kind, GRAFANA, 'spec/oci/pullSecretRef/name', 'Secret', 'rewrite', GRAFANA_FOLLOWS),
    ]),
    ref('Grafana', GRAFANA, 'spec/ingress/spec/tls/secretName', 'Secret', 'rewrite', `${GRAFANA_FOLLOWS} into the Ingress it makes`),
    ...['client', 'external'].map(at => ref('Grafana', GRAFANA, `spec/${at}/tls/certSecretRef/name`, 'Secret', 'rewrite', GRAFANA_FOLLOWS, { namespaceKey: 'namespace' })),
    ref('GrafanaServiceAccount', GRAFANA, 'spec/tokens/secretName', 'Secret', 'creates', 'the Grafana operator writes the token into this Secret, by this name'),
  ],
  pinned: [],
  external: [],
}

const JAEGER = ['jaegertracing.io']

const JAEGER_COMPONENTS = ['agent', 'allInOne', 'collector', 'ingester', 'query', 'ingress', 'storage/dependencies', 'storage/esIndexCleaner', 'storage/esRollover']

const JAEGER_FOLLOWS = `the Jaeger operator ${FOLLOWS} into the pods it makes`

export const jaeger: Preset = {
  name: 'jaeger',
  description: 'Jaeger operator (jaegertracing.io): storage and Kafka Secrets, ingress TLS Secrets, imagePullSecrets of the instance and of each component (volumes are found by shape).',
  references: [
    ref('Jaeger', JAEGER, 'spec/storage/secretName', 'Secret', 'rewrite', `${JAEGER_FOLLOWS} (as envFrom of the storage components)`),
    ...['collector', 'ingester'].map(c => ref('Jaeger', JAEGER, `spec/${c}/kafkaSecretName`, 'Secret', 'rewrite', JAEGER_FOLLOWS)),
    ref('Jaeger', JAEGER, 'spec/ingress/secretName', 'Secret', 'rewrite', JAEGER_FOLLOWS),
    ref('Jaeger', JAEGER, 'spec/ingress/tls/secretName', 'Secret', 'rewrite', JAEGER_FOLLOWS),
    ...['', ...JAEGER_COMPONENTS.map(c => `${c}/`)].map(c => ref('Jaeger', JAEGER, `spec/${c}imagePullSecrets/name`, 'Secret', 'rewrite', JAEGER_FOLLOWS)),
  ],
  pinned: [],
  external: [],
}

// OpenTelemetry Operator: OpenTelemetryCollector (v1alpha1 and v1beta1), TargetAllocator and OpAMPBridge
// (apis/v1beta1/common.go, opentelemetrycollector_types.go, apis/v1alpha1/opampbridge_types.go,
// open-telemetry/opentelemetry-operator be894441). internal/manifests/{collector,targetallocator,opampbridge}
// copy env, envFrom, init and additional containers into the workloads they make; collector/ingress.go
// copies ingress.tls. spec.configmaps are mounted at /var/conf/<mountpath>/configmap-<name>
// (collector/container.go), a path the collector's config names. Not Instrumentation: its webhook resolves
// env and tls.secretName/configMapName in the namespace of each pod it instruments, which it does not name.
// Mutable: the collector CRD's one CEL rule is about tolerations in sidecar mode, and the webhooks'
// ValidateUpdate (internal/webhook/*_webhook.go) forbids only a change of the collector's mode.
const OTEL = ['opentelemetry.io']

const OTEL_FOLLOWS = `the OpenTelemetry Operator ${FOLLOWS} into the workload it makes (in sidecar mode, into pods created from then on)`

export const opentelemetryOperator: Preset = {
  name: 'opentelemetry-operator',
  description: 'OpenTelemetry Operator: env and envFrom of OpenTelemetryCollector, TargetAllocator and OpAMPBridge (also of init and additional containers, and of a collector\'s embedded target allocator), collector ingress TLS Secrets; spec.configmaps pinned, because the operator mounts each at a path made of its name (volumes are found by shape).',
  references: [
    ...['spec', 'spec/initContainers', 'spec/additionalContainers', 'spec/targetAllocator'].flatMap(at =>
      containerFieldsAt('OpenTelemetryCollector', OTEL, at, OTEL_FOLLOWS)),
    ...['spec', 'spec/initContainers', 'spec/additionalContainers'].flatMap(at => containerFieldsAt('TargetAllocator', OTEL, at, OTEL_FOLLOWS)),
    ...containerFieldsAt('OpAMPBridge', OTEL, 'spec', OTEL_FOLLOWS),
    ref('OpenTelemetryCollector', OTEL, 'spec/configmaps/name', 'ConfigMap', 'pin',
      'the OpenTelemetry Operator mounts each at /var/conf/<mountpath>/configmap-<name>: renaming would move the files the collector\'s config points at'),
    ref('OpenTelemetryCollector', OTEL, 'spec/ingress/tls/secretName', 'Secret', 'rewrite', `the OpenTelemetry Operator ${FOLLOWS} into the Ingress it makes`),
  ],
  pinned: [],
  external: [],
}
