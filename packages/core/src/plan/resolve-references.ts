import { formatResource } from '../errors.js'
import { flat } from '../emit/render.js'
import type { ObjectIdentity, ObjectSummary, PossibleReference, RefFacts, TargetSummary } from '../facts.js'
import { identityOf, idOf, resourceOf } from '../read/identity.js'
import { targetSummary } from '../read/summarize.js'
import { effectOf } from '../refs/effects.js'
import type { Referrer, TargetKind } from '../types.js'
import { checkKeys } from './check-keys.js'
import { append, followsRename, push, type Place, type PlanContext, type Resolution, type Target } from './context.js'

// --- internal ---

/** What visiting every reference gathers, besides what it tells each target (TargetUses). */
export interface Resolved {
  readonly index: TargetIndex
  /** Targets something writes at run time (`use: creates`), as `idOf(kind, namespace or '*', name)`. */
  readonly created: Set<string>
  /** The references that name no target of the input, or several, in input order. */
  readonly unresolved: Resolution[]
  /**
   * Per file number, the references that follow their target's rename:
   * triples of the object's number in the file, the reference's number in
   * the object, and the target's number.
   */
  readonly following: Map<number, number[]>
  /** The objects with strings that may name a ConfigMap or Secret (ObjectSummary.possibleRefs), in input order. */
  readonly possible: PossibleHolder[]
}

/** An object's possible references, and who it is. */
export interface PossibleHolder {
  readonly object: ObjectIdentity
  /** Place.id */
  readonly id: number
  readonly isTarget: boolean
  readonly refs: readonly PossibleReference[]
}

/**
 * Resolves every reference to the ConfigMap/Secret it names, by kind,
 * namespace and name, visiting the objects one at a time in input order
 * once every target is known (the index). A reference with a namespace
 * names the object of that name there (or the only one whose original name
 * it is); one without (from a cluster-scoped object, or `anyNamespace`)
 * names the only object of that name in any namespace, and is ambiguous
 * when there are several. What each reference says is told to its target
 * (who references it, who pins it) and kept only in that form, so that no
 * object need be held.
 */
export class ReferenceVisitor {
  readonly resolved: Resolved

  constructor(private readonly ctx: PlanContext, index: TargetIndex) {
    this.resolved = { index, created: new Set(), unresolved: [], following: new Map(), possible: [] }
  }

  visit(object: ObjectSummary, place: Place): void {
    if (object.possibleRefs.length > 0) {
      this.resolved.possible.push({ object: identityOf(object), id: place.id, isTarget: object.target !== undefined, refs: object.possibleRefs })
    }
    object.refs.forEach((ref, k) => {
      const r = resolve(this.resolved.index, object, ref)
      checkKeys(this.ctx, r)
      this.tell(r, place, k)
    })
  }

  private tell(r: Resolution, place: Place, k: number): void {
    const { ref } = r
    const { use } = ref.spec
    if (use === 'creates') this.resolved.created.add(idOf(ref.target, ref.namespace ?? '*', ref.name))
    const pins = use === 'pin' || use === 'creates'
    if (!r.target) {
      this.resolved.unresolved.push({ ...r, referrer: identityOf(r.referrer) })
      if (pins) for (const t of r.ambiguous ?? []) t.pinnedBy = append(t.pinnedBy, pinnedBecause(r))
      return
    }
    const uses = r.target
    if (pins) uses.pinnedBy = append(uses.pinnedBy, pinnedBecause(r))
    else if (uses.lastReferrer !== place.id) {
      // An object's references come together: it is new to this target
      // unless it was the last to reference it.
      uses.lastReferrer = place.id
      uses.referencedBy++
      if (uses.referencedBy <= SHOWN_REFERRERS) {
        const name = this.named(r.referrer, place)
        uses.shownReferrers = uses.shownReferrers === undefined ? name : flat(uses.shownReferrers, ', ', name)
      }
    }
    if (followsRename(r)) {
      uses.following++
      // Rename.referencedBy is listed as edits are planned; only what forces a recreate is kept now.
      if (effectOf(ref.spec, r.referrer.kind, r.referrer.group).effect === 'recreate') uses.recreate = append(uses.recreate, referrerOf(r.referrer, ref))
      this.follow(place, k, r.target.number)
    }
  }

