// The built-in reference table: every place a Kubernetes object names a
// ConfigMap or Secret, as data. Presets (presets.ts) add operators' kinds.
import type { ExternalName, ReferenceSpec, TargetKind } from '../types.js'
import { fieldSpec, POD_SPEC_FIELDS } from './pod-spec-fields.js'

const CORE = [''] as const
const INGRESS_GROUPS = ['networking.k8s.io', 'extensions'] as const
const RBAC = ['rbac.authorization.k8s.io'] as const
const STORAGE = ['storage.k8s.io'] as const

type Decision = Pick<ReferenceSpec, 'use' | 'mutable'> & Partial<Pick<ReferenceSpec, 'format' | 'namespaceKey' | 'where' | 'reason'>>

/** An entry at the root of objects of one kind; `use` and `mutable` are decided for every entry. */
function onKind(kind: string, groups: readonly string[], path: string, target: TargetKind, decision: Decision): ReferenceSpec {
  return { on: { kind, groups }, path, target, ...decision }
}

/** In every pod spec, found by shape. */
const POD_SPEC: ReferenceSpec[] = POD_SPEC_FIELDS.map(f => ({ on: 'PodSpec', path: f.path, ...fieldSpec(f) }))

/** In every list of volumes outside a pod spec, found by shape: the pod spec's `volumes/` fields. */
const VOLUME_LIST: ReferenceSpec[] = POD_SPEC_FIELDS.filter(f => f.path.startsWith('volumes/'))
  .map(f => ({ on: 'VolumeList', path: f.path.slice('volumes/'.length), ...fieldSpec(f) }))

/**
 * In every map outside a pod spec with an `env` list of EnvVars that take a
 * value from a ConfigMap or Secret, or an `envFrom` list (a container a
 * custom resource embeds on its own): a container's env and envFrom fields.
 */
const ENV_HOLDER: ReferenceSpec[] = POD_SPEC_FIELDS.filter(f => f.path.startsWith('containers/'))
  .map(f => ({ on: 'EnvHolder', path: f.path.slice('containers/'.length), ...fieldSpec(f) }))

/** Rewritten, and the field may change on a live object. */
const FOLLOWS = { use: 'rewrite', mutable: true } as const

const PV_IMMUTABLE = 'a PersistentVolume\'s source cannot change after creation (the API server rejects it: spec.persistentvolumesource is immutable), and the volume is mounted with this name for its whole life'
const PV_SECRET_REFS = [
  'csi/nodePublishSecretRef', 'csi/controllerPublishSecretRef', 'csi/nodeStageSecretRef',
  'csi/controllerExpandSecretRef', 'csi/nodeExpandSecretRef',
  'cephfs/secretRef', 'rbd/secretRef', 'iscsi/secretRef', 'flexVolume/secretRef',
  'scaleIO/secretRef', 'storageos/secretRef',
] as const

