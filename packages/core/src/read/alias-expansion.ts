import { isAlias, isMap, isPair, isSeq, type Node } from 'yaml'
import { isMergeKey, type ReadContext } from '../yaml/read-context.js'

// --- internal ---

/**
 * How much aliases blow a document up, counted as goyaml v2 (the YAML
 * decoder kubectl and the API server use) counts while it decodes: every
 * node decoded, and every node decoded inside an alias expansion. goyaml
 * refuses a document ("excessive aliasing") as soon as, inside an
 * expansion, more than 100 alias nodes and 1,000 nodes in all have been
 * decoded and the alias share exceeds `allowedAliasRatio`. The same rule
 * here, computed from the tree without expanding it (each anchored node's
 * expanded size is computed once), refuses exactly what Kubernetes cannot
 * read, in time linear in the document, before anything walks the
 * expansions. Returns the counts (at the point goyaml would stop, with
 * its offset, when it refuses the document). `root` is the document's contents.
 */
export function aliasExpansion(root: Node | null, ctx: ReadContext): { decoded: number; aliased: number; refusedAt?: number } {
  const expanded = new Map<Node, number>()
  const inProgress = new Set<Node>()
  // The expanded size of a node: itself and its children, aliases expanded.
  const sizeOf = (n: unknown): number => {
    if (n === null || n === undefined) return 1
    const node = n as Node
    const known = expanded.get(node)
    if (known !== undefined) return known
    if (inProgress.has(node)) return Infinity
    inProgress.add(node)
    let size = 1
    if (isAlias(node)) {
      const target = ctx.target(node)
      size += target ? sizeOf(target) : 0
    } else if (isMap(node)) {
      for (const p of node.items) if (isPair(p)) size += (isMergeKey(p.key) ? 0 : sizeOf(p.key)) + sizeOf(p.value)
    } else if (isSeq(node)) {
      for (const item of node.items) size += sizeOf(item)
    }
    inProgress.delete(node)
    expanded.set(node, size)
    return size
  }
  let decoded = 1
  let aliased = 0
  let stop: number | undefined
  // Decode order: depth first; an alias adds its target's expanded size at
  // once, and the rule is checked at the end of each outermost expansion,
  // where the alias share is highest and the allowance lowest.
  const walk = (n: unknown): void => {
    if (stop !== undefined) return
    decoded++
    if (isAlias(n)) {
      const target = ctx.target(n)
      const size = target ? sizeOf(target) : 0
      decoded += size
      aliased += size
      if (aliased > 100 && decoded > 1000 && aliased / decoded > allowedAliasRatio(decoded)) stop = n.range?.[0] ?? 0
      return
    }
    if (isMap(n)) for (const p of n.items) if (isPair(p)) { if (!isMergeKey(p.key)) walk(p.key); walk(p.value) }
    if (isSeq(n)) for (const item of n.items) walk(item)
  }
  walk(root)
  return stop === undefined ? { decoded, aliased } : { decoded, aliased, refusedAt: stop }
}

/** goyaml v2's allowedAliasRatio: 0.99 up to 400,000 decoded nodes, 0.10 from 4,000,000, linear in between. */
function allowedAliasRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99
  if (decoded >= 4_000_000) return 0.10
  return 0.99 - 0.89 * ((decoded - 400_000) / 3_600_000)
}
