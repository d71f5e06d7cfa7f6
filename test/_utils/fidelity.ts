// The fidelity check: what kubectl reads from cmhash's output, with the
// planned edits undone, must be exactly what it reads from the input.
import type { Rename } from '@cmhash/core'

const MANAGED = 'cmhash.dev/managed'
const NAME = 'cmhash.dev/name'

/**
 * Objects as read from cmhash's output, with every planned edit undone: a
 * renamed ConfigMap/Secret gets its old name back and loses `immutable`
 * (when the input had none: `immutableBefore`), the managed label, the
 * original-name annotation and `extraAnnotations`; any string equal to a new
 * name becomes the old name again. Compare the result with what kubectl
 * reads from the input: any difference is an edit nobody planned.
 */
export function undoPlannedEdits(
  objects: readonly unknown[], renames: readonly Rename[], options: { extraAnnotations?: readonly string[]; inputObjects?: readonly unknown[] } = {},
): unknown[] {
  const back = new Map<string, string>()
  for (const r of renames) back.set(r.to, r.from)
  const inputByKey = new Map((options.inputObjects ?? []).map(o => [keyOf(o), o]))
  return objects.map(o => {
    const obj = structuredClone(o) as Record<string, any>
    const meta = obj.metadata as Record<string, any> | undefined
    const renamed = renames.find(r => meta && r.to === meta.name && r.kind === obj.kind && (r.namespace === (meta.namespace ?? r.namespace)))
    if (renamed && meta) {
      meta.name = renamed.from
      const before = inputByKey.get(keyOf(obj)) as Record<string, any> | undefined
      if (!before || before.immutable === undefined) delete obj.immutable
      else obj.immutable = before.immutable
      restoreEntry(meta, 'labels', MANAGED, before?.metadata?.labels)
      for (const a of [NAME, ...(options.extraAnnotations ?? [])]) restoreEntry(meta, 'annotations', a, before?.metadata?.annotations)
      return obj
    }
    return renameBack(obj, back)
  })
}

function keyOf(o: unknown): string {
  const obj = o as { kind?: string; metadata?: { namespace?: string; name?: string } }
  return `${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`
}

/** Puts back a label or annotation as the input had it (absent, or its old value). */
function restoreEntry(meta: Record<string, any>, field: 'labels' | 'annotations', key: string, before: Record<string, unknown> | undefined): void {
  const map = meta[field] as Record<string, unknown> | undefined
  if (!map) return
  if (before && key in before) map[key] = before[key]
  else delete map[key]
  if (Object.keys(map).length === 0 && !(before && Object.keys(before).length === 0)) delete meta[field]
}

/**
 * Keys under which a reference can hold a name: `name`, `secretName`,
 * `secretNames`, `credentialName`, `configSecret`, `secret`, annotation
 * keys (`nginx.ingress.kubernetes.io/auth-secret`), StorageClass parameters
 * (`csi.storage.k8s.io/provisioner-secret-name`). A new name anywhere else
 * (an env value, a label) is an edit nobody planned, and is left to fail.
 */
const REFERENCE_KEY = /name|secret|config|credential|certificate|\//i

function renameBack(value: unknown, back: ReadonlyMap<string, string>, key = ''): any {
  if (typeof value === 'string') {
    if (!REFERENCE_KEY.test(key)) return value
    const slash = value.lastIndexOf('/')
    const name = slash >= 0 ? value.slice(slash + 1) : value
    const old = back.get(name)
    return old === undefined ? value : value.slice(0, slash + 1) + old
  }
  if (Array.isArray(value)) return value.map(v => renameBack(v, back, key))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameBack(v, back, k)]))
  }
  return value
}
