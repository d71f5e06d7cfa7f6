import { formatResource } from '../errors.js'
import { renderScalar } from '../emit/render.js'
import { followsRename, type PlanContext, type Resolution, type Target } from './context.js'
import type { EditList } from './edit-list.js'
import type { Resolved } from './resolve-references.js'
import { resourceOf } from '../read/identity.js'

// --- internal ---

/**
 * Rewrites every reference that follows a rename to the new name, in the
 * style it was written in. A name inside a node reached through an alias
 * lives at the anchor, and may be used elsewhere too: it is rewritten only
 * when the anchor itself is a reference to the same object (found
 * directly), never on its own; otherwise, and when one anchor would get two
 * names, it is an error.
 */
export function rewriteReferences(ctx: PlanContext, resolved: Resolved, newNames: ReadonlyMap<Target, string>, edits: EditList): void {
  const shared: Array<{ r: Resolution; text: string }> = []
  for (const r of resolved.all) {
    const to = r.target && newNames.get(r.target)
    if (to === undefined || !followsRename(r)) continue
    const text = renderScalar(r.ref.prefix + to, r.ref.site.style)
    if (r.ref.shared) shared.push({ r, text })
    else if (!edits.replace(r.referrer.file, r.ref.site.start, r.ref.site.end, text)) {
      ctx.report.error('INVALID_RESOURCE', {
        message: `${formatResource(resourceOf(r.referrer))} ${r.ref.path}: one YAML anchor names objects that get different names; write the names out`,
        at: ctx.where(r.referrer, r.ref.site.start), resource: resourceOf(r.referrer), path: r.ref.path,
      })
    }
  }
  for (const { r, text } of shared) {
    if (edits.textAt(r.referrer.file, r.ref.site.start) !== text) {
      ctx.report.error('INVALID_RESOURCE', {
        message: `${formatResource(resourceOf(r.referrer))} ${r.ref.path} names ${r.ref.target} ${r.ref.name} through a YAML alias whose anchor is not ` +
          'itself that reference; renaming it there could change other fields, so write the name out',
        at: ctx.where(r.referrer, r.ref.site.start), resource: resourceOf(r.referrer), path: r.ref.path,
      })
    }
  }
}
