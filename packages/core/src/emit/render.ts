// Text for the edits cmhash makes, in the style of the text around them.
import type { PairSite, ScalarStyle } from '../facts.js'
import { k8sPlainScalarKind } from '../kube/scalar.js'

// --- internal ---

const YAML12_NON_STRING = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/

/** Whether `s` can be written unquoted and read back as the same string by Kubernetes and YAML 1.2 tools. */
export function isSafePlain(s: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(s) && k8sPlainScalarKind(s) === 'string' && !YAML12_NON_STRING.test(s)
}

/**
 * A double-quoted string that YAML (goyaml v2 included) and JSON both read
 * back as `s`: JSON's escapes, plus \u escapes for what JSON leaves raw but
 * YAML 1.1 reads as a line break or refuses (NEL, the line and paragraph
 * separators, DEL and the C1 controls, a byte-order mark).
 */
export function quoteDouble(s: string): string {

  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** A scalar's new text, in its old style where that style can hold it. */
export function renderScalar(value: string, style: ScalarStyle): string {
  switch (style) {
    case 'plain': return isSafePlain(value) ? value : quoteDouble(value)
    case 'single': return flat("'", value.replaceAll("'", "''"), "'")
    default: return quoteDouble(value)
  }
}

/** A key or string value for a new pair in a map written in `site`'s style. */
export function renderString(value: string, json: boolean): string {
  return !json && isSafePlain(value) ? value : quoteDouble(value)
}

type RenderedPair = readonly [key: string, value: string]

/**
 * The parts as one string. Edit texts are built with this (or a list of
 * parts joined once), not with `+` or template literals: V8 keeps a
 * concatenation as a tree of its pieces (32 bytes a node), and a build
 * holds every edit's text until it is written, which at 100 MB of input is
 * hundreds of thousands of them. A join of two parts or more is one flat
 * string (and of `''` and one part, that part).
 */
export function flat(...parts: string[]): string {
  return parts.join('')
}

/** Text that adds `pairs` (values already rendered) at `site`. */
export function renderPairs(site: PairSite, pairs: readonly RenderedPair[]): string {
  const { eol, indent, json } = site
  const parts: string[] = []
  const pair = ([k, v]: RenderedPair) => {
    parts.push(renderString(k, json), ': ', v)
  }
  if (site.mode === 'replace-empty') {
    parts.push(site.offset === site.end ? ' {' : '{')
    commaSeparated(pairs, pair, parts)
    parts.push('}')
  } else if (!site.flow) {
    for (const p of pairs) {
      if (site.mode === 'after') parts.push(eol, indent)
      else parts.push(indent)
      pair(p)
      if (site.mode !== 'after') parts.push(eol)
    }
  } else if (site.mode === 'after') {
    for (const p of pairs) {
      parts.push(site.multiline ? ',' : ', ')
      if (site.multiline) parts.push(eol, indent)
      pair(p)
    }
  } else if (site.emptyFlow) {
    commaSeparated(pairs, pair, parts)
  } else {
    for (const p of pairs) {
      if (site.multiline) parts.push(eol, indent)
      pair(p)
      parts.push(site.multiline ? ',' : ', ')
    }
  }
  return parts.join('')
}

/** Text that adds maps (`key: {pairs}`) at `site`, nested in block style when the site is block style. */
export function renderMaps(site: PairSite, step: string, maps: ReadonlyArray<readonly [string, readonly RenderedPair[]]>): string {
  const { eol, indent, json } = site
  if (site.flow || site.mode !== 'after') {
    return renderPairs(site, maps.map(([key, pairs]) =>
      [key, flat('{', pairs.map(([k, v]) => flat(renderString(k, json), ': ', v)).join(', '), '}')] as const))
  }
  const parts: string[] = []
  for (const [key, pairs] of maps) {
    parts.push(eol, indent, renderString(key, json), ':')
    for (const [k, v] of pairs) parts.push(eol, indent, step, renderString(k, json), ': ', v)
  }
  return parts.join('')
}

function commaSeparated(pairs: readonly RenderedPair[], pair: (p: RenderedPair) => void, parts: string[]): void {
  pairs.forEach((p, i) => {
    if (i > 0) parts.push(', ')
    pair(p)
  })
}
