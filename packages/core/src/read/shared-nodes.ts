import { visit, type Alias, type Node } from 'yaml'
import type { SharedNode } from '../facts.js'
import type { ReadContext } from '../yaml/read-context.js'
import { flowCopy } from './flow-copy.js'
import { indexWithin } from '../text/offsets.js'

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
    start: node.range?.[0] ?? 0,
    end: node.range?.[1] ?? 0,
    anchor: node.anchor ?? '',
    copy: flowCopy(node, text),
    uses,
  }))
  return unknown ? { shared, unknown } : { shared }
}

/** Whether a document's text can hold an alias at all (most hold none: skip the walk). */
export function mayHaveAliases(text: string, start: number, end: number): boolean {
  return indexWithin(text, '*', start, end) >= 0
}
