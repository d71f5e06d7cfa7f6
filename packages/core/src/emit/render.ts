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
    case 'single': return `'${value.replaceAll("'", "''")}'`
    default: return quoteDouble(value)
  }
}

/** A key or string value for a new pair in a map written in `site`'s style. */
export function renderString(value: string, json: boolean): string {
  return !json && isSafePlain(value) ? value : quoteDouble(value)
}

type RenderedPair = readonly [key: string, value: string]

/** Text that adds `pairs` (values already rendered) at `site`. */
export function renderPairs(site: PairSite, pairs: readonly RenderedPair[]): string {
  const kv = ([k, v]: RenderedPair) => `${renderString(k, site.json)}: ${v}`
  const { eol, indent } = site
  if (site.mode === 'replace-empty') {
    return `${site.offset === site.end ? ' ' : ''}{${pairs.map(kv).join(', ')}}`
  }
  if (!site.flow) {
    return site.mode === 'after'
      ? pairs.map(p => `${eol}${indent}${kv(p)}`).join('')
      : pairs.map(p => `${indent}${kv(p)}${eol}`).join('')
  }
  if (site.mode === 'after') {
    return site.multiline
      ? pairs.map(p => `,${eol}${indent}${kv(p)}`).join('')
      : pairs.map(p => `, ${kv(p)}`).join('')
  }
  if (site.emptyFlow) return pairs.map(kv).join(', ')
  return site.multiline
    ? pairs.map(p => `${eol}${indent}${kv(p)},`).join('')
    : pairs.map(p => `${kv(p)}, `).join('')
}

/** Text that adds maps (`key: {pairs}`) at `site`, nested in block style when the site is block style. */
export function renderMaps(site: PairSite, step: string, maps: ReadonlyArray<readonly [string, readonly RenderedPair[]]>): string {
  if (site.flow || site.mode !== 'after') {
    return renderPairs(site, maps.map(([key, pairs]) =>
      [key, `{${pairs.map(([k, v]) => `${renderString(k, site.json)}: ${v}`).join(', ')}}`] as const))
  }
  const { eol, indent } = site
  return maps.map(([key, pairs]) =>
    `${eol}${indent}${renderString(key, site.json)}:` +
    pairs.map(([k, v]) => `${eol}${indent}${step}${renderString(k, site.json)}: ${v}`).join('')).join('')
}
