import type { ObjectSummary, RefFacts } from '../facts.js'
import type { TargetKind } from '../types.js'
import { fitted, push, type PlanContext, type Resolution, type Target } from './context.js'
import { idOf } from '../read/identity.js'

// --- internal ---

/** Every reference of the input, resolved; and the same, grouped by target. */
export interface Resolved {
  readonly index: TargetIndex
  readonly all: readonly Resolution[]
  /** The resolutions that name (or may name, when ambiguous) each target. */
  readonly byTarget: ReadonlyMap<Target, readonly Resolution[]>
  /** Targets something writes at run time (`use: creates`), as `idOf(kind, namespace or '*', name)`. */
  readonly created: ReadonlySet<string>
}

/**
 * Resolves every reference to the ConfigMap/Secret it names, by kind,
 * namespace and name. A reference with a namespace names the object of that
 * name there (or the only one whose original name it is); one without (from
 * a cluster-scoped object, or `anyNamespace`) names the only object of that
 * name in any namespace, and is ambiguous when there are several.
 */
export function resolveReferences(ctx: PlanContext): Resolved {
  const index = new TargetIndex(ctx.objects)
  const all = ctx.objects.flatMap(referrer => referrer.refs.map(ref => resolve(index, referrer, ref)))
  const byTarget = new Map<Target, Resolution[]>()
  const created = new Set<string>()
  for (const r of all) {
    if (r.target) push(byTarget, r.target, r)
    for (const t of r.ambiguous ?? []) push(byTarget, t, r)
    if (r.ref.spec.use === 'creates') created.add(idOf(r.ref.target, r.ref.namespace ?? '*', r.ref.name))
  }
  return { index, all, byTarget: fitted(byTarget), created }
}

function resolve(index: TargetIndex, referrer: ObjectSummary, ref: RefFacts): Resolution {
  if (ref.namespace !== undefined) {
    const target = index.get(ref.target, ref.namespace, ref.name)
    return target ? { referrer, ref, target } : { referrer, ref }
  }
  const candidates = index.byName(ref.target, ref.name)
  if (candidates.length === 1) return { referrer, ref, target: candidates[0]! }
  if (candidates.length > 1) return { referrer, ref, ambiguous: candidates }
  return { referrer, ref }
}

/** ConfigMaps and Secrets by namespace and name; an already-hashed one also answers to its original name. */
class TargetIndex {
  readonly all: Target[] = []
  private readonly exact = new Map<string, Target>()
  private readonly original = new Map<string, Target[]>()
  /**
   * By name alone, for references without a namespace (from cluster-scoped
   * objects): made on the first such reference, since most inputs have none
   * and it costs memory for every target.
   */
  private anyNamespace: Map<string, Target[]> | undefined

  constructor(objects: readonly ObjectSummary[]) {
    for (const object of objects) {
      const facts = object.target
      if (!facts) continue
      const t = { object, facts }
      this.all.push(t)
      this.exact.set(idOf(facts.kind, object.namespace, facts.name), t)
      if (facts.originalName !== facts.name) push(this.original, idOf(facts.kind, object.namespace, facts.originalName), t)
    }
  }

  get(kind: TargetKind, namespace: string, name: string): Target | undefined {
    const exact = this.exact.get(idOf(kind, namespace, name))
    if (exact) return exact
    const byOriginal = this.original.get(idOf(kind, namespace, name))
    return byOriginal?.length === 1 ? byOriginal[0] : undefined
  }

  byName(kind: TargetKind, name: string): Target[] {
    if (!this.anyNamespace) {
      this.anyNamespace = new Map()
      for (const t of this.all) {
        push(this.anyNamespace, `${t.facts.kind}\0${t.facts.name}`, t)
        if (t.facts.originalName !== t.facts.name) push(this.anyNamespace, `${t.facts.kind}\0${t.facts.originalName}`, t)
      }
    }
    return [...new Set(this.anyNamespace.get(`${kind}\0${name}`) ?? [])]
  }
}
