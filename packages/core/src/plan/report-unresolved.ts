import { formatResource } from '../errors.js'
import { type PlanContext, type Resolution } from './context.js'
import type { Resolved } from './resolve-references.js'
import { idOf, resourceOf } from '../read/identity.js'

// --- internal ---

/**
 * Warns about references left as written: `AMBIGUOUS_REFERENCE` for a name
 * in several namespaces, `MISSING_REFERENCE` (once per referrer and target)
 * for a name not in the input, unless the reference is optional, only reads
 * by name, or names something created at run time.
 */
export function reportUnresolved(ctx: PlanContext, resolved: Resolved): void {
  const missing = new Map<string, { r: Resolution; count: number }>()
  for (const r of resolved.all) {
    if (r.target) continue
    if (r.ambiguous) {
      ctx.report.warn('AMBIGUOUS_REFERENCE', {
        message: `${formatResource(resourceOf(r.referrer))} ${r.ref.path} names ${r.ref.target} ${r.ref.name}, which is in several namespaces ` +
          `(${r.ambiguous.map(t => t.object.namespace).join(', ')}); left as written`,
        at: ctx.where(r.referrer, r.ref.site.start), resource: resourceOf(r.referrer), path: r.ref.path,
      })
    } else if (!r.ref.optional && r.ref.spec.use === 'rewrite' &&
      !resolved.created.has(idOf(r.ref.target, r.ref.namespace ?? '*', r.ref.name)) && !resolved.created.has(idOf(r.ref.target, '*', r.ref.name))) {
      const key = `${r.referrer.file}\0${r.referrer.offset}\0${r.ref.target}\0${r.ref.namespace}\0${r.ref.name}`
      const seen = missing.get(key)
      if (seen) seen.count++
      else missing.set(key, { r, count: 1 })
    }
  }
  for (const { r, count } of missing.values()) {
    const target = r.ref.namespace === undefined ? `${r.ref.target} ${r.ref.name}` : `${r.ref.target} ${r.ref.namespace}/${r.ref.name}`
    const elsewhere = resolved.index.byName(r.ref.target, r.ref.name).map(t => t.object.namespace).filter(ns => ns !== r.ref.namespace)
    const hint = elsewhere.length > 0 ? ` (there is one in namespace ${elsewhere.join(', ')})` : ''
    const more = count > 1 ? ` (and ${count - 1} more references to it)` : ''
    ctx.report.warn('MISSING_REFERENCE', {
      message: `${formatResource(resourceOf(r.referrer))} references ${target} at ${r.ref.path}${more}, which is not in the input${hint}; left as written`,
      at: ctx.where(r.referrer, r.ref.site.start), resource: resourceOf(r.referrer), path: r.ref.path,
    })
  }
}
