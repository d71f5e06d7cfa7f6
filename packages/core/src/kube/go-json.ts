// Byte-exact re-implementation of the parts of Go's encoding/json that
// kustomize's hasher goes through: json.Marshal of map[string]interface{}
// holding strings and nested maps of strings.

import { sortSmall } from '../text/compare.js'

// --- internal ---

/** A value Go would marshal here: a string, or a map (keys sorted on output). */
export type GoJsonValue = string | { readonly [key: string]: GoJsonValue }

const HEX = '0123456789abcdef'

/**
 * Go's encodeState.string with escapeHTML on (json.Marshal's default):
 * `<`, `>`, `&`, U+2028 and U+2029 become \u escapes; \b and \f use their
 * short forms (Go >= 1.22); other control characters are \u00XX; invalid
 * UTF-16 (a lone surrogate) becomes U+FFFD, as Go does for invalid UTF-8.
 */
export function goQuote(s: string): string {
  let out = '"'
  let start = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    let esc: string | undefined
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26) {
      switch (c) {
        case 0x22: esc = '\\"'; break
        case 0x5c: esc = '\\\\'; break
        case 0x0a: esc = '\\n'; break
        case 0x0d: esc = '\\r'; break
        case 0x09: esc = '\\t'; break
        case 0x08: esc = '\\b'; break
        case 0x0c: esc = '\\f'; break
        default: esc = `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`
      }
    } else if (c === 0x2028 || c === 0x2029) {
      esc = c === 0x2028 ? '\\u2028' : '\\u2029'
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1)
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
      esc = '\ufffd'
    }
    if (esc !== undefined) {
      out += s.slice(start, i) + esc
      start = i + 1
    }
  }
  return out + s.slice(start) + '"'
}

/** Go sorts map keys by their UTF-8 bytes, which is code point order, not UTF-16 order. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  // Below the surrogates, UTF-16 order is code point order.
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    if (x < 0xd800 && y < 0xd800) return x - y
    return compareFrom(a, b, i)
  }
  return a.length - b.length
}

/** compareCodePoints from `from` on, where a surrogate may stand. */
function compareFrom(a: string, b: string, from: number): number {
  const n = Math.min(a.length, b.length)
  for (let i = from; i < n; i++) {
    const x = a.codePointAt(i)!
    const y = b.codePointAt(i)!
    if (x !== y) return x - y
    if (x > 0xffff) i++
  }
  return a.length - b.length
}

/** json.Marshal of a string or a (nested) map of strings, keys sorted as Go sorts them. */
export function goMarshal(value: GoJsonValue): string {
  if (typeof value === 'string') return goQuote(value)
  const keys = Object.keys(value)
  sortSmall(keys, compareCodePoints)
  let out = '{'
  for (let i = 0; i < keys.length; i++) out += `${i > 0 ? ',' : ''}${goQuote(keys[i]!)}:${goMarshal(value[keys[i]!]!)}`
  return `${out}}`
}
