import { visit, type Node } from 'yaml'
import { ESCAPES } from './scan/scan-scalar.js'
import { isJsonFile } from '../text/json-file.js'

// --- internal ---

/**
 * goyaml v2 (kubectl, the API server) folds a quoted value's line breaks
 * otherwise than the yaml package does:
 *
 * - its line breaks are LF, CR, NEL, LS and PS: NEL folds like LF (`"a<NEL>b"`
 *   is `a b`), LS and PS stay but take the white space around them
 *   (`"a <LS> b"` is `a<LS>b`);
 * - after an escaped line break (`\` at a line's end), each empty line is a
 *   line feed (`"a\`, an empty line, `b"` is `a\nb`); the yaml package makes
 *   it a space.
 *
 * Each quoted scalar of the document that holds such a break gets the value
 * goyaml reads. Not in a file kubectl reads as JSON (one that starts with
 * `{`): JSON strings hold these characters as they are.
 */
export function foldQuotedAsGo(contents: Node | null, text: string, start: number, end: number, scanned: boolean): void {
  if (!contents || isJsonFile(text)) return
  // The scanner reads only quoted values on one line (LF): only NEL, LS or PS can make one span lines.
  if (scanned && !SEPARATORS.test(text.slice(start, end))) return
  visit(contents, {
    Scalar(_key, s) {
      if ((s.type !== 'QUOTE_DOUBLE' && s.type !== 'QUOTE_SINGLE') || !s.range) return
      const [from, to] = s.range
      for (let i = from + 1; i < to - 1; i++) {
        if (breakLength(text, i) > 0) {
          s.value = goQuoted(text, from, to)
          return
        }
      }
    },
  })
}

const SEPARATORS = /[\u0085\u2028\u2029]/

/**
 * The value goyaml reads from the quoted scalar [start, end) of `text`
 * (quotes included), folded as its scanner does
 * (yaml_parser_scan_flow_scalar): runs of text, then the white space and
 * line breaks between them joined. Escapes are decoded with YAML's set; the
 * ones kubectl reads otherwise are refused before this (escapes.ts).
 */
function goQuoted(text: string, start: number, end: number): string {
  const single = text[start] === "'"
  const close = end - 1
  let s = ''
  let i = start + 1
  while (i < close) {
    let leadingBlanks = false
    // A run of text.
    while (i < close && !isBlank(text[i]) && breakLength(text, i) === 0) {
      const c = text[i]!
      if (single && c === "'") {
        s += "'" // '' inside the value
        i += 2
      } else if (!single && c === '\\') {
        const escapedBreak = breakLength(text, i + 1)
        if (escapedBreak > 0) {
          i += 1 + escapedBreak
          leadingBlanks = true
          break
        }
        const [value, length] = escape(text, i)
        s += value
        i += length
      } else {
        s += c
        i++
      }
    }
    // The white space and line breaks after it.
    let whitespace = ''
    let leadingBreak = ''
    let trailingBreaks = ''
    while (i < close) {
      const c = text[i]!
      if (isBlank(c)) {
        if (!leadingBlanks) whitespace += c
        i++
        continue
      }
      const length = breakLength(text, i)
      if (length === 0) break
      // CR LF, CR, LF and NEL are read as LF; LS and PS as themselves.
      const line = c === '\u2028' || c === '\u2029' ? c : '\n'
      if (leadingBlanks) trailingBreaks += line
      else {
        whitespace = ''
        leadingBreak = line
        leadingBlanks = true
      }
      i += length
    }
    if (!leadingBlanks) s += whitespace
    else if (leadingBreak === '\n') s += trailingBreaks === '' ? ' ' : trailingBreaks
    else s += leadingBreak + trailingBreaks
  }
  return s
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t'
}

/** The length of the goyaml line break at `i` (CR LF is one), or 0. */
function breakLength(text: string, i: number): number {
  const c = text[i]
  if (c === '\r') return text[i + 1] === '\n' ? 2 : 1
  return c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029' ? 1 : 0
}

/** The value of the escape at `i` (a backslash) and its length. */
function escape(text: string, i: number): [string, number] {
  const e = text[i + 1] ?? ''
  const simple = ESCAPES[e]
  if (simple !== undefined) return [simple, 2]
  const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0
  const code = digits > 0 ? parseInt(text.slice(i + 2, i + 2 + digits), 16) : NaN
  // The yaml package reports any other escape; kept as written, as it does.
  if (!(code >= 0 && code <= 0x10ffff)) return [`\\${e}`, 2]
  return [String.fromCodePoint(code), 2 + digits]
}
