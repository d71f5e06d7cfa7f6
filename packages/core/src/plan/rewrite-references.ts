import { formatResource } from '../errors.js'
import { flat, renderScalar } from '../emit/render.js'
import { followsRename, type PlanContext, type Resolution, type Target } from './context.js'
import type { EditList } from './edit-list.js'
import type { Resolved } from './resolve-references.js'
import { resourceOf } from '../read/identity.js'

// --- internal ---

/** What a reference reached through an alias should read as: the new name's text, per alias use. */
export type WantedThroughAlias = Map<string, Map<number, Map<number, string>>>

/**
 * Rewrites every reference that follows a rename to the new name, in the
 * style it was written in. A name inside a node reached through an alias
 * lives at the anchor, and may be used elsewhere too: it is not edited
 * here but returned, per alias use, for protectSharedNodes to reconcile.
 * Through more than one alias, it is rewritten only when the anchor itself
 * is a reference to the same object (found directly); otherwise, and when
 * one anchor would get two names, it is an error.
 */
export function rewriteReferences(
  ctx: PlanContext, resolved: Resolved, newNames: ReadonlyMap<Target, string>, edits: EditList,
): WantedThroughAlias {
  const wanted: WantedThroughAlias = new Map()
  const shared: Array<{ r: Resolution; text: string }> = []
  for (const r of resolved.all) {
    const to = r.target && newNames.get(r.target)
    if (to === undefined || !followsRename(r)) continue
    const text = renderScalar(flat(r.ref.prefix, to), r.ref.site.style)
    if (r.ref.shared && r.ref.aliases.length === 1) {
      const byUse = wanted.get(r.referrer.file) ?? new Map<number, Map<number, string>>()
      wanted.set(r.referrer.file, byUse)
      const use = byUse.get(r.ref.aliases[0]!) ?? new Map<number, string>()
      byUse.set(r.ref.aliases[0]!, use)
      use.set(r.ref.site.start, text)
    } else if (r.ref.shared) shared.push({ r, text })
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
          'itself that reference, through nested aliases; renaming it there could change other fields, so write the name out',
        at: ctx.where(r.referrer, r.ref.site.start), resource: resourceOf(r.referrer), path: r.ref.path,
      })
    }
  }
  return wanted
}