  /** Notes that a reference follows its target's rename; each file's list is copied to its size when the next file begins. */
  private follow(place: Place, k: number, target: number): void {
    if (this.file !== place.file) {
      this.fit()
      this.file = place.file
      this.list = []
      this.resolved.following.set(place.file, this.list)
    }
    this.list.push(place.ordinal, k, target)
  }

  /** The file of the last reference that follows a rename, and its list. */
  private file = -1
  private list: number[] = []

  private fit(): void {
    if (this.list.length > 0) this.resolved.following.set(this.file, this.list.slice())
  }

  /** An object as messages name it: one string for all the targets it references. */
  private named(o: ObjectIdentity, place: Place): string {
    if (this.lastNamed.id !== place.id) this.lastNamed = { id: place.id, name: formatResource(resourceOf(o)) }
    return this.lastNamed.name
  }

  private lastNamed = { id: -1, name: '' }

  /** Once every object is visited: the last file's list of references that follow, copied to its size too. */
  done(): Resolved {
    this.fit()
    return this.resolved
  }
}

/** Referrers named in a message; the rest are counted. */
export const SHOWN_REFERRERS = 3

function resolve(index: TargetIndex, referrer: ObjectIdentity, ref: RefFacts): Resolution {
  if (ref.namespace !== undefined) {
    const target = index.get(ref.target, ref.namespace, ref.name)
    return target ? { referrer, ref, target } : { referrer, ref }
  }
  const candidates = index.byName(ref.target, ref.name)
  if (candidates.length === 1) return { referrer, ref, target: candidates[0]! }
  if (candidates.length > 1) return { referrer, ref, ambiguous: candidates }
  return { referrer, ref }
}

function pinnedBecause(r: Resolution): string {
  const { use, reason } = r.ref.spec
  const who = formatResource(resourceOf(r.referrer))
  if (use === 'creates') return `${who} ${r.ref.path}: ${reason ?? 'something writes it under this name at run time'}`
  return reason ? `${who} ${r.ref.path}: ${reason}` : `${who} reads it by name (${r.ref.path})`
}

/** A reference as Rename.referencedBy lists it: the object, the field, and what the rename does to the object. */
export function referrerOf(o: ObjectIdentity, ref: RefFacts): Referrer {
  const e = effectOf(ref.spec, o.kind, o.group)
  // Written out rather than spread: each spread object gets a hidden class of its own.
  const { kind, name, namespace } = o
  const path = ref.path
  const effect = e.effect
  if ('reason' in e) {
    return namespace === undefined ? { kind, name: name ?? '', path, effect, reason: e.reason } : { kind, namespace, name: name ?? '', path, effect, reason: e.reason }
  }
  return namespace === undefined ? { kind, name: name ?? '', path, effect } : { kind, namespace, name: name ?? '', path, effect }
}

/**
 * ConfigMaps and Secrets by namespace and name, added in input order; an
 * already-hashed one also answers to its original name. Each keeps its
 * identity and summary in records of its own.
 */
export class TargetIndex {
  readonly all: Target[] = []
  /** By kind and namespace, then name: the names are the targets' own strings, not a key made for each. */
  private readonly exact = new Map<string, Map<string, Target>>()
  private readonly original = new Map<string, Target[]>()
  /**
   * By name alone, for references without a namespace (from cluster-scoped
   * objects): made on the first such reference, since most inputs have none
   * and it costs memory for every target.
   */
  private anyNamespace: Map<string, Target[]> | undefined

  add(object: ObjectIdentity, summary: TargetSummary, place: Place): void {
    const facts = targetSummary(summary)
    const t: Target = {
      object: identityOf(object), facts, file: place.file, ordinal: place.ordinal, id: place.id, number: this.all.length,
      referencedBy: 0, shownReferrers: undefined, lastReferrer: -1, pinnedBy: undefined, following: 0, recreate: undefined,
    }
    this.all.push(t)
    const space = `${facts.kind}\0${object.namespace ?? ''}`
    let names = this.exact.get(space)
    if (!names) this.exact.set(space, names = new Map<string, Target>())
    names.set(facts.name, t)
    if (facts.originalName !== facts.name) push(this.original, idOf(facts.kind, object.namespace, facts.originalName), t)
  }

  get(kind: TargetKind, namespace: string, name: string): Target | undefined {
    const exact = this.exact.get(`${kind}\0${namespace}`)?.get(name)
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
