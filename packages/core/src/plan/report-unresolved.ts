import { formatResource, type ResourceRef } from '../errors.js'
import { push, type PlanContext, type Resolution } from './context.js'
import { findExternal } from './find-external.js'
import type { Resolved } from './resolve-references.js'
import { idOf } from '../read/identity.js'
import { listReferrers } from './list-referrers.js'

// --- internal ---

/**
 * Warns about references left as written, once per object they name, with
 * every referrer listed: `AMBIGUOUS_REFERENCE` for a name in several
 * namespaces, `MISSING_REFERENCE` for a name not in the input, unless the
 * reference is optional, only reads by name, names something created at run
 * time (`use: creates`), or something said to exist outside the input
 * (external names).
 */
export function reportUnresolved(ctx: PlanContext, resolved: Resolved): void {
  const missing = new Map<string, Resolution[]>()
  const ambiguous = new Map<string, Resolution[]>()
  for (const r of resolved.unresolved) {
    const { ref } = r
    if (r.ambiguous) {
      push(ambiguous, `${ref.target}\0${ref.name}`, r)
    } else if (!ref.optional && ref.spec.use === 'rewrite' &&
      !resolved.created.has(idOf(ref.target, ref.namespace ?? '*', ref.name)) && !resolved.created.has(idOf(ref.target, '*', ref.name)) &&
      !findExternal(ctx.options.external, ref.target, ref.namespace, ref.name)) {
      push(missing, idOf(ref.target, ref.namespace ?? '*', ref.name), r)
    }
  }
  for (const rs of ambiguous.values()) {
    const { ref, referrer } = rs[0]!
    const namespaces = [...new Set(rs.flatMap(r => r.ambiguous ?? []).map(t => t.object.namespace))].join(', ')
    ctx.report.warn('AMBIGUOUS_REFERENCE', {
      message: `${ref.target} ${ref.name} is in several namespaces (${namespaces}), and ${listReferrers(rs)} names it without saying which; left as written`,
      at: ctx.where(referrer, ref.site.start), resource: { kind: ref.target, name: ref.name }, path: ref.path,
    })
  }
  for (const rs of missing.values()) {
    const { ref, referrer } = rs[0]!
    const target: ResourceRef = ref.namespace === undefined
      ? { kind: ref.target, name: ref.name }
      : { kind: ref.target, namespace: ref.namespace, name: ref.name }
    const elsewhere = resolved.index.byName(ref.target, ref.name).map(t => t.object.namespace).filter(ns => ns !== ref.namespace)
    const hint = elsewhere.length > 0 ? ` (there is one in namespace ${elsewhere.join(', ')})` : ''
    // A reference without a namespace (from a cluster-scoped object) would
    // take the only object of that name in any namespace: say so, and that
    // an external entry needs the namespace its program reads it from.
    const where = ref.namespace === undefined ? 'in no namespace of the input (the reference names no namespace)' : 'not in the input'
    const external = ref.namespace === undefined ? ', with the namespace its program reads it from' : ''
    ctx.report.warn('MISSING_REFERENCE', {
      message: `${formatResource(target)} is ${where}${hint}; referenced by ${listReferrers(rs)}; left as written ` +
        `(if it is made outside these manifests, list it under external: in the configuration${external})`,
      at: ctx.where(referrer, ref.site.start), resource: target, path: ref.path,
    })
  }
}
