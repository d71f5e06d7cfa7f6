import type { TargetKind } from '../types.js'

// --- internal ---

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const

/**
 * Every field of a pod spec that names a ConfigMap or Secret, as a path from
 * the pod spec: containers' env and envFrom, volumes (projected and the
 * volume plugins' secret refs), image pull secrets. The one list: the
 * built-in table applies it at every pod spec found by shape, and presets
 * apply it where an operator copies such fields into a pod spec it makes.
 */
export const POD_SPEC_FIELDS: ReadonlyArray<readonly [path: string, target: TargetKind]> = [
  ...CONTAINER_LISTS.flatMap(c => [
    [`${c}/env/valueFrom/configMapKeyRef/name`, 'ConfigMap'],
    [`${c}/env/valueFrom/secretKeyRef/name`, 'Secret'],
    [`${c}/envFrom/configMapRef/name`, 'ConfigMap'],
    [`${c}/envFrom/secretRef/name`, 'Secret'],
  ] as const),
  ['volumes/configMap/name', 'ConfigMap'],
  ['volumes/secret/secretName', 'Secret'],
  ['volumes/projected/sources/configMap/name', 'ConfigMap'],
  ['volumes/projected/sources/secret/name', 'Secret'],
  ['volumes/csi/nodePublishSecretRef/name', 'Secret'],
  ['volumes/cephfs/secretRef/name', 'Secret'],
  ['volumes/rbd/secretRef/name', 'Secret'],
  ['volumes/iscsi/secretRef/name', 'Secret'],
  ['volumes/flexVolume/secretRef/name', 'Secret'],
  ['volumes/azureFile/secretName', 'Secret'],
  ['volumes/scaleIO/secretRef/name', 'Secret'],
  ['volumes/storageos/secretRef/name', 'Secret'],
  ['imagePullSecrets/name', 'Secret'],
]
