import { formatResource } from '../errors.js'
import type { ObjectSummary } from '../facts.js'
import { lineColOf } from '../text/offsets.js'
import { type PlanContext } from './context.js'
import { resourceOf } from '../read/identity.js'

// --- internal ---

/** Two objects with the same group, kind, namespace and name: an error at the second. */
export function checkDuplicates(ctx: PlanContext): void {
  const seen = new Map<string, ObjectSummary>()
  for (const o of ctx.objects) {
    if (!o.name) continue
    const k = `${o.group}\0${o.kind}\0${o.namespace ?? ''}\0${o.name}`
    const first = seen.get(k)
    if (!first) {
      seen.set(k, o)
      continue
    }
    const w = ctx.where(first)
    const firstAt = `${w.file}:${lineColOf(w.text, w.offset).line}`
    ctx.report.error('DUPLICATE_RESOURCE', {
      message: `${formatResource(resourceOf(o))} is defined twice: here and at ${firstAt}`,
      at: ctx.where(o), resource: resourceOf(o),
    })
  }
}
