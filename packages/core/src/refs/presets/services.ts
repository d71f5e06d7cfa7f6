// Presets: operators that run a service for applications: RabbitMQ, Keycloak
// and the Spark operator.
import type { Preset, ReferenceSpec } from '../../types.js'
import { ref, containerFieldsAt, FOLLOWS } from './define.js'

// --- internal ---

// RabbitMQ cluster-operator: RabbitmqCluster (config/crd/bases/rabbitmq.com_rabbitmqclusters.yaml,
// api/v1beta1/rabbitmqcluster_types.go, rabbitmq/cluster-operator 06cda8e8). The operator mounts
// the TLS Secrets at fixed paths in the StatefulSet it makes (internal/resource/statefulset.go).
// Mutable: the CRD's one CEL rule is on envConfig, and the webhook's ValidateUpdate
// (internal/webhook/v1beta1/rabbitmqcluster_webhook.go) checks only the override pod spec.
const RABBITMQ = ['rabbitmq.com']

const RABBITMQ_FOLLOWS = `the RabbitMQ cluster operator ${FOLLOWS} into the StatefulSet it makes`

export const rabbitmqClusterOperator: Preset = {
  name: 'rabbitmq-cluster-operator',
  description: 'RabbitMQ cluster operator: a RabbitmqCluster\'s TLS and CA Secrets, its external default-user Secret and image pull Secrets (override.statefulSet pod templates are found by shape).',
  references: [
    ref('RabbitmqCluster', RABBITMQ, 'spec/tls/secretName', 'Secret', 'rewrite', RABBITMQ_FOLLOWS),
    ref('RabbitmqCluster', RABBITMQ, 'spec/tls/caSecretName', 'Secret', 'rewrite', RABBITMQ_FOLLOWS),
    ref('RabbitmqCluster', RABBITMQ, 'spec/secretBackend/externalSecret/name', 'Secret', 'rewrite', RABBITMQ_FOLLOWS),
    ref('RabbitmqCluster', RABBITMQ, 'spec/imagePullSecrets/name', 'Secret', 'rewrite', RABBITMQ_FOLLOWS),
  ],
  pinned: [],
  external: [],
}

// Keycloak operator: Keycloak (kubernetes/keycloaks.k8s.keycloak.org-v1.yml, keycloak/keycloak-k8s-resources
// 26.0.0). keycloak/keycloak operator/.../KeycloakDistConfigurator.java turns the db and bootstrap-admin
// Secrets into secretKeyRef env of the StatefulSet, and KeycloakDeploymentDependentResource.java mounts
// http.tlsSecret and cache.configMapFile at fixed paths. Not `truststores`: each is mounted at a path
// made of its Secret's name. KeycloakRealmImportJobDependentResource.java turns placeholders into
// secretKeyRef env of the import Job, which it only creates. Mutable: the CRDs carry no CEL rule and
// the operator has no admission webhook.
const KEYCLOAK = ['k8s.keycloak.org']

const KEYCLOAK_FOLLOWS = `the Keycloak operator ${FOLLOWS} into the StatefulSet it makes`

const KEYCLOAK_BOOTSTRAP = `${KEYCLOAK_FOLLOWS}, but Keycloak uses the bootstrap admin only to create the first admin: a later change of the name rolls the pods and changes nothing else`

const KEYCLOAK_IMPORT = 'the Keycloak operator reads it when it creates the realm import Job; a realm import runs once (it never updates a realm), so a later change of the name only updates the KeycloakRealmImport'

