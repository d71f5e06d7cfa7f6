import { formatResource } from '../errors.js'
import type { ObjectFacts, PossibleReference } from '../facts.js'
import { idOf, resourceOf } from '../read/identity.js'
import type { Rename } from '../types.js'
import { push, type PlanContext, type Target } from './context.js'

// --- internal ---

/**
 * The safety net for what no table knows: a renamed object's old name still
 * written under a key that names a ConfigMap or Secret (a custom resource no
 * preset covers), in the renamed object's namespace (or in a cluster-scoped
 * object), is probably a reference left behind. One `POSSIBLE_REFERENCE`
 * per renamed object, listing each such field with the configuration entry
 * that would make cmhash rewrite it (or pin, or know it as created).
 */
export function reportPossibleReferences(ctx: PlanContext, renamed: ReadonlyMap<Target, Rename>): void {
  const byName = new Map<string, Target[]>()
  for (const [t, r] of renamed) if (r.from !== r.to) push(byName, `${t.facts.kind}\0${t.facts.name}`, t)
  if (byName.size === 0) return
  const found = new Map<Target, Array<{ object: ObjectFacts; p: PossibleReference }>>()
  for (const object of ctx.objects) {
    for (const p of object.possibleRefs) {
      for (const t of byName.get(`${p.target}\0${p.value}`) ?? []) {
        if (t.object === object || (object.namespace !== undefined && object.namespace !== t.object.namespace)) continue
        push(found, t, { object, p })
      }
    }
  }
  for (const [t, hits] of found) {
    const r = renamed.get(t)!
    const each = [...new Map(hits.map(({ object, p }) => [idOf(object.kind, object.namespace, `${object.name}\0${p.path}`),
      `${formatResource(resourceOf(object))} ${p.path} (references: - ${entryFor(object, p)})`])).values()]
    const first = hits[0]!
    ctx.report.warn('POSSIBLE_REFERENCE', {
      message: `${formatResource(resourceOf(t.object))} is renamed ${r.to}, but ${each.length === 1 ? 'a field' : `${each.length} fields`} no reference table knows ` +
        `still ${each.length === 1 ? 'says' : 'say'} ${r.from}: ${each.join('; ')}. If it names this object, add the entry to the configuration ` +
        '(with use: pin if a program reads it by this name, use: creates if something writes it); if not, set POSSIBLE_REFERENCE to ignore',
      at: ctx.where(first.object, first.p.offset), resource: resourceOf(t.object), path: first.p.path,
    })
  }
}

/**
 * The configuration entry that makes the field a reference: `{group: g,
 * kind: K, path: a/b, refKind: Secret}`; a pin for a ConfigMap's data, whose
 * rewrite would change the content its own hash was made from.
 */
function entryFor(object: ObjectFacts, p: PossibleReference): string {
  const fields = [
    ...(object.group ? [['group', object.group]] : []),
    ['kind', object.kind], ['path', p.tablePath], ['refKind', p.target],
    ...(object.target ? [['use', 'pin']] : []),
  ]
  return `{${fields.map(([k, v]) => `${k}: ${/^[\w./\\-]+$/.test(v!) ? v : JSON.stringify(v)}`).join(', ')}}`
}
