// The built-in reference table: every place a Kubernetes object names a
// ConfigMap or Secret, as data. Presets (presets.ts) add operators' kinds.
import type { ReferenceSpec, TargetKind } from '../types.js'
import { POD_SPEC_FIELDS } from './pod-spec-fields.js'

const CORE = [''] as const
const INGRESS_GROUPS = ['networking.k8s.io', 'extensions'] as const
const RBAC = ['rbac.authorization.k8s.io'] as const

function podSpec(path: string, target: TargetKind): ReferenceSpec {
  return { on: 'PodSpec', path, target, use: 'rewrite' }
}

function onKind(
  kind: string, groups: readonly string[], path: string, target: TargetKind,
  extra: Partial<Pick<ReferenceSpec, 'format' | 'namespaceKey' | 'where' | 'use'>> = {},
): ReferenceSpec {
  return { on: { kind, groups }, path, target, use: 'rewrite', ...extra }
}

/** In every pod spec, found by shape. */
const POD_SPEC: ReferenceSpec[] = POD_SPEC_FIELDS.map(([path, target]) => podSpec(path, target))

const PV_SECRET_REFS = [
  'csi/nodePublishSecretRef', 'csi/controllerPublishSecretRef', 'csi/nodeStageSecretRef',
  'csi/controllerExpandSecretRef', 'csi/nodeExpandSecretRef',
  'cephfs/secretRef', 'rbd/secretRef', 'iscsi/secretRef', 'flexVolume/secretRef',
  'scaleIO/secretRef', 'storageos/secretRef',
] as const

const CSI_PARAMS = [
  'provisioner', 'controller-publish', 'node-stage', 'node-publish', 'controller-expand', 'node-expand',
] as const

const INGRESS_NGINX_ANNOTATIONS: ReadonlyArray<readonly [string, TargetKind]> = [
  ['nginx.ingress.kubernetes.io/auth-secret', 'Secret'],
  ['nginx.ingress.kubernetes.io/auth-tls-secret', 'Secret'],
  ['nginx.ingress.kubernetes.io/proxy-ssl-secret', 'Secret'],
  ['ingress.kubernetes.io/auth-secret', 'Secret'],
  ['nginx.ingress.kubernetes.io/fastcgi-params-configmap', 'ConfigMap'],
  ['nginx.ingress.kubernetes.io/auth-proxy-set-headers', 'ConfigMap'],
  ['nginx.ingress.kubernetes.io/custom-headers', 'ConfigMap'],
]

const escapeKey = (key: string): string => key.replaceAll('/', '\\/')

/** Outside pod specs: kustomize's built-in name references for ConfigMaps and Secrets, and more. */
const BY_KIND: ReferenceSpec[] = [
  onKind('ServiceAccount', CORE, 'secrets/name', 'Secret', { namespaceKey: 'namespace' }),
  onKind('ServiceAccount', CORE, 'imagePullSecrets/name', 'Secret'),
  onKind('Ingress', INGRESS_GROUPS, 'spec/tls/secretName', 'Secret'),
  ...INGRESS_NGINX_ANNOTATIONS.map(([key, target]) =>
    onKind('Ingress', INGRESS_GROUPS, `metadata/annotations/${escapeKey(key)}`, target, { format: 'namespaced-name' })),
  ...PV_SECRET_REFS.map(ref => onKind('PersistentVolume', CORE, `spec/${ref}/name`, 'Secret', { namespaceKey: 'namespace' })),
  onKind('PersistentVolume', CORE, 'spec/azureFile/secretName', 'Secret', { namespaceKey: 'secretNamespace' }),
  ...CSI_PARAMS.map(p => onKind('StorageClass', ['storage.k8s.io'],
    `parameters/csi.storage.k8s.io\\/${p}-secret-name`, 'Secret',
    { namespaceKey: `csi.storage.k8s.io/${p}-secret-namespace` })),
  onKind('StorageClass', ['storage.k8s.io'], 'parameters/secretName', 'Secret', { namespaceKey: 'secretNamespace' }),
  onKind('StorageClass', ['storage.k8s.io'], 'parameters/adminSecretName', 'Secret', { namespaceKey: 'adminSecretNamespace' }),
  onKind('StorageClass', ['storage.k8s.io'], 'parameters/userSecretName', 'Secret', { namespaceKey: 'userSecretNamespace' }),
  onKind('StorageClass', ['storage.k8s.io'], 'parameters/secretRef', 'Secret'),
  onKind('VolumeSnapshotClass', ['snapshot.storage.k8s.io'],
    'parameters/csi.storage.k8s.io\\/snapshotter-secret-name', 'Secret',
    { namespaceKey: 'csi.storage.k8s.io/snapshotter-secret-namespace' }),
  onKind('VolumeSnapshotClass', ['snapshot.storage.k8s.io'],
    'parameters/csi.storage.k8s.io\\/snapshotter-list-secret-name', 'Secret',
    { namespaceKey: 'csi.storage.k8s.io/snapshotter-list-secret-namespace' }),
  onKind('Node', CORE, 'spec/configSource/configMap/name', 'ConfigMap', { namespaceKey: 'namespace' }),
  ...(['Role', 'ClusterRole'] as const).flatMap(kind => [
    onKind(kind, RBAC, 'rules/resourceNames', 'ConfigMap', { use: 'pin', where: { key: 'resources', anyOf: ['configmaps', '*'] } }),
    onKind(kind, RBAC, 'rules/resourceNames', 'Secret', { use: 'pin', where: { key: 'resources', anyOf: ['secrets', '*'] } }),
  ]),
]

/**
 * Every built-in reference location. A superset of kustomize's built-in
 * name-reference list for ConfigMaps and Secrets (which misses
 * `ephemeralContainers`, volume-plugin secret refs, ServiceAccount `secrets`,
 * PersistentVolume CSI refs and ReplicationController), with pod specs found
 * by shape rather than listed per kind.
 */
export const REFERENCE_SPECS: readonly ReferenceSpec[] = [...POD_SPEC, ...BY_KIND]

/**
 * Kinds whose objects have no namespace. A reference from one of these
 * carries its target's namespace in a field, or means any namespace.
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'VolumeSnapshotClass', 'CSIDriver', 'CSINode',
  'VolumeAttachment', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'PriorityClass', 'IngressClass', 'RuntimeClass', 'PodSecurityPolicy', 'CertificateSigningRequest',
  'FlowSchema', 'PriorityLevelConfiguration', 'StorageVersionMigration', 'DeviceClass',
  'ClusterIssuer', 'ClusterSecretStore', 'ClusterExternalSecret', 'ClusterTriggerAuthentication',
])
