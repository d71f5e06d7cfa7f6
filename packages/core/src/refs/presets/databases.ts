// Presets: PostgreSQL operators: CloudNativePG and Zalando's postgres-operator.
import type { Preset } from '../../types.js'
import { POD_SPEC_FIELDS } from '../pod-spec-fields.js'
import { ref, containerFieldsAt, pins, FOLLOWS } from './define.js'

// --- internal ---

// CloudNativePG: the fields are those of its CRDs (releases/cnpg-1.30.0.yaml and
// api/v1/cluster_types.go, cloudnative-pg/cloudnative-pg a95a534db), API
// reference https://cloudnative-pg.io/documentation/current/cloudnative-pg.v1/.
// No CEL rule or webhook check (internal/webhook/v1/cluster_webhook.go,
// validateClusterChanges) forbids changing them on a live Cluster.
const CNPG = ['postgresql.cnpg.io']

const CNPG_FOLLOWS = `the CloudNativePG operator ${FOLLOWS}`

const CNPG_BOOTSTRAP = 'the CloudNativePG operator reads it when it creates the cluster; a later change of the name only updates the Cluster'

/** Barman object store credentials: each a SecretKeySelector. */
const BARMAN_CREDENTIALS = [
  's3Credentials/accessKeyId', 's3Credentials/secretAccessKey', 's3Credentials/region', 's3Credentials/sessionToken',
  'azureCredentials/connectionString', 'azureCredentials/storageAccount', 'azureCredentials/storageKey', 'azureCredentials/storageSasToken',
  'googleCredentials/applicationCredentials', 'endpointCA',
]

/** initdb's SQL files: ConfigMapKeySelector and SecretKeySelector lists. */
const INITDB_SQL_REFS = ['postInitSQLRefs', 'postInitApplicationSQLRefs', 'postInitTemplateSQLRefs']

const KEY = { keyPath: 'key' } as const

