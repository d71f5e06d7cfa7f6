import type { ObjectFacts } from '../facts.js'
import type { PruneCandidate } from '../types.js'
import { idOf } from '../read/identity.js'
import { compare, compareDesc } from '../text/compare.js'

// --- internal ---

export interface Desired {
  /** `idOf(kind, namespace, name)` of every ConfigMap/Secret in the desired output, by its output name. */
  readonly names: ReadonlySet<string>
  readonly namespaces: ReadonlySet<string>
}

/**
 * Every candidate (a live ConfigMap/Secret labelled managed) with its
 * verdict and every reason that holds: desired, referenced by a live object,
 * among the `keep` newest of its original name, without a timestamp, or in
 * a namespace the desired input does not touch (unless `allNamespaces`).
 */
export function decideCandidates(
  live: readonly ObjectFacts[], desired: Desired, keep: number, allNamespaces: boolean,
): PruneCandidate[] {
  const referencedBy = new Map<string, string[]>()
  for (const o of live) {
    for (const ref of o.refs) {
      const who = `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name ?? ''} (${ref.path})`
      const namespaces = ref.namespace === undefined ? [...new Set(live.map(x => x.namespace))] : [ref.namespace]
      for (const ns of namespaces) {
        const k = idOf(ref.target, ns, ref.name)
        const list = referencedBy.get(k)
        if (list) list.push(who)
        else referencedBy.set(k, [who])
      }
    }
  }

  const groups = new Map<string, ObjectFacts[]>()
  for (const o of live) {
    if (!o.target?.managed || o.namespace === undefined) continue
    const k = idOf(o.target.kind, o.namespace, o.target.originalName)
    const list = groups.get(k)
    if (list) list.push(o)
    else groups.set(k, [o])
  }

  const candidates: PruneCandidate[] = []
  for (const group of groups.values()) {
    group.sort((a, b) => compareDesc(a.target!.created ?? '', b.target!.created ?? '') || compare(a.name ?? '', b.name ?? ''))
    group.forEach((o, rank) => {
      const t = o.target!
      const ns = o.namespace!
      const reasons: string[] = []
      if (desired.names.has(idOf(t.kind, ns, t.name))) reasons.push('desired')
      for (const who of referencedBy.get(idOf(t.kind, ns, t.name)) ?? []) reasons.push(`referenced by ${who}`)
      if (t.created === undefined) reasons.push('it has no creationTimestamp, so its age is unknown')
      else if (rank < keep) reasons.push(`one of the ${keep} newest versions of ${t.originalName}`)
      if (!allNamespaces && !desired.namespaces.has(ns)) reasons.push(`namespace ${ns} is not in the desired input`)
      candidates.push({
        kind: t.kind, namespace: ns, name: t.name, originalName: t.originalName, created: t.created,
        verdict: reasons.length > 0 ? 'keep' : 'delete',
        reasons: reasons.length > 0 ? reasons : [`not desired, not referenced, older than the ${keep} newest versions of ${t.originalName}`],
      })
    })
  }
  return candidates.sort((a, b) => compare(a.kind, b.kind) || compare(a.namespace, b.namespace) || compare(a.originalName, b.originalName) ||
    compareDesc(a.created ?? '', b.created ?? '') || compare(a.name, b.name))
}
