import type { PruneCandidate, TargetKind } from '../types.js'
import { compare, compareDesc } from '../text/compare.js'
import type { LiveObject } from './read-live-object.js'

// --- internal ---

export interface Desired {
  /** `kind\0namespace\0name` of every ConfigMap/Secret in the desired output, by its output name. */
  readonly names: ReadonlySet<string>
  readonly namespaces: ReadonlySet<string>
}

export interface Decision {
  readonly keep: number
  readonly allNamespaces: boolean
  /** For each target kind, the resources that could reference it and that the live state is not known to hold in full. */
  readonly unknown: ReadonlyMap<TargetKind, readonly string[]>
}

/**
 * Every candidate (a live ConfigMap/Secret labelled managed) with its
 * verdict and every reason that holds: desired, referenced by a live object,
 * fewer than `keep` versions of its original name newer than it (so ties
 * at the boundary are all kept), in a namespace the desired input does not
 * touch (unless `allNamespaces`), or of a kind that a kind missing from the
 * live state could reference. Independent of the order of `live`.
 */
export function decideCandidates(live: readonly LiveObject[], desired: Desired, decision: Decision): PruneCandidate[] {
  const { keep, allNamespaces, unknown } = decision
  // Referrers by the target they name; a reference to any namespace is kept by name alone.
  const referencedBy = new Map<string, string[]>()
  const add = (key: string, who: string) => {
    const list = referencedBy.get(key)
    if (list) list.push(who)
    else referencedBy.set(key, [who])
  }
  for (const o of live) {
    for (const ref of o.refs) {
      const who = `${o.kind} ${o.namespace !== undefined ? `${o.namespace}/` : ''}${o.name} (${ref.path})`
      add(ref.namespace === undefined ? `${ref.target}\0*\0${ref.name}` : `${ref.target}\0${ref.namespace}\0${ref.name}`, who)
    }
  }

  const groups = new Map<string, LiveObject[]>()
  for (const o of live) {
    if (!o.target?.managed || o.namespace === undefined) continue
    const k = `${o.target.kind}\0${o.namespace}\0${o.target.originalName}`
    const list = groups.get(k)
    if (list) list.push(o)
    else groups.set(k, [o])
  }

  const candidates: PruneCandidate[] = []
  for (const group of groups.values()) {
    group.sort((a, b) => b.createdAt - a.createdAt || compare(a.name, b.name))
    let newer = 0
    group.forEach((o, i) => {
      if (i > 0 && o.createdAt < group[i - 1]!.createdAt) newer = i
      const t = o.target!
      const ns = o.namespace!
      const reasons: string[] = []
      if (desired.names.has(`${t.kind}\0${ns}\0${o.name}`)) reasons.push('desired')
      const referrers = [...(referencedBy.get(`${t.kind}\0${ns}\0${o.name}`) ?? []), ...(referencedBy.get(`${t.kind}\0*\0${o.name}`) ?? [])]
      for (const who of [...new Set(referrers)].sort(compare)) reasons.push(`referenced by ${who}`)
      if (newer < keep) reasons.push(`one of the ${keep} newest versions of ${t.originalName}`)
      if (!allNamespaces && !desired.namespaces.has(ns)) reasons.push(`namespace ${ns} is not in the desired input`)
      const missing = unknown.get(t.kind)
      if (missing && missing.length > 0) {
        const some = missing.length <= 4 ? missing.join(', ') : `${missing.slice(0, 4).join(', ')} and ${missing.length - 4} more`
        reasons.push(`not decided: the live state is not known to hold every object of ${some}, which can reference ${t.kind}s`)
      }
      candidates.push({
        kind: t.kind, namespace: ns, name: o.name, originalName: t.originalName, created: o.created,
        verdict: reasons.length > 0 ? 'keep' : 'delete',
        reasons: reasons.length > 0 ? reasons : [`not desired, not referenced, older than the ${keep} newest versions of ${t.originalName}`],
      })
    })
  }
  return candidates.sort((a, b) => compare(a.kind, b.kind) || compare(a.namespace, b.namespace) || compare(a.originalName, b.originalName) ||
    compareDesc(a.created ?? '', b.created ?? '') || compare(a.name, b.name))
}
