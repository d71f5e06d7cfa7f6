import { isMap, isSeq, visit, type Node } from 'yaml'
import { deref, isMergeKey, type ReadContext } from '../yaml/read-context.js'
import { indexWithin } from '../text/offsets.js'

// --- internal ---

/**
 * Where a merge key's value is not a map or a list of maps, the offset of
 * that `<<`. goyaml v2 refuses such a document ("map merge requires map or
 * sequence of maps as the value"), so kubectl cannot read it.
 */
export function badMergeKey(contents: Node, ctx: ReadContext): number | undefined {
  let found: number | undefined
  visit(contents, {
    Pair(_, pair) {
      if (!isMergeKey(pair.key)) return undefined
      const value = deref(pair.value, ctx)
      const maps = isSeq(value) ? value.items.every(i => isMap(deref(i, ctx))) : isMap(value)
      if (maps) return undefined
      found = (pair.key as Node).range?.[0] ?? 0
      return visit.BREAK
    },
  })
  return found
}

/** Whether the text between start and end may hold a merge key at all (a cheap test before walking the tree). */
export function mayHaveMergeKeys(text: string, start: number, end: number): boolean {
  return indexWithin(text, '<<', start, end) >= 0
}
