// Presets: database operators: CloudNativePG and Zalando's postgres-operator
// (PostgreSQL), the MongoDB Community operator, Altinity's ClickHouse operator.
import type { Preset, ReferenceSpec } from '../../types.js'
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

// MongoDB Community operator: the MongoDBCommunity kind's fields
// (api/v1/mongodbcommunity_types.go, mongodb/mongodb-kubernetes-operator
// f6a53c96). Each is read on every reconcile (controllers/mongodb_users.go,
// prometheus.go, mongodb_tls.go); certificates and the CA are copied into
// Secrets the operator owns, named after the resource, and the files in
// them after a hash of their content, so a new name with the same content
// changes nothing in the pods. No CEL rule or webhook forbids the change.
// Not here: scramCredentialsSecretName is a prefix (the operator creates
// `<value>-scram-credentials`), and the connection-string Secrets it
// creates are named, when not given, after the resource, database and user.
const MONGODB = ['mongodbcommunity.mongodb.com']

const MONGODB_FOLLOWS = `the MongoDB Community operator ${FOLLOWS}`

export const mongodbCommunity: Preset = {
  name: 'mongodb-community',
  description: 'MongoDB Community operator: the Secrets and ConfigMaps a MongoDBCommunity names (users\' passwords, Prometheus credentials and TLS, TLS certificates and CA, the agent\'s X.509 certificate); the connection-string Secrets it creates; the default agent certificate Secret pinned.',
  references: [
    ref('MongoDBCommunity', MONGODB, 'spec/users/passwordSecretRef/name', 'Secret', 'rewrite',
      `${MONGODB_FOLLOWS}; the SCRAM credentials are made again only when the password differs`, KEY),
    ref('MongoDBCommunity', MONGODB, 'spec/users/connectionStringSecretName', 'Secret', 'creates',
      'the MongoDB Community operator writes each user\'s connection string into this Secret (and refuses one it does not own)',
      { namespaceKey: 'connectionStringSecretNamespace' }),
    ref('MongoDBCommunity', MONGODB, 'spec/prometheus/passwordSecretRef/name', 'Secret', 'rewrite', MONGODB_FOLLOWS, KEY),
    ref('MongoDBCommunity', MONGODB, 'spec/prometheus/tlsSecretKeyRef/name', 'Secret', 'rewrite', MONGODB_FOLLOWS, KEY),
    ref('MongoDBCommunity', MONGODB, 'spec/security/tls/certificateKeySecretRef/name', 'Secret', 'rewrite', MONGODB_FOLLOWS),
    ref('MongoDBCommunity', MONGODB, 'spec/security/tls/caCertificateSecretRef/name', 'Secret', 'rewrite', MONGODB_FOLLOWS),
    ref('MongoDBCommunity', MONGODB, 'spec/security/tls/caConfigMapRef/name', 'ConfigMap', 'rewrite', MONGODB_FOLLOWS),
    ref('MongoDBCommunity', MONGODB, 'spec/security/authentication/agentCertificateSecretRef/name', 'Secret', 'rewrite',
      `${MONGODB_FOLLOWS}, and copies it into <name>-pem, which the pods mount: a new name rolls them (the old -pem copy stays)`),
  ],
  pinned: [
    // controllers/mongodb_tls.go: with X.509 agent authentication and no
    // agentCertificateSecretRef, the operator reads the Secret agent-certs.
    ...pins('Secret', ['agent-certs'],
      'the MongoDB Community operator reads the agents\' X.509 certificate from this name when a MongoDBCommunity gives no agentCertificateSecretRef'),
  ],
  external: [],
}

// Altinity ClickHouse operator (Altinity/clickhouse-operator 50e8d049):
// ClickHouseInstallation settings and users take a value from a Secret as
// {valueFrom: {secretKeyRef: {name, key}}} under any key
// (pkg/apis/common/types/data_source.go); the operator turns it into an env
// var of the pods with that secretKeyRef (normalizer.go,
// normalizer-configuration-user.go) or reads it at reconcile into the users
// ConfigMap it writes (subst/settings.go), with a live Get each time. Files
// taken from a Secret are pinned: they are mounted at
// /etc/clickhouse-server/secrets.d/<file>/<secret name>/<key>, and the
// configuration names that path. The `k8s_secret_*` string forms
// (`namespace/name/key`) hold the name inside a string: not rewritten
// (POSSIBLE_REFERENCE may see them). Pod templates are found by shape.
const CLICKHOUSE = ['clickhouse.altinity.com']
const CLICKHOUSE_KEEPER = ['clickhouse-keeper.altinity.com']

const CLICKHOUSE_FOLLOWS = `the ClickHouse operator ${FOLLOWS} into the pods' env or the configuration it writes`

/** Where settings (and, for users, users) may be given: each level of the cluster layout. */
const CLICKHOUSE_LEVELS = [
  'spec/configuration', 'spec/configuration/clusters', 'spec/configuration/clusters/layout/shards', 'spec/configuration/clusters/layout/replicas',
  'spec/configuration/clusters/layout/shards/replicas', 'spec/configuration/clusters/layout/replicas/shards', 'spec/templates/hostTemplates/spec',
]

const FROM_SECRET = 'valueFrom/secretKeyRef/name'

const FILES_PINNED = 'the ClickHouse operator mounts a file taken from a Secret at a path that holds the Secret\'s name (secrets.d/<file>/<name>/<key>), which the configuration names: a new name would move the file'

/** Settings and files of one ClickHouse kind, at each level. */
function clickhouseSettings(kind: string, groups: readonly string[]): ReferenceSpec[] {
  return CLICKHOUSE_LEVELS.flatMap(level => [
    ref(kind, groups, `${level}/settings/*/${FROM_SECRET}`, 'Secret', 'rewrite', CLICKHOUSE_FOLLOWS, KEY),
    ref(kind, groups, `${level}/files/*/${FROM_SECRET}`, 'Secret', 'pin', FILES_PINNED, KEY),
  ])
}

export const clickhouseOperator: Preset = {
  name: 'clickhouse-operator',
  description: 'Altinity ClickHouse operator: users\', settings\' and the cluster secret\'s valueFrom.secretKeyRef in a ClickHouseInstallation (and its templates) or ClickHouseKeeperInstallation; Secrets taken as files pinned (their names are in mount paths); the operator\'s own credentials Secret pinned.',
  references: [
    ...['ClickHouseInstallation', 'ClickHouseInstallationTemplate'].flatMap(kind => [
      ref(kind, CLICKHOUSE, `spec/configuration/users/*/${FROM_SECRET}`, 'Secret', 'rewrite', CLICKHOUSE_FOLLOWS, KEY),
      ref(kind, CLICKHOUSE, `spec/configuration/clusters/secret/${FROM_SECRET}`, 'Secret', 'rewrite', CLICKHOUSE_FOLLOWS, KEY),
      ...clickhouseSettings(kind, CLICKHOUSE),
    ]),
    ...clickhouseSettings('ClickHouseKeeperInstallation', CLICKHOUSE_KEEPER),
  ],
  pinned: [
    // pkg/chop/config_manager.go fetchSecretCredentials: the Secret named by
    // clickhouse.access.secret.name in the operator's config.yaml (the
    // install bundle: clickhouse-operator), read by name at start-up.
    ...pins('Secret', ['clickhouse-operator'],
      'the ClickHouse operator reads its credentials for ClickHouse from this Secret by the name in its config.yaml (clickhouse.access.secret.name)'),
  ],
  external: [],
}
