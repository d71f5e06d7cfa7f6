import { formatResource } from '../errors.js'
import type { Reporter } from '../report/reporter.js'
import type { LiveObject } from './read-live-object.js'

// --- internal ---

/**
 * Each live object once. An export given twice (or two exports that
 * overlap) names objects twice: counted twice, they would fill the slots
 * of `--keep` and be listed twice. Two records are the same object when
 * they share group, kind, namespace and name, or uid; they collapse when
 * everything prune reads from them is equal, and are an error otherwise
 * (which one is current cannot be known).
 */
export function collapseDuplicates(objects: readonly LiveObject[], report: Reporter): LiveObject[] {
  const byId = new Map<string, { object: LiveObject; fingerprint: string }>()
  const byUid = new Map<string, string>()
  const out: LiveObject[] = []
  for (const o of objects) {
    const id = `${o.group}\0${o.kind}\0${o.namespace ?? ''}\0${o.name}`
    const fingerprint = JSON.stringify([o.uid, o.created, o.target, o.refs])
    const seen = byId.get(id)
    if (seen) {
      if (seen.fingerprint !== fingerprint) conflict(report, seen.object, o)
      continue
    }
    if (o.uid !== undefined) {
      const other = byUid.get(o.uid)
      if (other !== undefined) {
        conflict(report, byId.get(other)!.object, o)
        continue
      }
      byUid.set(o.uid, id)
    }
    byId.set(id, { object: o, fingerprint })
    out.push(o)
  }
  return out
}

function conflict(report: Reporter, a: LiveObject, b: LiveObject): void {
  const name = (o: LiveObject) => formatResource(o.namespace === undefined ? { kind: o.kind, name: o.name } : { kind: o.kind, namespace: o.namespace, name: o.name })
  const same = name(a) === name(b)
  report.error('CONFLICTING_LIVE_OBJECT', {
    message: same
      ? `${name(a)} is in the live state twice (${a.file}, ${b.file}) with different ${a.uid !== b.uid ? 'uids' : 'content'}: exports taken at different times? Refusing to propose deletions`
      : `${name(a)} (${a.file}) and ${name(b)} (${b.file}) have the same uid ${a.uid ?? ''}; refusing to propose deletions`,
    resource: b.namespace === undefined ? { kind: b.kind, name: b.name } : { kind: b.kind, namespace: b.namespace, name: b.name },
  })
}
