import { formatResource } from '../errors.js'
import { resourceOf } from '../read/identity.js'
import type { PlanContext, Resolution } from './context.js'

// --- internal ---

/**
 * A data key a reference needs (`configMapKeyRef.key`, a volume's
 * `items[].key`) that the ConfigMap/Secret in the input does not have is an
 * error, at the key: the Pod would not start (CreateContainerConfigError).
 * Not for an optional reference, nor for an object with no data at all (a
 * program fills it in at run time). The message lists the keys that exist,
 * never a value.
 */
export function checkKeys(ctx: PlanContext, r: Resolution): void {
  const { ref, target } = r
  if (!target || ref.keys.length === 0 || ref.optional || target.facts.empty) return
  const have = new Set(target.facts.keys)
  for (const k of ref.keys) {
    if (have.has(k.key)) continue
    const holder = ref.path.replace(/(\.[^.[\]]+|\["[^"]*"\])$/, '')
    const shown = target.facts.keys.slice(0, 20).map(x => JSON.stringify(x)).join(', ')
    const more = target.facts.keys.length > 20 ? ` and ${target.facts.keys.length - 20} more` : ''
    ctx.report.error('MISSING_KEY', {
      message: `${formatResource(resourceOf(r.referrer))} needs key ${JSON.stringify(k.key)} of ${formatResource(resourceOf(target.object))}, ` +
        `which has ${shown ? `only ${shown}${more}` : 'no keys'}; the Pod would not start (mark the reference optional: true if that is intended)`,
      at: ctx.where(r.referrer, k.offset), resource: resourceOf(r.referrer), path: `${holder}.${k.path}`,
    })
  }
}
