import { formatResource } from '../errors.js'
import type { ObjectFacts, PossibleReference } from '../facts.js'
import { idOf, resourceOf } from '../read/identity.js'
import type { Rename, TargetKind } from '../types.js'
import { push, type PlanContext, type Target } from './context.js'

// --- internal ---

/**
 * The safety net for what no table knows: a renamed object's old name still
 * written under a key that names a ConfigMap or Secret, or in a selector
 * shape (a custom resource no preset covers), in the renamed object's
 * namespace (or in a cluster-scoped object), is probably a reference left
 * behind. One `POSSIBLE_REFERENCE`
 * per renamed object, on one line: the first {@link SHOWN} places (`Kind
 * ns/name at path`, in input order) and how many more, and the
 * configuration entry that would make cmhash rewrite the first (or pin, or
 * know it as created).
 */
export function reportPossibleReferences(ctx: PlanContext, renamed: ReadonlyMap<Target, Rename>): void {
  const byName = new Map<string, Target[]>()
  for (const [t, r] of renamed) if (r.from !== r.to) push(byName, `${t.facts.kind}\0${t.facts.name}`, t)
  if (byName.size === 0) return
  const found = new Map<Target, Array<{ object: ObjectFacts; p: PossibleReference }>>()
  for (const object of ctx.objects) {
    for (const p of object.possibleRefs) {
      for (const t of (p.target ? [p.target] : BOTH).flatMap(kind => byName.get(`${kind}\0${p.value}`) ?? [])) {
        if (t.object === object || (object.namespace !== undefined && object.namespace !== t.object.namespace)) continue
        push(found, t, { object, p })
      }
    }
  }
  for (const [t, hits] of found) {
    const r = renamed.get(t)!
    const places = [...new Map(hits.map(h => [idOf(h.object.kind, h.object.namespace, `${h.object.name}\0${h.p.path}`), h])).values()]
    const first = places[0]!
    const shown = places.slice(0, SHOWN).map(({ object, p }) => `${formatResource(resourceOf(object))} at ${p.path}`).join(', ')
    const more = places.length > SHOWN ? ` and ${places.length - SHOWN} more` : ''
    const one = places.length === 1
    ctx.report.warn('POSSIBLE_REFERENCE', {
      message: `${formatResource(resourceOf(t.object))} is renamed ${r.to}, but ${one ? 'a field' : `${places.length} fields`} no reference table knows ` +
        `still ${one ? 'says' : 'say'} ${r.from}: ${shown}${more}. If ${one ? 'it names' : 'they name'} this object, add ${one ? 'its entry' : 'each'} to ` +
        `the configuration's references (${one ? '' : 'the first: '}${entryFor(first.object, first.p, t.facts.kind)}; with use: pin if a program reads it by this name, ` +
        'use: creates if something writes it); if not, set POSSIBLE_REFERENCE to ignore',
      at: ctx.where(first.object, first.p.offset), resource: resourceOf(t.object), path: first.p.path,
    })
  }
}

const BOTH: readonly TargetKind[] = ['ConfigMap', 'Secret']

/** Places named in a warning; the rest are counted. */
const SHOWN = 3

/**
 * The configuration entry that makes the field a reference: `{group: g,
 * kind: K, path: a/b, refKind: Secret}`; a pin for a ConfigMap's data, whose
 * rewrite would change the content its own hash was made from.
 */
function entryFor(object: ObjectFacts, p: PossibleReference, refKind: TargetKind): string {
  const fields = [
    ...(object.group ? [['group', object.group]] : []),
    ['kind', object.kind], ['path', p.tablePath], ['refKind', refKind],
    ...(object.target ? [['use', 'pin']] : []),
  ]
  return `{${fields.map(([k, v]) => `${k}: ${/^[\w./\\-]+$/.test(v!) ? v : JSON.stringify(v)}`).join(', ')}}`
}
