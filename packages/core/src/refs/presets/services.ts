// Presets: operators that run a service for applications: RabbitMQ.
import type { Preset } from '../../types.js'
import { ref, FOLLOWS } from './define.js'

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
