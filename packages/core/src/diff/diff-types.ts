// Generated from schema/cmhash.diff.schema.json by scripts/gen-config-types.mjs. Do not edit.

/**
 * rolls: a pod template changes and its controller rolls out new pods; recreate: a field that cannot change on a live object changes (a bare Pod's spec, a Job's pod template), so the object must be deleted and created again; updates: another field changes and its controller reconciles, or a template that only what is made next uses (a CronJob's next Job).
 *
 * This interface was referenced by `DiffResult`'s JSON-Schema
 * via the `definition` "DiffEffect".
 */
export type DiffEffect = 'rolls' | 'recreate' | 'updates'

/**
 * What `cmhash diff --format json` prints: how HEAD differs from BASE once both are built with the same options, and what rolls because of it. Objects are matched by API group, kind, namespace and name (the original name, annotation cmhash.dev/name, for hashed ConfigMaps and Secrets). Unchanged objects are not listed, and no value of a ConfigMap or Secret ever appears, only key names. Lists are sorted by namespace, kind and name.
 */
export interface DiffResult {
  /**
   * The diff format's version.
   */
  version: 1
  /**
   * ConfigMaps and Secrets on both sides whose content or name changed.
   */
  configs: DiffConfig[]
  /**
   * Objects on both sides whose references change because a ConfigMap or Secret they use gets a new name: workloads that roll, objects that must be recreated (bare Pods, Jobs), other objects whose controller reconciles.
   */
  affected: DiffAffected[]
  /**
   * Objects only in HEAD.
   */
  added: DiffObject[]
  /**
   * Objects only in BASE.
   */
  removed: DiffObject[]
  /**
   * Objects on both sides whose own content changed, apart from references to renamed ConfigMaps and Secrets (a new image, a label); ConfigMaps and Secrets are listed here only when their data is unchanged.
   */
  changed: DiffObject[]
  /**
   * The warnings of both builds.
   */
  warnings: DiffWarning[]
}
/**
 * This interface was referenced by `DiffResult`'s JSON-Schema
 * via the `definition` "DiffConfig".
 */
export interface DiffConfig {
  kind: 'ConfigMap' | 'Secret'
  namespace: string
  /**
   * The name before hashing (annotation cmhash.dev/name).
   */
  name: string
  /**
   * Its name in BASE's output.
   */
  from: string
  /**
   * Its name in HEAD's output.
   */
  to: string
  /**
   * HEAD's build renames it by content. When false its name stays, so nothing that reads it restarts although its data changed.
   */
  hashed: boolean
  keys: DiffKeys
  /**
   * A Secret whose type changed.
   */
  type?: {
    from: string
    to: string
  }
  /**
   * The references that change from `from` to `to`, in objects on both sides (empty when the name is unchanged).
   */
  referencedBy: DiffReferrer[]
}
/**
 * Key names only, sorted; a ConfigMap's data and binaryData together, a Secret's data and stringData together.
 *
 * This interface was referenced by `DiffResult`'s JSON-Schema
 * via the `definition` "DiffKeys".
 */
export interface DiffKeys {
  added: string[]
  removed: string[]
  /**
   * Keys whose value changed (or, in a ConfigMap, moved between data and binaryData).
   */
  changed: string[]
}
/**
 * This interface was referenced by `DiffResult`'s JSON-Schema
 * via the `definition` "DiffReferrer".
 */
export interface DiffReferrer {
  kind: string
  namespace?: string
  name: string
  /**
   * The referring field, e.g. spec.template.spec.volumes[0].configMap.name.
   */
  path: string
  effect: DiffEffect
}
/**
 * This interface was referenced by `DiffResult`'s JSON-Schema
 * via the `definition` "DiffAffected".
 */
export interface DiffAffected {
  kind: string
  namespace?: string
  name: string
  /**
   * rolls: a pod template changes and its controller rolls out new pods; recreate: a field that cannot change on a live object changes (a bare Pod's spec, a Job's pod template), so the object must be deleted and created again; updates: another field changes and its controller reconciles, or a template that only what is made next uses (a CronJob's next Job).
   */
  effect: 'rolls' | 'recreate' | 'updates'
  because: DiffCause[]
}
/**
 * A changed ConfigMap or Secret (by original name) and the field that names it.
 *
 * This interface was referenced by `DiffResult`'s JSON-Schema
 * via the `definition` "DiffCause".
 */
export interface DiffCause {
  kind: 'ConfigMap' | 'Secret'
  namespace: string
  name: string
  path: string
  effect: DiffEffect
}
/**
 * This interface was referenced by `DiffResult`'s JSON-Schema
 * via the `definition` "DiffObject".
 */
export interface DiffObject {
  /**
   * The API group; absent for the core group.
   */
  group?: string
  kind: string
  /**
   * Absent for cluster-scoped kinds.
   */
  namespace?: string
  /**
   * For ConfigMaps and Secrets, the name before hashing.
   */
  name: string
}
/**
 * This interface was referenced by `DiffResult`'s JSON-Schema
 * via the `definition` "DiffWarning".
 */
export interface DiffWarning {
  side: 'base' | 'head'
  code: string
  message: string
  file?: string
  line?: number
  column?: number
  path?: string
}
