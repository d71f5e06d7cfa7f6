// Generated from schema/cmhash.report.schema.json by scripts/gen-config-types.mjs. Do not edit.

/**
 * What `cmhash build --report FILE` writes: every hashed ConfigMap/Secret, its old and new name, and which objects change because of it.
 */
export interface ChangeReport {
  /**
   * The report format's version.
   */
  version: 1
  renames: ReportRename[]
  warnings: ReportWarning[]
}
/**
 * This interface was referenced by `ChangeReport`'s JSON-Schema
 * via the `definition` "ReportRename".
 */
export interface ReportRename {
  kind: 'ConfigMap' | 'Secret'
  namespace: string
  /**
   * The name before hashing (annotation cmhash.dev/name).
   */
  originalName: string
  /**
   * The name in the input.
   */
  from: string
  /**
   * The name in the output.
   */
  to: string
  /**
   * from and to differ: the input was not already this build's output.
   */
  changed: boolean
  /**
   * The input file that holds it.
   */
  file?: string
  referencedBy: ReportReferrer[]
}
/**
 * This interface was referenced by `ChangeReport`'s JSON-Schema
 * via the `definition` "ReportReferrer".
 */
export interface ReportReferrer {
  kind: string
  namespace?: string
  name: string
  /**
   * The referring field, e.g. spec.template.spec.volumes[0].configMap.name.
   */
  path: string
  /**
   * rolls: a pod template changes and its controller rolls out new pods; recreate: a field changes that cannot change on a live object (a bare Pod's spec, a Job's pod template), so the object must be deleted and created again; updates: another field changes and its controller reconciles, or a template that only what is made next uses (a CronJob's next Job, a ReplicaSet's new pods).
   */
  effect: 'rolls' | 'recreate' | 'updates'
  /**
   * Why the effect, when it is not simply rolls or updates: what cannot change and the usual ways to recreate it, or what only new objects use.
   */
  reason?: string
}
/**
 * This interface was referenced by `ChangeReport`'s JSON-Schema
 * via the `definition` "ReportWarning".
 */
export interface ReportWarning {
  code: string
  message: string
  file?: string
  line?: number
  column?: number
  path?: string
}
