// Presets: operators that run a service for applications: RabbitMQ, Keycloak,
// the Spark operator and KubeRay.
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

// KubeRay (ray-project/kuberay feeaf72f; these files as in v1.7.0), ray-operator: a
// RayClusterSpec is RayCluster `spec`, RayJob `spec.rayClusterSpec`, RayService
// `spec.rayClusterConfig` and RayCronJob `spec.jobTemplate.rayClusterSpec`
// (apis/ray/v1). controllers/ray/common/pod.go: configureRedisFT copies
// gcsFaultToleranceOptions.redisPassword/redisUsername (an EnvVarSource) as the head
// container's REDIS_PASSWORD/REDIS_USERNAME; SetContainerTokenAuthEnvVars makes
// authOptions.secretName the secretKeyRef (key auth_token) of RAY_AUTH_TOKEN in the Ray
// containers and the submitter. common/ingress.go: headGroupSpec.ingressOptions.tls is
// copied into the head Ingress. The operator never creates, owns or watches a Secret
// named in these fields (it makes one, named after the cluster, only when
// authOptions.secretName is empty: raycluster_controller.go reconcileAuthSecret).
// Pod templates, the autoscaler's env and the history-server collector's env are
// found by shape; what a change does to each kind is in refs/effects.ts. No CEL rule
// guards these fields (only managedBy and gcsFaultToleranceOptions.backend).
const RAY = ['ray.io']

const RAY_FOLLOWS = `KubeRay ${FOLLOWS} into the pods it makes`

function raySpec(kind: string, at: string): ReferenceSpec[] {
  const ft = `${at}/gcsFaultToleranceOptions`
  return [
    ref(kind, RAY, `${at}/authOptions/secretName`, 'Secret', 'rewrite', `${RAY_FOLLOWS} (the auth_token key, as RAY_AUTH_TOKEN)`),
    ...['redisPassword', 'redisUsername'].flatMap(field => [
      ref(kind, RAY, `${ft}/${field}/valueFrom/secretKeyRef/name`, 'Secret', 'rewrite', RAY_FOLLOWS, { keyPath: 'key' }),
      ref(kind, RAY, `${ft}/${field}/valueFrom/configMapKeyRef/name`, 'ConfigMap', 'rewrite', RAY_FOLLOWS, { keyPath: 'key' }),
    ]),
    ref(kind, RAY, `${at}/headGroupSpec/ingressOptions/tls/secretName`, 'Secret', 'rewrite', 'KubeRay copies it into the head Ingress it makes, whose controller reads it by name'),
  ]
}

export const kuberay: Preset = {
  name: 'kuberay',
  description: 'KubeRay: the auth token Secret, the GCS fault tolerance Redis password and username, and the head Ingress TLS Secrets of RayCluster, RayJob, RayService and RayCronJob (pod templates are found by shape).',
  references: [
    ...raySpec('RayCluster', 'spec'), ...raySpec('RayJob', 'spec/rayClusterSpec'),
    ...raySpec('RayService', 'spec/rayClusterConfig'), ...raySpec('RayCronJob', 'spec/jobTemplate/rayClusterSpec'),
  ],
  pinned: [],
  external: [],
}
