import type { Edit, FlowCopy, SharedNode } from '../facts.js'
import type { EditContext } from './context.js'
import type { WantedThroughAlias } from './rewrite-references.js'

// --- internal ---

/** Most bytes of copies written in place of aliases, beyond the input's own size. */
export const COPY_ALLOWANCE: number = 1024 * 1024

/**
 * Keeps every edit where it belongs when YAML aliases share a node. An edit
 * inside an anchored node (a label added to `labels: &l {app: web}`, a
 * rename of `name: &n cm`) would also change every place that uses the node
 * through an alias (`matchLabels: *l`, `value: *n`). For each such use, the
 * node must read there exactly as that use wants it: unchanged, except for
 * the references found through that alias, renamed. When the edits inside
 * the node are not exactly that, the alias is replaced by a copy of the
 * node (in flow style, with that use's renames), so the edit stays where it
 * was meant; when a copy cannot be written, it is an error naming both
 * places. A use that is itself replaced (an alias that is a reference) needs
 * nothing. The copies of the whole build are bounded (`ctx.copies`).
 */
export function protectSharedNodes(ctx: EditContext, wanted: WantedThroughAlias): void {
  const docs = ctx.file.docs.filter(d => d.shared !== undefined && d.shared.length > 0)
  if (docs.length === 0) return
  // An anchor and its aliases are in one document: each document looks at
  // its own edits only, found in the file's sorted once (looking through
  // all the file's edits for each node was quadratic in a file of many
  // documents: 20,000 with aliases took 9 s here).
  const sorted = [...ctx.edits.list].sort((a, b) => a.start - b.start)
  for (const doc of docs) {
    const edits = sorted.slice(firstFrom(sorted, doc.start), firstFrom(sorted, doc.end + 1))
    for (const node of doc.shared!) {
      const inside = edits.filter(e => e.start >= node.start && e.start < node.end)
      for (const use of node.uses) {
        if (edits.some(e => e.start === use.start && e.end === use.end)) continue
        const want = wanted.get(use.start) ?? new Map<number, string>()
        if (readsAsWanted(inside, want)) continue
        const copy = assemble(node.copy, want)
        if (copy === undefined || (ctx.copies.left -= copy.length) < 0) {
          refuse(ctx, node, use.start, copy === undefined ? (node.copy as { refused: string }).refused : 'the copies would be too large')
          continue
        }
        const added = ctx.edits.textAt(use.start) === undefined
        ctx.edits.replace(use.start, use.end, copy)
        if (added) edits.push({ start: use.start, end: use.end, text: copy })
      }
    }
  }
}

/** The first edit of `sorted` that starts at `offset` or later (its length if none). */
function firstFrom(sorted: readonly Edit[], offset: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]!.start < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The edits inside a node are exactly the wanted renames of its scalars. */
function readsAsWanted(inside: readonly Edit[], want: ReadonlyMap<number, string>): boolean {
  if (inside.length !== want.size) return false
  return inside.every(e => want.get(e.start) === e.text)
}

function assemble(copy: FlowCopy, want: ReadonlyMap<number, string>): string | undefined {
  if ('refused' in copy) return undefined
  return copy.parts.map(p => (typeof p === 'string' ? p : want.get(p.at) ?? p.text)).join('')
}

function refuse(ctx: EditContext, node: SharedNode, use: number, reason: string): void {
  const at = ctx.at(node.start)
  const useLine = ctx.report.line({ ...at, offset: use })
  ctx.report.error('INVALID_RESOURCE', {
    message: `cmhash must edit the node anchored &${node.anchor} here, which is also used through the alias *${node.anchor} at line ${useLine}, ` +
      `where the edit must not reach; cmhash cannot copy the node there (${reason}), so write it out in place of the alias`,
    at,
  })
}
