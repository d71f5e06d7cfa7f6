// One-line scalars, plain and quoted, read as the yaml package reads them
// with the failsafe schema (every value a string).
import type { Scalar } from 'yaml'
import { make } from './make-node.js'
import { unusual } from './unusual.js'
import { BACKSLASH, COLON, DQ, HASH, NL, QUESTION, SP, SQ, TAB } from './chars.js'
import { indexWithin } from '../../text/offsets.js'

// --- internal ---

/** A scalar as the composer makes it: value, range, source, type. */
export function scalarNode(value: string, type: Scalar.Type, start: number, end: number, after: number): Scalar.Parsed {
  return make.scalar(value, type, [start, end, after])
}

/** The empty value of `key:` or `-`, at `at`. */
export function emptyNode(at: number): Scalar.Parsed {
  return scalarNode('', 'PLAIN', at, at, at)
}

/**
 * Where a plain scalar starting at `at` ends in block context: before
 * ` #`, before `:` followed by a space or the line end, or at the line end;
 * trailing spaces are not part of it. A tab in it is left to the yaml
 * package.
 */
export function plainEnd(t: string, at: number): number {
  let i = at
  let end = at
  for (;;) {
    const c = t.charCodeAt(i)
    if (c === NL || c !== c) return end
    if (c === SP) {
      if (t.charCodeAt(i + 1) === HASH) return end
      i++
      continue
    }
    if (c === TAB) unusual()
    if (c === COLON) {
      const d = t.charCodeAt(i + 1)
      if (d === SP || d === NL || d === TAB) return end
    }
    end = ++i
  }
}

/**
 * Where a plain scalar starting at `at` ends inside a flow collection. A `?`
 * in it is left to the yaml package (and refused: goyaml ends the scalar
 * there, see flow-plain.ts).
 */
export function flowPlainEnd(t: string, at: number): number {
  let i = at
  let end = at
  for (;;) {
    const c = t.charCodeAt(i)
    if (c === NL || c !== c || isFlowIndicator(c)) return end
    if (c === SP) {
      const d = t.charCodeAt(i + 1)
      if (d === HASH) return end
      i++
      continue
    }
    if (c === TAB || c === QUESTION) unusual()
    if (c === COLON) {
      const d = t.charCodeAt(i + 1)
      if (d === SP || d === NL || d === TAB || isFlowIndicator(d)) return end
    }
    end = ++i
  }
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125
}

/**
 * Whether a plain scalar may start at `at` (in a flow collection when
 * `flow`): not at an indicator, and not at a character the yaml package
 * reports (`@`, a backtick, `%`, `,`...).
 */
export function canStartPlain(t: string, at: number, flow: boolean): boolean {
  const c = t.charCodeAt(at)
  switch (c) {
    case 33: case 35: case 37: case 38: case 39: case 34: case 42: case 44: case 62: case 64:
    case 91: case 93: case 96: case 123: case 124: case 125: case TAB: case SP: case NL:
      return false // ! # % & ' " * , > @ [ ] ` { | } and blanks
    case 45: case 58: case 63: { // - : ? followed by a blank (or a flow indicator in flow)
      if (flow && c !== 45) return false // always indicators to goyaml in flow (see flow-plain.ts)
      const d = t.charCodeAt(at + 1)
      return !(d === SP || d === NL || d === TAB || d !== d || (flow && isFlowIndicator(d)))
    }
    default:
      return c === c
  }
}

/** The end (after the closing quote) of a quoted scalar on one line starting at `at`. */
export function quotedEnd(t: string, at: number): number {
  const q = t.charCodeAt(at)
  let i = at + 1
  for (;;) {
    const c = t.charCodeAt(i)
    if (c === NL || c !== c) unusual()
    if (c === q) {
      if (q === SQ && t.charCodeAt(i + 1) === SQ) {
        i += 2
        continue
      }
      return i + 1
    }
    if (c === BACKSLASH && q === DQ) {
      if (t.charCodeAt(i + 1) === NL) unusual()
      i += 2
      continue
    }
    i++
  }
}

/** The quoted scalar [start, end) (quotes included) as a node. */
export function quotedNode(t: string, start: number, end: number, after: number): Scalar.Parsed {
  return t.charCodeAt(start) === SQ
    ? scalarNode(t.slice(start + 1, end - 1).replaceAll("''", "'"), 'QUOTE_SINGLE', start, end, after)
    : scalarNode(doubleQuoted(t, start, end), 'QUOTE_DOUBLE', start, end, after)
}

/** The value of a one-line double-quoted scalar, escapes decoded (YAML 1.2's set). */
function doubleQuoted(t: string, start: number, end: number): string {
  const last = end - 1
  let i = indexWithin(t, '\\', start + 1, last)
  if (i < 0) return t.slice(start + 1, last)
  let out = ''
  let from = start + 1
  for (; i >= 0; i = indexWithin(t, '\\', i, last)) {
    out += t.slice(from, i)
    const e = t[i + 1]!
    const simple = ESCAPES[e]
    if (simple !== undefined) {
      out += simple
      i += 2
    } else {
      const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0
      const hex = t.slice(i + 2, i + 2 + digits)
      if (digits === 0 || i + 2 + digits > last || !/^[0-9a-fA-F]+$/.test(hex)) unusual()
      const code = parseInt(hex, 16)
      if (code > 0x10ffff) unusual()
      out += String.fromCodePoint(code)
      i += 2 + digits
    }
    from = i
  }
  return out + t.slice(from, last)
}

export const ESCAPES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  '0': '\0', 'a': '\x07', 'b': '\b', 'e': '\x1b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v',
  'N': '\u0085', '_': '\u00a0', 'L': '\u2028', 'P': '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
})