export const cloudnativePg: Preset = {
  name: 'cloudnative-pg',
  description: 'CloudNativePG: the Secrets and ConfigMaps a Cluster, Pooler or DatabaseRole names (credentials, certificates, backup object store credentials, monitoring queries, bootstrap SQL, projected volumes, env); the operator\'s fixed-name ConfigMaps.',
  references: [
    ref('Cluster', CNPG, 'spec/superuserSecret/name', 'Secret', 'rewrite', CNPG_FOLLOWS),
    ...['initdb', 'pg_basebackup', 'recovery'].map(method => ref('Cluster', CNPG, `spec/bootstrap/${method}/secret/name`, 'Secret', 'rewrite', CNPG_BOOTSTRAP)),
    ...INITDB_SQL_REFS.flatMap(refs => [
      ref('Cluster', CNPG, `spec/bootstrap/initdb/${refs}/secretRefs/name`, 'Secret', 'rewrite', CNPG_BOOTSTRAP, KEY),
      ref('Cluster', CNPG, `spec/bootstrap/initdb/${refs}/configMapRefs/name`, 'ConfigMap', 'rewrite', CNPG_BOOTSTRAP, KEY),
    ]),
    ref('Cluster', CNPG, 'spec/bootstrap/recovery/backup/endpointCA/name', 'Secret', 'rewrite', CNPG_BOOTSTRAP, KEY),
    ...['serverCASecret', 'serverTLSSecret', 'replicationTLSSecret', 'clientCASecret'].map(field =>
      ref('Cluster', CNPG, `spec/certificates/${field}`, 'Secret', 'rewrite', CNPG_FOLLOWS)),
    ...['spec/backup/barmanObjectStore', 'spec/externalClusters/barmanObjectStore'].flatMap(store =>
      BARMAN_CREDENTIALS.map(field => ref('Cluster', CNPG, `${store}/${field}/name`, 'Secret', 'rewrite', CNPG_FOLLOWS, KEY))),
    ...['password', 'sslCert', 'sslKey', 'sslRootCert'].map(field =>
      ref('Cluster', CNPG, `spec/externalClusters/${field}/name`, 'Secret', 'rewrite', CNPG_FOLLOWS, KEY)),
    ref('Cluster', CNPG, 'spec/managed/roles/passwordSecret/name', 'Secret', 'rewrite', CNPG_FOLLOWS),
    ref('Cluster', CNPG, 'spec/monitoring/customQueriesConfigMap/name', 'ConfigMap', 'rewrite', CNPG_FOLLOWS, KEY),
    ref('Cluster', CNPG, 'spec/monitoring/customQueriesSecret/name', 'Secret', 'rewrite', CNPG_FOLLOWS, KEY),
    ref('Cluster', CNPG, 'spec/postgresql/ldap/bindSearchAuth/bindPassword/name', 'Secret', 'rewrite', CNPG_FOLLOWS, KEY),
    ref('Cluster', CNPG, 'spec/projectedVolumeTemplate/sources/configMap/name', 'ConfigMap', 'rewrite',
      `${CNPG_FOLLOWS} into the instance pods`, { keyPath: 'items/key' }),
    ref('Cluster', CNPG, 'spec/projectedVolumeTemplate/sources/secret/name', 'Secret', 'rewrite',
      `${CNPG_FOLLOWS} into the instance pods`, { keyPath: 'items/key' }),
    ref('Cluster', CNPG, 'spec/imagePullSecrets/name', 'Secret', 'rewrite', `${CNPG_FOLLOWS} into the instance pods`),
    ...containerFieldsAt('Cluster', CNPG, 'spec', `${CNPG_FOLLOWS} into the instance pods`),
    ...['authQuerySecret', 'clientCASecret', 'clientTLSSecret', 'serverCASecret', 'serverTLSSecret'].map(field =>
      ref('Pooler', CNPG, `spec/pgbouncer/${field}/name`, 'Secret', 'rewrite', CNPG_FOLLOWS)),
    ref('DatabaseRole', CNPG, 'spec/passwordSecret/name', 'Secret', 'rewrite', CNPG_FOLLOWS),
  ],
  pinned: [
    // api/v1/cluster_defaults.go DefaultMonitoringConfigMapName; internal/controller/cluster_create.go copies
    // it from the operator's namespace into each Cluster's namespace under the same name.
    ...pins('ConfigMap', ['cnpg-default-monitoring'],
      'CloudNativePG reads its default monitoring queries from this name (MONITORING_QUERIES_CONFIGMAP) and copies them into each Cluster\'s namespace under this fixed name'),
    // The release's operator Deployment: --config-map-name=cnpg-controller-manager-config --secret-name=cnpg-controller-manager-config.
    ...(['ConfigMap', 'Secret'] as const).flatMap(kind => pins(kind, ['cnpg-controller-manager-config'],
      'the CloudNativePG operator reads its settings from this name, given in its --config-map-name and --secret-name flags')),
  ],
  external: [],
}

// Zalando postgres-operator: the postgresql kind's fields (manifests/postgresql.crd.yaml,
// pkg/apis/acid.zalan.do/v1/postgresql_type.go, zalando/postgres-operator a7aaad0a),
// documented in docs/reference/cluster_manifest.md. The operator copies them into the
// StatefulSet of the cluster's pods (pkg/cluster/k8sres.go); TLS Secrets are mounted at
// /tls and /tlsca, whatever their names.
const ZALANDO = ['acid.zalan.do']

const ZALANDO_FOLLOWS = `the postgres-operator ${FOLLOWS} into the cluster's StatefulSet`

export const zalandoPostgresOperator: Preset = {
  name: 'zalando-postgres-operator',
  description: 'Zalando postgres-operator: a postgresql cluster\'s env and envFrom (also of its init containers and sidecars), additional volumes and TLS Secrets.',
  references: [
    ...['spec', 'spec/initContainers', 'spec/sidecars'].flatMap(at => containerFieldsAt('postgresql', ZALANDO, at, ZALANDO_FOLLOWS)),
    ...POD_SPEC_FIELDS.filter(f => f.path.startsWith('volumes/')).map(f =>
      ref('postgresql', ZALANDO, `spec/additionalVolumes/volumeSource/${f.path.slice('volumes/'.length)}`, f.target, 'rewrite', ZALANDO_FOLLOWS,
        f.keyPath !== undefined ? { keyPath: f.keyPath } : {})),
    ...['secretName', 'caSecretName'].map(field => ref('postgresql', ZALANDO, `spec/tls/${field}`, 'Secret', 'rewrite', ZALANDO_FOLLOWS)),
  ],
  pinned: [],
  external: [],
}
