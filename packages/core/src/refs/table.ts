/** The kinds of object cmhash renames. */
export type TargetKind = 'ConfigMap' | 'Secret'

/**
 * One place where an object names a ConfigMap or Secret. The table of these
 * is data: one generic walker (walk.ts) follows every entry, so adding a
 * location never means adding code.
 */
export interface ReferenceSpec {
  /**
   * Where the path starts: at every pod spec, found by its shape (a map with
   * a `containers` list) anywhere in any object, custom resources included;
   * or at the root of objects of one kind (and, if given, API groups and
   * versions).
   */
  readonly on: 'PodSpec' | {
    readonly kind: string
    readonly groups?: readonly string[]
    readonly versions?: readonly string[]
  }
  /**
   * `/`-separated keys to the name. Sequences are walked implicitly (so
   * `volumes/configMap/name` visits every volume); a missing key is no
   * reference; a list of strings at the end is a list of names. `\/` is a
   * `/` inside a key (annotation keys); a key with `*` matches keys by
   * pattern (`*` alone: any key; `*SecretRef`: keys ending in SecretRef).
   */
  readonly path: string
  /**
   * What the name names: a kind, or the key beside the name that holds the
   * kind (Flux `valuesFrom: [{kind: ConfigMap, name: x}]`), with the kind to
   * assume when that key is absent. When `groupKey` is given, its value must
   * be empty (the core API group) or absent.
   */
  readonly target: TargetKind | { readonly key: string; readonly default?: TargetKind; readonly groupKey?: string }
  /**
   * `rewrite`: follows the rename. `pin`: something reads the object by its
   * name, so it keeps its name (unless forced). `creates`: something writes
   * the object at run time under this name (cert-manager, External
   * Secrets): it is pinned, and references to it are not reported missing.
   */
  readonly use: 'rewrite' | 'pin' | 'creates'
  /** The value is `namespace/name` or just `name` (ingress-nginx annotations). */
  readonly format?: 'namespaced-name'
  /**
   * A key beside the name that holds the target's namespace. Without one, a
   * namespaced referrer means its own namespace and a cluster-scoped
   * referrer means whichever namespace holds the only object of that name.
   */
  readonly namespaceKey?: string
  /** The target may be in any namespace (the only object of that name), whatever the referrer's. */
  readonly anyNamespace?: boolean
  /** Counts only where the key beside the name holds one of these values. */
  readonly where?: { readonly key: string; readonly anyOf: readonly string[] }
  /** Counts only in objects that carry one of these annotations. */
  readonly whenAnnotated?: readonly string[]
  /** Why this entry is what it is; shown in warnings about pins. */
  readonly reason?: string
}

/** A ConfigMap or Secret that a program reads by a fixed name: it is never hashed unless forced. */
export interface PinnedName {
  readonly kind: TargetKind
  readonly name: string
  /** Any namespace when absent. */
  readonly namespace?: string
  readonly reason: string
}

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

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const

/** In every pod spec: containers' env and envFrom, volumes, image pull secrets. */
const POD_SPEC: ReferenceSpec[] = [
  ...CONTAINER_LISTS.flatMap(c => [
    podSpec(`${c}/env/valueFrom/configMapKeyRef/name`, 'ConfigMap'),
    podSpec(`${c}/env/valueFrom/secretKeyRef/name`, 'Secret'),
    podSpec(`${c}/envFrom/configMapRef/name`, 'ConfigMap'),
    podSpec(`${c}/envFrom/secretRef/name`, 'Secret'),
  ]),
  podSpec('volumes/configMap/name', 'ConfigMap'),
  podSpec('volumes/secret/secretName', 'Secret'),
  podSpec('volumes/projected/sources/configMap/name', 'ConfigMap'),
  podSpec('volumes/projected/sources/secret/name', 'Secret'),
  podSpec('volumes/csi/nodePublishSecretRef/name', 'Secret'),
  podSpec('volumes/cephfs/secretRef/name', 'Secret'),
  podSpec('volumes/rbd/secretRef/name', 'Secret'),
  podSpec('volumes/iscsi/secretRef/name', 'Secret'),
  podSpec('volumes/flexVolume/secretRef/name', 'Secret'),
  podSpec('volumes/azureFile/secretName', 'Secret'),
  podSpec('volumes/scaleIO/secretRef/name', 'Secret'),
  podSpec('volumes/storageos/secretRef/name', 'Secret'),
  podSpec('imagePullSecrets/name', 'Secret'),
]

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
