import { formatResource } from '../errors.js'
import type { PossibleReference } from '../facts.js'
import { idOf, resourceOf } from '../read/identity.js'
import type { Rename, TargetKind } from '../types.js'
import { push, type PlanContext, type Target } from './context.js'
import type { PossibleHolder, Resolved } from './resolve-references.js'

// --- internal ---

/**
 * The safety net for what no table knows: a renamed object's old name still
 * written where a ConfigMap or Secret may be named (a key that says so, a
 * selector shape in a custom resource, an env value or a flag that says so;
 * see findPossibleReferences), in the renamed object's namespace (or the
 * namespace written before it, or in a cluster-scoped object), is probably
 * a reference left behind. One `POSSIBLE_REFERENCE` per renamed object, on
 * one line: the first {@link SHOWN} places (`Kind ns/name at path`, in
 * input order) and how many more, the configuration entry that would make
 * cmhash rewrite the first a table can describe (or pin it, or know it as
 * created), and, where a program finds it by a name no entry can describe
 * (an env value, a flag), the pin that keeps its name. Returns the objects
 * warned about.
 */
export function reportPossibleReferences(ctx: PlanContext, resolved: Resolved, renamed: ReadonlyMap<Target, Rename>): ReadonlySet<Target> {
  const byName = new Map<string, Target[]>()
  for (const [t, r] of renamed) if (r.from !== r.to) push(byName, `${t.facts.kind}\0${t.facts.name}`, t)
  if (byName.size === 0) return new Set()
  const found = new Map<Target, Array<{ holder: PossibleHolder; p: PossibleReference }>>()
  for (const holder of resolved.possible) {
    for (const p of holder.refs) {
      for (const t of (p.target ? [p.target] : BOTH).flatMap(kind => byName.get(`${kind}\0${p.value}`) ?? [])) {
        const namespace = p.namespace ?? holder.object.namespace
        if (t.id === holder.id || (namespace !== undefined && namespace !== t.object.namespace)) continue
        push(found, t, { holder, p })
      }
    }
  }
  for (const [t, hits] of found) {
    const r = renamed.get(t)!
    const places = [...new Map(hits.map(h => [idOf(h.holder.object.kind, h.holder.object.namespace, `${h.holder.object.name}\0${h.p.path}`), h])).values()]
    const first = places[0]!
    const shown = places.slice(0, SHOWN).map(({ holder, p }) => `${formatResource(resourceOf(holder.object))} at ${p.path}`).join(', ')
    const more = places.length > SHOWN ? ` and ${places.length - SHOWN} more` : ''
    const one = places.length === 1
    ctx.report.warn('POSSIBLE_REFERENCE', {
      message: `${formatResource(resourceOf(t.object))} is renamed ${r.to}, but ${one ? 'a field' : `${places.length} fields`} no reference table knows ` +
        `still ${one ? 'says' : 'say'} ${r.from}: ${shown}${more}. ${advice(places, t)}; if not, set POSSIBLE_REFERENCE to ignore`,
      at: ctx.where(first.holder.object, first.p.offset), resource: resourceOf(t.object), path: first.p.path,
    })
  }
  return new Set(found.keys())
}

/**
 * What to do: the configuration entry for the first place one can describe
 * (with use: pin or creates as alternatives), and a pin where a program
 * finds the object by a name no entry can describe (an env value, a flag).
 */
function advice(places: ReadonlyArray<{ holder: PossibleHolder; p: PossibleReference }>, t: Target): string {
  const described = places.find(({ p }) => p.tablePath !== undefined)
  const pin = `pinned: - {kind: ${t.facts.kind}, ${t.object.namespace ? `namespace: ${t.object.namespace}, ` : ''}name: ${t.facts.name}}`
  if (!described) return `If a program finds this object by that name, pin it in the configuration (${pin})`
  const one = places.length === 1
  const entry = `${one ? '' : 'the first: '}${entryFor(described.holder, described.p, t.facts.kind)}; ` +
    'with use: pin if a program reads it by this name, use: creates if something writes it'
  const rest = places.every(({ p }) => p.tablePath !== undefined) ? '' : `, or, where a program finds it by that name, pin it (${pin})`
  return `If ${one ? 'it names' : 'they name'} this object, add ${one ? 'its entry' : 'each'} to the configuration's references (${entry})${rest}`
}

const BOTH: readonly TargetKind[] = ['ConfigMap', 'Secret']

/** Places named in a warning; the rest are counted. */
const SHOWN = 3

/**
 * The configuration entry that makes the field a reference: `{group: g,
 * kind: K, path: a/b, refKind: Secret}`, with `format: namespaced-name` for
 * a `namespace/name` value; a pin for a ConfigMap's data, whose rewrite
 * would change the content its own hash was made from.
 */
function entryFor({ object, isTarget }: PossibleHolder, p: PossibleReference, refKind: TargetKind): string {
  const fields = [
    ...(object.group ? [['group', object.group]] : []),
    ['kind', object.kind], ['path', p.tablePath], ['refKind', refKind],
    ...(p.namespace !== undefined ? [['format', 'namespaced-name']] : []),
    ...(isTarget ? [['use', 'pin']] : []),
  ]
  return `{${fields.map(([k, v]) => `${k}: ${/^[\w./\\-]+$/.test(v!) ? v : JSON.stringify(v)}`).join(', ')}}`
}
