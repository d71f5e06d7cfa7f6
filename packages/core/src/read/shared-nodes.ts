import { isCollection, visit, type Alias, type Node } from 'yaml'
import type { SharedNode } from '../facts.js'
import type { ReadContext } from '../yaml/read-context.js'
import { flowCopy } from './flow-copy.js'
import { indexWithin, lineStart, onlyCommentsBetween } from '../text/offsets.js'

// --- internal ---

/**
 * The anchored nodes of a document (`root`, its contents) that aliases use, each with its uses and
 * a flow copy; an alias whose anchor is not defined before it in the same
 * document is returned as `unknown` (kubectl refuses such a document).
 */
export function sharedNodes(root: Node, text: string, ctx: ReadContext): { shared: SharedNode[]; unknown?: Alias } {
  const byTarget = new Map<Node, Array<{ start: number; end: number }>>()
  let unknown: Alias | undefined
  visit(root, {
    Alias(_key, alias) {
      const target = ctx.target(alias)
      if (!target) {
        unknown ??= alias
        return
      }
      const uses = byTarget.get(target) ?? []
      uses.push({ start: alias.range?.[0] ?? 0, end: alias.range?.[1] ?? 0 })
      byTarget.set(target, uses)
    },
  })
  const shared = [...byTarget].map(([node, uses]) => ({
    start: blockStart(node, text),
    end: node.range?.[1] ?? 0,
    anchor: node.anchor ?? '',
    copy: flowCopy(node, text),
    uses,
  }))
  return unknown ? { shared, unknown } : { shared }
}

/**
 * Where a node's text starts, for telling which edits are inside it. A block
 * collection's range starts at its first item, but a pair added before that
 * item goes at the start of its line, or on the line after the anchor
 * (`labels: &l` then a comment): edits there are inside the node too.
 * (Taken from the range alone, such an edit was not, and went through the
 * aliases unseen.)
 */
function blockStart(node: Node, text: string): number {
  const start = node.range?.[0] ?? 0
  if (!isCollection(node) || node.flow) return start
  let at = lineStart(text, start)
  if (!onlyCommentsBetween(text, at, start)) return start
  // Back over whole lines of comments or blanks, up to the line with the anchor.
  while (at > 0) {
    const before = lineStart(text, at - 1)
    if (!onlyCommentsBetween(text, before, at)) break
    at = before
  }
  return at
}

/** Whether a document's text can hold an alias at all (most hold none: skip the walk). */
export function mayHaveAliases(text: string, start: number, end: number): boolean {
  return indexWithin(text, '*', start, end) >= 0
}
