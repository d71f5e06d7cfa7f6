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
   * rolls: a pod template changes and its controller rolls out new pods; recreate: a bare Pod must be deleted and created again; updates: another field changes and its controller reconciles.
   */
  effect: 'rolls' | 'recreate' | 'updates'
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
