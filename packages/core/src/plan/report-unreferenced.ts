import { formatResource } from '../errors.js'
import { resourceOf } from '../read/identity.js'
import type { Rename } from '../types.js'
import type { PlanContext, Target } from './context.js'

// --- internal ---

/**
 * Warns about each ConfigMap/Secret that `select: all` renamed although
 * nothing in the input references it: no reference follows the new name,
 * so whatever finds it by name (a program reading it through the API, or
 * through a name in its own configuration; an object outside the input)
 * no longer finds it. Field tests found these renames to be mostly such
 * breakages (operators' user and TLS Secrets, a login named in a config
 * file). Not for one forced by annotation (a decision), nor for one the
 * `POSSIBLE_REFERENCE` warning already points at (`possible`).
 */
export function reportUnreferenced(ctx: PlanContext, renamed: ReadonlyMap<Target, Rename>, possible: ReadonlySet<Target>): void {
  if (ctx.options.select !== 'all') return
  for (const [t, r] of renamed) {
    if (r.from === r.to || t.following > 0 || t.facts.mode === 'force' || possible.has(t)) continue
    ctx.report.warn('UNREFERENCED', {
      message: `${formatResource(resourceOf(t.object))} is renamed ${r.to} (select all), but nothing in the input references it, so nothing follows ` +
        `the new name: a program that reads it by name, or an object outside the input, no longer finds it. If something does, pin it ` +
        `(annotation cmhash.dev/hash: "false", or a pinned: entry); if not, set UNREFERENCED to ignore`,
      at: ctx.where(t.object), resource: resourceOf(t.object),
    })
  }
}
