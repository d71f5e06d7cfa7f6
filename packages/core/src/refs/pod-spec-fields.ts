import type { ReferenceSpec, TargetKind } from '../types.js'

// --- internal ---

/** One field of a pod spec that names a ConfigMap or Secret. */
export interface PodSpecField {
  /** From the pod spec. */
  readonly path: string
  readonly target: TargetKind
  /** See ReferenceSpec.keyPath. */
  readonly keyPath?: string
  /** See ReferenceSpec.mutable: whether it can change where the holder lets its pod template change. */
  readonly mutable: boolean
  readonly reason?: string
}

const EPHEMERAL = 'ephemeral containers exist only in a running Pod (added through its ephemeralcontainers subresource) and cannot change once added'

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const

/**
 * Every field of a pod spec that names a ConfigMap or Secret, as a path from
 * the pod spec: containers' env and envFrom, volumes (projected and the
 * volume plugins' secret refs), image pull secrets. The one list: the
 * built-in table applies it at every pod spec found by shape (and its
 * `volumes/` fields at every volume list found by shape), and presets apply
 * it where an operator copies such fields into a pod spec it makes.
 */
export const POD_SPEC_FIELDS: readonly PodSpecField[] = [
  ...CONTAINER_LISTS.flatMap(c => {
    const mutable = c !== 'ephemeralContainers'
    const extra = mutable ? {} : { reason: EPHEMERAL }
    return [
      { path: `${c}/env/valueFrom/configMapKeyRef/name`, target: 'ConfigMap', keyPath: 'key', mutable, ...extra },
      { path: `${c}/env/valueFrom/secretKeyRef/name`, target: 'Secret', keyPath: 'key', mutable, ...extra },
      { path: `${c}/envFrom/configMapRef/name`, target: 'ConfigMap', mutable, ...extra },
      { path: `${c}/envFrom/secretRef/name`, target: 'Secret', mutable, ...extra },
    ] as const
  }),
  { path: 'volumes/configMap/name', target: 'ConfigMap', keyPath: 'items/key', mutable: true },
  { path: 'volumes/secret/secretName', target: 'Secret', keyPath: 'items/key', mutable: true },
  { path: 'volumes/projected/sources/configMap/name', target: 'ConfigMap', keyPath: 'items/key', mutable: true },
  { path: 'volumes/projected/sources/secret/name', target: 'Secret', keyPath: 'items/key', mutable: true },
  { path: 'volumes/csi/nodePublishSecretRef/name', target: 'Secret', mutable: true },
  { path: 'volumes/cephfs/secretRef/name', target: 'Secret', mutable: true },
  { path: 'volumes/rbd/secretRef/name', target: 'Secret', mutable: true },
  { path: 'volumes/iscsi/secretRef/name', target: 'Secret', mutable: true },
  { path: 'volumes/flexVolume/secretRef/name', target: 'Secret', mutable: true },
  { path: 'volumes/azureFile/secretName', target: 'Secret', mutable: true },
  { path: 'volumes/scaleIO/secretRef/name', target: 'Secret', mutable: true },
  { path: 'volumes/storageos/secretRef/name', target: 'Secret', mutable: true },
  { path: 'imagePullSecrets/name', target: 'Secret', mutable: true },
]

/** A pod-spec field as a reference spec's fields (all but `on` and `path`). */
export function fieldSpec(f: PodSpecField): Omit<ReferenceSpec, 'on' | 'path'> {
  return {
    target: f.target, use: 'rewrite', mutable: f.mutable,
    ...(f.keyPath !== undefined ? { keyPath: f.keyPath } : {}),
    ...(f.reason !== undefined ? { reason: f.reason } : {}),
  }
}

/**
 * What makes a map an env holder outside a pod spec (refs/find-references.ts
 * and prune/find-live-references.ts): an EnvVar's `valueFrom` with one of
 * the first, or an EnvFromSource with one of the second, given as a map.
 */
export const ENV_VALUE_SOURCES: readonly string[] = ['configMapKeyRef', 'secretKeyRef']
export const ENV_FROM_SOURCES: readonly string[] = ['configMapRef', 'secretRef']

/**
 * The keys of a Volume that name its source (core/v1 VolumeSource). A list
 * is a volume list when some entry has a string `name` and one of these
 * whose value is a map: `image` alone would match every container (`image:
 * busybox`), which is why the value must be a map.
 */
export const VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'configMap', 'secret', 'projected', 'csi', 'emptyDir', 'persistentVolumeClaim', 'hostPath', 'downwardAPI', 'ephemeral',
  'nfs', 'image', 'cephfs', 'rbd', 'iscsi', 'flexVolume', 'azureFile', 'azureDisk', 'scaleIO', 'storageos', 'gitRepo',
  'glusterfs', 'awsElasticBlockStore', 'gcePersistentDisk', 'fc', 'flocker', 'portworxVolume', 'photonPersistentDisk',
  'quobyte', 'vsphereVolume', 'cinder',
])
