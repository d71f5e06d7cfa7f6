// Reading yaml's AST the way Kubernetes reads the same text: aliases and
// `<<` merge keys followed (within a bound), every scalar a string whose
// meaning _k8s-scalar.ts decides.
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml'
import { k8sBool } from '../kube/scalar.js'

// --- internal ---

/**
 * Per-document reading context. Following aliases can multiply work (the
 * "billion laughs" alias bomb), so nodes reached through an alias count
 * against a budget; going over it throws AliasLimitError.
 */
export class ReadContext {
  aliasVisits = 0
  private anchors: Map<string, Node[]> | undefined
  /** `root`: the document's contents. */
  constructor(readonly root: Node | null, readonly text: string, readonly aliasBudget: number) {}

  /**
   * The node an alias names: the last node with that anchor before the
   * alias. (yaml's Alias.resolve searches the whole document on every call;
   * this indexes the anchors once.)
   */
  target(alias: Alias): Node | undefined {
    if (!this.anchors) {
      const anchors = new Map<string, Node[]>()
      if (this.root) visit(this.root, (_key, node) => {
        const anchor = (node as Node | null)?.anchor
        if (anchor && !isAlias(node)) {
          const list = anchors.get(anchor)
          if (list) list.push(node as Node)
          else anchors.set(anchor, [node as Node])
        }
      })
      this.anchors = anchors
    }
    const at = alias.range?.[0] ?? Infinity
    const candidates = this.anchors.get(alias.source) ?? []
    let found: Node | undefined
    for (const n of candidates) if ((n.range?.[0] ?? 0) < at) found = n
    return found
  }
}

export class AliasLimitError extends Error {
  constructor(readonly offset: number) {
    super('alias limit')
  }
}

/** The node an alias stands for (or the node itself), charging the alias budget. */
export function deref(node: unknown, ctx: ReadContext): Node | null {
  if (isAlias(node)) {
    if (++ctx.aliasVisits > ctx.aliasBudget) throw new AliasLimitError(node.range?.[0] ?? 0)
    return ctx.target(node) ?? null
  }
  return (node as Node | null | undefined) ?? null
}

/** The string of a scalar key or value; undefined for anything else. */
export function str(node: unknown): string | undefined {
  return isScalar(node) ? scalarText(node) : undefined
}

/** A scalar's value as text: with the failsafe schema cmhash reads with, always the string written. */
export function scalarText(s: Scalar): string {
  const v = s.value
  if (typeof v === 'string') return v
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : ''
}

/** A map, following an alias. */
export function mapOf(node: unknown, ctx: ReadContext): YAMLMap | undefined {
  const n = deref(node, ctx)
  return isMap(n) ? n : undefined
}

export function isPlain(s: Scalar): boolean {
  return s.type === 'PLAIN' || s.type === undefined
}

/** A `<<` key goyaml v2 merges: a plain `<<` scalar. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && isPlain(key)
}

/** Whether a map has a `<<` key written plain (and so merges). */
function hasMerge(map: YAMLMap): boolean {
  for (const item of map.items) if (isPair(item) && isMergeKey(item.key)) return true
  return false
}

/** Whether every item of a map is a pair (so its own list is its entries). */
function allPairs(map: YAMLMap): boolean {
  for (const item of map.items) if (!isPair(item)) return false
  return true
}

/**
 * The pairs of a map as Kubernetes sees them. goyaml v2 decodes a map's
 * entries in document order into one result, so a later entry wins: an
 * explicit key after `<<: *a` overrides what the merge brought, and a `<<`
 * after an explicit key overrides that key. In `<<: [*a, *b]` the earlier
 * map wins (goyaml merges the list from its end). A merged map is decoded
 * by the same rule, merges of its own included. A `<<` whose value is not a
 * map or a list of maps is refused before this is asked (badMergeKey).
 * Without a merge key this is the map's own list (not a copy).
 */
export function entries(map: YAMLMap, ctx: ReadContext): readonly Pair[] {
  if (!hasMerge(map)) return allPairs(map) ? map.items : map.items.filter(isPair)
  const out = new Map<unknown, Pair>()
  mergeInto(out, map, ctx, 0)
  return [...out.values()]
}

function mergeInto(out: Map<unknown, Pair>, map: YAMLMap, ctx: ReadContext, depth: number): void {
  if (depth > 50) throw new AliasLimitError(map.range?.[0] ?? 0)
  for (const item of map.items) {
    if (!isPair(item)) continue
    if (isMergeKey(item.key)) {
      const v = deref(item.value, ctx)
      const sources = isSeq(v) ? v.items.map(i => deref(i, ctx)).reverse() : [v]
      for (const src of sources) if (isMap(src)) mergeInto(out, src, ctx, depth + 1)
      continue
    }
    out.set(str(item.key) ?? item, item)
  }
}

/** The pair for `key` as Kubernetes reads it, honouring merge keys. */
export function getPair(map: YAMLMap, key: string, ctx: ReadContext): Pair | undefined {
  // One pass: the first pair with the key, unless a merge key turns up.
  let found: Pair | undefined
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue
    if (isMergeKey(item.key)) return entries(map, ctx).find(p => str(p.key) === key)
    if (found === undefined && scalarText(item.key) === key) found = item
  }
  return found
}

/** The value node for `key`, following an alias. */
export function get(map: YAMLMap, key: string, ctx: ReadContext): Node | null {
  const pair = getPair(map, key, ctx)
  return pair ? deref(pair.value, ctx) : null
}

/** `optional: true` (or any YAML 1.1 spelling of true Kubernetes accepts). */
export function isOptional(map: YAMLMap, ctx: ReadContext): boolean {
  const s = deref(getPair(map, 'optional', ctx)?.value, ctx)
  return isScalar(s) && k8sBool(scalarText(s), isPlain(s)) === true
}
