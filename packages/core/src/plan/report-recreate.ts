import { formatResource } from '../errors.js'
import { resourceOf } from '../read/identity.js'
import type { Rename } from '../types.js'
import type { PlanContext, Target } from './context.js'

// --- internal ---

/**
 * Warns, once per renamed object, about the objects that must be deleted
 * and created again when its content (and so its name) changes, because the
 * rewritten field cannot change on a live object: a Job's pod template, a
 * bare Pod's spec, a forced immutable field. Each is named with why and the
 * usual ways to do it. Not for objects made with generateName (Workflows,
 * TaskRuns submitted with kubectl create): each is new anyway.
 */
export function reportRecreate(ctx: PlanContext, renamed: ReadonlyMap<Target, Rename>): void {
  for (const t of renamed.keys()) {
    // An object with no name (generateName) is created anew every time: nothing to recreate.
    const recreate = (t.recreate ?? []).filter(x => x.name !== '')
    if (recreate.length === 0) continue
    const each = [...new Map(recreate.map(x => [`${formatResource(x)}\0${x.reason ?? ''}`, `${formatResource(x)} (${x.reason ?? 'it cannot change'})`])).values()]
    ctx.report.warn('RECREATE_REQUIRED', {
      message: `${formatResource(resourceOf(t.object))} gets a new name whenever its content changes, and then kubectl apply fails for ${each.join('; ')}`,
      at: ctx.where(t.object), resource: resourceOf(t.object),
    })
  }
}
