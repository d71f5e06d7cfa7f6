// Where text can be edited: the exact ranges of scalars to replace and the
// places (with the layout to copy) where pairs can be added.
import { isPair, isScalar, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml'
import type { EntrySite, MetaMapFacts, PairSite, ScalarSite, ScalarStyle } from '../facts.js'
import { k8sPlainScalarKind } from '../kube/scalar.js'
import { columnOf, eolAt, lineEnd, lineStart, onlyCommentsBetween } from '../text/offsets.js'
import { entries, getPair, isPlain, mapOf, scalarText, str, type ReadContext } from '../yaml/read-context.js'

// --- internal ---

/** No entries recorded: one empty map for all. */
const NO_ENTRIES: ReadonlyMap<string, EntrySite> = new Map()

/** labels/annotations that exist but cannot be edited in place (an alias, a tag, an explicit key...). */
export const UNEDITABLE: unique symbol = Symbol('uneditable')

/**
 * The text of a scalar to replace. A block scalar's range runs past its
 * last line break (and any blank lines after it); those stay, so that what
 * follows still starts on its own line.
 */
export function scalarSite(s: Scalar, text: string): ScalarSite {
  const range = s.range ?? [0, 0, 0]
  const style = styleOf(s)
  let end = range[1]
  if (style === 'block') {
    while (end > range[0] && /\s/.test(text[end - 1]!)) end--
  }
  return { start: range[0], end, style }
}

function styleOf(s: Scalar): ScalarStyle {
  switch (s.type) {
    case 'QUOTE_DOUBLE': return 'double'
    case 'QUOTE_SINGLE': return 'single'
    case 'BLOCK_FOLDED': case 'BLOCK_LITERAL': return 'block'
    default: return 'plain'
  }
}

/**
 * The pair for `key` when it is written in the map itself and Kubernetes
 * reads it: not one brought by a merge key, nor one a later `<<` overrides.
 */
export function directPair(map: YAMLMap, key: string, ctx: ReadContext): Pair | undefined {
  const pair = getPair(map, key, ctx)
  return pair && map.items.includes(pair) ? pair : undefined
}

/**
 * labels or annotations of a target: where entries can be added, and the
 * entries cmhash reads or may set (cmhash.dev/ ones, and `keys`; every
 * entry when `keys` is undefined).
 */
export function metaMap(metadata: YAMLMap, key: string, text: string, ctx: ReadContext, keys?: ReadonlySet<string>): MetaMapFacts | undefined | typeof UNEDITABLE {
  const pair = directPair(metadata, key, ctx)
  if (!pair) return getPair(metadata, key, ctx) ? UNEDITABLE : undefined
  if (isExplicitKey(text, pair)) return UNEDITABLE
  const value = pair.value
  if (isScalar(value) || value === null) {
    const empty = emptyValueSite(text, pair)
    if (!empty) return UNEDITABLE
    const json = isScalar(pair.key) && pair.key.type === 'QUOTE_DOUBLE'
    return {
      site: { offset: empty.start, end: empty.end, mode: 'replace-empty', flow: true, json, multiline: false, emptyFlow: true, indent: '', eol: eolAt(text, empty.start) },
      entries: NO_ENTRIES,
    }
  }
  const map = mapOf(value, ctx)
  if (!map || map !== value) return UNEDITABLE
  let found: Map<string, EntrySite> | undefined
  // Not the entries a later merge key overrides (without one, all of them).
  const readable = entries(map, ctx)
  const read = readable === map.items ? undefined : new Set(readable)
  for (const p of map.items) {
    if (!isPair(p) || (read && !read.has(p))) continue
    if (isExplicitKey(text, p)) return UNEDITABLE
    const k = str(p.key)
    if (k === undefined) continue
    // cmhash's own entries must be plain scalars it can edit; other entries
    // are recorded when they are (options may ask for gitops annotations).
    const v = p.value
    const own = k.startsWith('cmhash.dev/')
    if (!isScalar(v) || v.tag || v.anchor) {
      if (own) return UNEDITABLE
      continue
    }
    if (!own && keys !== undefined && !keys.has(k)) continue
    const site = scalarSite(v, text)
    ;(found ??= new Map()).set(k, { start: site.start, end: site.end, style: site.style, value: String(v.value), plain: isPlain(v), empty: emptyValueSite(text, p) })
  }
  return { site: firstPairSite(text, map, pair), entries: found ?? NO_ENTRIES }
}

/**
 * Where a value written as nothing (`key:`), `~` or `null` can be replaced:
 * after the colon for nothing (so a comment on the line stays after it),
 * over the word otherwise. Undefined for anything else, or a tagged value.
 */
export function emptyValueSite(text: string, pair: Pair): { start: number; end: number } | undefined {
  const value = pair.value
  if (isScalar(value) && (value.tag || value.anchor || !isPlain(value) || k8sPlainScalarKind(scalarText(value)) !== 'null')) return undefined
  if (value !== null && !isScalar(value)) return undefined
  const source = isScalar(value) ? value.source ?? scalarText(value) : ''
  if (source !== '' && isScalar(value)) {
    const r = value.range!
    return { start: r[0], end: r[1] }
  }
  const keyEnd = (pair.key as Node | null)?.range?.[1]
  if (keyEnd === undefined) return undefined
  const colon = text.indexOf(':', keyEnd)
  if (colon < 0 || /[^ \t]/.test(text.slice(keyEnd, colon))) return undefined
  return { start: colon + 1, end: colon + 1 }
}

/** A pair written with the explicit-key indicator (`? key`), whose layout cmhash does not edit. */
export function isExplicitKey(text: string, pair: Pair): boolean {
  let i = ((pair.key as Node | null)?.range?.[0] ?? 0) - 1
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--
  return i >= 0 && text[i] === '?'
}

/** Where to add a pair after `pair` (at the end of its line in block style). */
export function afterPairSite(text: string, map: YAMLMap, pair: Pair | undefined): PairSite {
  const key = pair?.key as Node | undefined
  const value = pair?.value as Node | undefined
  const valueEnd = value?.range?.[1] ?? key?.range?.[1] ?? map.range?.[0] ?? 0
  const keyStart = key?.range?.[0] ?? valueEnd
  const json = isScalar(key) && key.type === 'QUOTE_DOUBLE'
  if (map.flow) {
    const multiline = isMultilineFlow(text, map)
    return {
      offset: valueEnd, mode: 'after', flow: true, json, multiline, emptyFlow: false,
      indent: spaces(columnOf(text, keyStart)), eol: eolAt(text, keyStart),
    }
  }
  // A block collection or block scalar ends after its last line break; a
  // flow value ends on its line, maybe followed by a comment.
  const end = valueEnd > 0 && text.charCodeAt(valueEnd - 1) === 10
    ? valueEnd - (valueEnd > 1 && text.charCodeAt(valueEnd - 2) === 13 ? 2 : 1)
    : lineEnd(text, valueEnd)
  return {
    offset: end, mode: 'after', flow: false, json, multiline: false, emptyFlow: false,
    indent: spaces(columnOf(text, keyStart)), eol: eolAt(text, valueEnd),
  }
}

/** Where to add a pair before the first pair of `map`, the value of `parent`. */
function firstPairSite(text: string, map: YAMLMap, parent: Pair): PairSite {
  const first = map.items.find(isPair)?.key as Node | undefined
  const json = isScalar(first) ? first.type === 'QUOTE_DOUBLE' : isScalar(parent.key) && parent.key.type === 'QUOTE_DOUBLE'
  const open = map.range?.[0] ?? 0
  if (map.flow) {
    const multiline = isMultilineFlow(text, map)
    const at = first?.range?.[0] ?? open
    return {
      offset: open + 1, mode: 'first', flow: true, json, multiline, emptyFlow: !first,
      indent: spaces(columnOf(text, at)), eol: eolAt(text, open),
    }
  }
  const keyAt = first!.range![0]
  const keyLine = lineStart(text, keyAt)
  const parentEnd = (parent.key as Node).range?.[1] ?? keyLine
  const eol = eolAt(text, keyAt)
  const afterParent = lineEnd(text, parentEnd) + eol.length
  const offset = afterParent <= keyLine && onlyCommentsBetween(text, afterParent, keyLine) ? afterParent : keyLine
  return {
    offset, mode: 'first', flow: false, json, multiline: false, emptyFlow: false,
    indent: spaces(columnOf(text, keyAt)), eol,
  }
}

function isMultilineFlow(text: string, map: YAMLMap): boolean {
  const r = map.range
  return r ? text.slice(r[0], r[1]).includes('\n') : false
}

export function stepOf(text: string, metadataPair: Pair, namePair: Pair): string {
  const outer = columnOf(text, (metadataPair.key as Node).range![0])
  const inner = columnOf(text, (namePair.key as Node).range![0])
  return spaces(inner > outer ? inner - outer : 2)
}

// Indentation strings, one per width: every object holds a few.
const SPACES: string[] = []

function spaces(n: number): string {
  if (n >= 64) return ' '.repeat(n)
  return SPACES[n] ??= ' '.repeat(n)
}