const SC_IMMUTABLE = 'StorageClass parameters cannot change after creation (the API server rejects it: "updates to parameters are forbidden"), and every volume provisioned from it keeps this name'
/** external-provisioner's secret parameters: `csi.storage.k8s.io/<op>-secret-name` (`secret-name`: the default for every operation). */
const CSI_PARAMS = [
  '', 'provisioner-', 'controller-publish-', 'node-stage-', 'node-publish-', 'controller-expand-', 'node-expand-', 'controller-modify-',
] as const
/** external-provisioner's deprecated spellings, still read. */
const CSI_DEPRECATED_PARAMS = ['csiProvisioner', 'csiControllerPublish', 'csiNodeStage', 'csiNodePublish'] as const
/** In-tree provisioners' (glusterfs, rbd, scaleIO, storageos, azure-file) secret parameters and their namespace keys. */
const IN_TREE_PARAMS = [
  ['secretName', 'secretNamespace'], ['adminSecretName', 'adminSecretNamespace'], ['userSecretName', 'userSecretNamespace'], ['secretRef', undefined],
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

/** A class whose secret parameters cannot change (CEL `self == oldSelf`) and are copied into what it creates. */
function immutableClassParams(kind: string, groups: readonly string[], at: string, param: string, reason: string): ReferenceSpec {
  return onKind(kind, groups, `${at}/${escapeKey(`${param}-name`)}`, 'Secret', { use: 'pin', mutable: false, namespaceKey: `${param}-namespace`, reason })
}

/**
 * Outside pod specs: kustomize's built-in name references for ConfigMaps and
 * Secrets, and more. Each entry says whether the field can change on a live
 * object (`mutable`, see mutability in the README); an object named from an
 * immutable field keeps its name wherever else it is referenced.
 */
const BY_KIND: ReferenceSpec[] = [
  onKind('ServiceAccount', CORE, 'secrets/name', 'Secret', {
    ...FOLLOWS, namespaceKey: 'namespace',
    reason: 'with annotation kubernetes.io/enforce-mountable-secrets, pods of this ServiceAccount may only mount the Secrets listed here, so the list must follow a rename',
  }),
  onKind('ServiceAccount', CORE, 'imagePullSecrets/name', 'Secret', {
    ...FOLLOWS,
    reason: 'copied into each Pod when the Pod is created: running pods keep the old name until they are recreated',
  }),
  onKind('Ingress', INGRESS_GROUPS, 'spec/tls/secretName', 'Secret', FOLLOWS),
  ...INGRESS_NGINX_ANNOTATIONS.map(([key, target]) =>
    onKind('Ingress', INGRESS_GROUPS, `metadata/annotations/${escapeKey(key)}`, target, { ...FOLLOWS, format: 'namespaced-name' })),
  ...PV_SECRET_REFS.map(ref => onKind('PersistentVolume', CORE, `spec/${ref}/name`, 'Secret',
    { use: 'pin', mutable: false, namespaceKey: 'namespace', reason: PV_IMMUTABLE })),
  onKind('PersistentVolume', CORE, 'spec/azureFile/secretName', 'Secret',
    { use: 'pin', mutable: false, namespaceKey: 'secretNamespace', reason: PV_IMMUTABLE }),
  ...CSI_PARAMS.map(p => immutableClassParams('StorageClass', STORAGE, 'parameters', `csi.storage.k8s.io/${p}secret`, SC_IMMUTABLE)),
  ...CSI_DEPRECATED_PARAMS.map(p => onKind('StorageClass', STORAGE, `parameters/${p}SecretName`, 'Secret',
    { use: 'pin', mutable: false, namespaceKey: `${p}SecretNamespace`, reason: SC_IMMUTABLE })),
  ...IN_TREE_PARAMS.map(([key, namespaceKey]) => onKind('StorageClass', STORAGE, `parameters/${key}`, 'Secret',
    { use: 'pin', mutable: false, reason: SC_IMMUTABLE, ...(namespaceKey ? { namespaceKey } : {}) })),
  ...['snapshotter', 'snapshotter-list'].map(p => onKind('VolumeSnapshotClass', ['snapshot.storage.k8s.io'],
    `parameters/${escapeKey(`csi.storage.k8s.io/${p}-secret-name`)}`, 'Secret', {
      use: 'pin', mutable: true, namespaceKey: `csi.storage.k8s.io/${p}-secret-namespace`,
      reason: 'every VolumeSnapshotContent made from this class keeps this name (annotation snapshot.storage.kubernetes.io/deletion-secret-name) and uses it to delete its snapshot',
    })),
  immutableClassParams('VolumeGroupSnapshotClass', ['groupsnapshot.storage.k8s.io'], 'parameters', 'csi.storage.k8s.io/group-snapshotter-secret',
    'VolumeGroupSnapshotClass parameters cannot change after creation (CEL rule self == oldSelf: "parameters are immutable once set"), and every group snapshot made from it keeps this name'),
  immutableClassParams('VolumeReplicationClass', ['replication.storage.openshift.io'], 'spec/parameters', 'replication.storage.openshift.io/replication-secret',
    'VolumeReplicationClass parameters cannot change after creation (CEL rule self == oldSelf: "parameters are immutable")'),
  onKind('Node', CORE, 'spec/configSource/configMap/name', 'ConfigMap', {
    ...FOLLOWS, namespaceKey: 'namespace',
    reason: 'accepted, but the API server drops spec.configSource and the kubelet no longer reads it (dynamic kubelet configuration was removed)',
  }),
  ...(['Role', 'ClusterRole'] as const).flatMap(kind => [
    onKind(kind, RBAC, 'rules/resourceNames', 'ConfigMap', { use: 'pin', mutable: true, where: { key: 'resources', anyOf: ['configmaps', '*'] } }),
    onKind(kind, RBAC, 'rules/resourceNames', 'Secret', { use: 'pin', mutable: true, where: { key: 'resources', anyOf: ['secrets', '*'] } }),
  ]),
]

/**
 * Every built-in reference location. A superset of kustomize's built-in
 * name-reference list for ConfigMaps and Secrets (which misses
 * `ephemeralContainers`, volume-plugin secret refs, ServiceAccount `secrets`,
 * PersistentVolume CSI refs and ReplicationController), with pod specs found
 * by shape rather than listed per kind.
 */
export const REFERENCE_SPECS: readonly ReferenceSpec[] = [...POD_SPEC, ...VOLUME_LIST, ...ENV_HOLDER, ...BY_KIND]

/**
 * Kinds whose objects have no namespace. A reference from one of these
 * carries its target's namespace in a field, or means any namespace.
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'VolumeSnapshotClass', 'VolumeGroupSnapshotClass',
  'VolumeReplicationClass', 'CSIDriver', 'CSINode',
  'VolumeAttachment', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'PriorityClass', 'IngressClass', 'RuntimeClass', 'PodSecurityPolicy', 'CertificateSigningRequest',
  'FlowSchema', 'PriorityLevelConfiguration', 'StorageVersionMigration', 'DeviceClass',
  'ClusterIssuer', 'ClusterSecretStore', 'ClusterExternalSecret', 'ClusterTriggerAuthentication',
])

/** Objects Kubernetes itself creates, which manifests reference but never hold. */
export const EXTERNAL_NAMES: readonly ExternalName[] = [
  { kind: 'ConfigMap', name: 'kube-root-ca.crt', reason: 'kube-controller-manager publishes the cluster\'s CA bundle under this name in every namespace' },
  { kind: 'ConfigMap', name: 'extension-apiserver-authentication', namespace: 'kube-system', reason: 'kube-apiserver writes it for aggregated API servers' },
]