export const keycloakOperator: Preset = {
  name: 'keycloak-operator',
  description: 'Keycloak operator: a Keycloak\'s database, TLS, bootstrap-admin and option Secrets, its cache ConfigMap and image pull Secrets (unsupported.podTemplate is found by shape); a KeycloakRealmImport\'s placeholder Secrets.',
  references: [
    ref('Keycloak', KEYCLOAK, 'spec/db/usernameSecret/name', 'Secret', 'rewrite', KEYCLOAK_FOLLOWS, { keyPath: 'key' }),
    ref('Keycloak', KEYCLOAK, 'spec/db/passwordSecret/name', 'Secret', 'rewrite', KEYCLOAK_FOLLOWS, { keyPath: 'key' }),
    ref('Keycloak', KEYCLOAK, 'spec/http/tlsSecret', 'Secret', 'rewrite', KEYCLOAK_FOLLOWS),
    ref('Keycloak', KEYCLOAK, 'spec/bootstrapAdmin/user/secret', 'Secret', 'rewrite', KEYCLOAK_BOOTSTRAP),
    ref('Keycloak', KEYCLOAK, 'spec/bootstrapAdmin/service/secret', 'Secret', 'rewrite', KEYCLOAK_BOOTSTRAP),
    ref('Keycloak', KEYCLOAK, 'spec/additionalOptions/secret/name', 'Secret', 'rewrite', KEYCLOAK_FOLLOWS, { keyPath: 'key' }),
    ref('Keycloak', KEYCLOAK, 'spec/cache/configMapFile/name', 'ConfigMap', 'rewrite', KEYCLOAK_FOLLOWS, { keyPath: 'key' }),
    ref('Keycloak', KEYCLOAK, 'spec/imagePullSecrets/name', 'Secret', 'rewrite', KEYCLOAK_FOLLOWS),
    ref('KeycloakRealmImport', KEYCLOAK, 'spec/placeholders/*/secret/name', 'Secret', 'rewrite', KEYCLOAK_IMPORT, { keyPath: 'key' }),
  ],
  pinned: [],
  external: [],
}

// Spark operator: SparkApplication and ScheduledSparkApplication (config/crd/bases/
// sparkoperator.k8s.io_{sparkapplications,scheduledsparkapplications}.yaml, kubeflow/spark-operator
// 38082f33), docs/website/user-guide/writing-sparkapplication.md. Its webhook
// (internal/webhook/sparkpod_defaulter.go) mounts sparkConfigMap and hadoopConfigMap at fixed paths and
// driver/executor configMaps at the path given beside the name; spark-submit mounts secrets the same way
// (internal/controller/sparkapplication/submission.go). spec.volumes and pod templates are found by shape.
// Mutable: the CRDs carry no CEL rule, and the webhooks' ValidateUpdate
// (internal/webhook/{sparkapplication,scheduledsparkapplication}_validator.go) only validates the new
// spec; what a change makes the operator do is in refs/effects.ts.
const SPARK = ['sparkoperator.k8s.io']

const SPARK_FOLLOWS = `the Spark operator ${FOLLOWS} into the driver and executor pods`

function sparkSpec(kind: string, at: string): ReferenceSpec[] {
  return [
    ...['sparkConfigMap', 'hadoopConfigMap'].map(field => ref(kind, SPARK, `${at}/${field}`, 'ConfigMap', 'rewrite', SPARK_FOLLOWS)),
    ref(kind, SPARK, `${at}/imagePullSecrets`, 'Secret', 'rewrite', SPARK_FOLLOWS),
    ...['driverIngressOptions', 'sparkUIOptions'].map(field =>
      ref(kind, SPARK, `${at}/${field}/ingressTLS/secretName`, 'Secret', 'rewrite', `the Spark operator ${FOLLOWS} into the Ingress it makes`)),
    ...['driver', 'executor'].flatMap(pod => [
      ref(kind, SPARK, `${at}/${pod}/configMaps/name`, 'ConfigMap', 'rewrite', SPARK_FOLLOWS),
      ref(kind, SPARK, `${at}/${pod}/secrets/name`, 'Secret', 'rewrite', SPARK_FOLLOWS),
      ref(kind, SPARK, `${at}/${pod}/envSecretKeyRefs/*/name`, 'Secret', 'rewrite', SPARK_FOLLOWS, { keyPath: 'key' }),
      ...[`${at}/${pod}`, `${at}/${pod}/initContainers`, `${at}/${pod}/sidecars`].flatMap(c => containerFieldsAt(kind, SPARK, c, SPARK_FOLLOWS)),
    ]),
  ]
}

export const sparkOperator: Preset = {
  name: 'spark-operator',
  description: 'Spark operator (Kubeflow): a SparkApplication\'s (and ScheduledSparkApplication template\'s) Spark and Hadoop ConfigMaps, driver and executor ConfigMaps, Secrets and env, image pull Secrets, ingress TLS Secrets (volumes and pod templates are found by shape).',
  references: [...sparkSpec('SparkApplication', 'spec'), ...sparkSpec('ScheduledSparkApplication', 'spec/template')],
  pinned: [],
  external: [],
}
