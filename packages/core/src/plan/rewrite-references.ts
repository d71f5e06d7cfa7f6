import { formatResource } from '../errors.js'
import type { ObjectFacts, RefSite } from '../facts.js'
import { flat, renderScalar } from '../emit/render.js'
import type { EditContext } from './context.js'
import { resourceOf } from '../read/identity.js'

// --- internal ---

/** What a reference reached through an alias should read as: the new name's text, per alias use, by offset. */
export type WantedThroughAlias = Map<number, Map<number, string>>

/** A reference of the file that follows a rename, and the new name. */
export interface Rewrite {
  readonly referrer: ObjectFacts
  readonly ref: RefSite
  readonly to: string
}

/**
 * Rewrites every reference of one file that follows a rename to the new
 * name, in the style it was written in. A name inside a node reached
 * through an alias lives at the anchor, and may be used elsewhere too: it
 * is not edited here but returned, per alias use, for protectSharedNodes
 * to reconcile. Through more than one alias, it is rewritten only when the
 * anchor itself is a reference to the same object (found directly);
 * otherwise, and when one anchor would get two names, it is an error.
 */
export function rewriteReferences(ctx: EditContext, rewrites: Iterable<Rewrite>): WantedThroughAlias {
  const wanted: WantedThroughAlias = new Map()
  const shared: Array<{ r: Rewrite; text: string }> = []
  for (const r of rewrites) {
    const { ref } = r
    const text = renderScalar(flat(ref.prefix, r.to), ref.site.style)
    if (ref.shared && ref.aliases.length === 1) {
      const use = wanted.get(ref.aliases[0]!) ?? new Map<number, string>()
      wanted.set(ref.aliases[0]!, use)
      use.set(ref.site.start, text)
    } else if (ref.shared) shared.push({ r, text })
    else if (!ctx.edits.replace(ref.site.start, ref.site.end, text)) {
      ctx.report.error('INVALID_RESOURCE', {
        message: `${formatResource(resourceOf(r.referrer))} ${ref.path}: one YAML anchor names objects that get different names; write the names out`,
        at: ctx.at(ref.site.start), resource: resourceOf(r.referrer), path: ref.path,
      })
    }
  }
  for (const { r, text } of shared) {
    const { ref } = r
    if (ctx.edits.textAt(ref.site.start) !== text) {
      ctx.report.error('INVALID_RESOURCE', {
        message: `${formatResource(resourceOf(r.referrer))} ${ref.path} names ${ref.target} ${ref.name} through a YAML alias whose anchor is not ` +
          'itself that reference, through nested aliases; renaming it there could change other fields, so write the name out',
        at: ctx.at(ref.site.start), resource: resourceOf(r.referrer), path: ref.path,
      })
    }
  }
  return wanted
}
