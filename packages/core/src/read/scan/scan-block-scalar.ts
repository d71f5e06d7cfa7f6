// Block scalars (`|`, `>`, with a chomping indicator), read as the yaml
// package reads them: where their content ends, and their value.
import type { Scalar } from 'yaml'
import { scalarNode } from './scan-scalar.js'
import { unusual } from './unusual.js'
import { HASH, NL, SP, TAB } from './chars.js'

// --- internal ---

/**
 * The block scalar whose header (`|` or `>`) is at `at`, in a collection
 * indented `parentIndent`. Its range runs from the header to the end of its
 * last line of content (trailing blank lines are not part of it unless it
 * keeps them, `+`). An indentation indicator, an empty scalar, or blank
 * leading lines indented past the content are left to the yaml package.
 */
export function scanBlockScalar(t: string, at: number, parentIndent: number): Scalar.Parsed {
  let i = at + 1
  let chomp = 0 // 0 clip, 45 strip (-), 43 keep (+)
  for (let c = t.charCodeAt(i); c === 45 || c === 43; c = t.charCodeAt(++i)) {
    if (chomp !== 0) unusual()
    chomp = c
  }
  let j = i
  while (t.charCodeAt(j) === SP) j++
  if (t.charCodeAt(j) === HASH) {
    if (j === i) unusual()
    j = t.indexOf('\n', j)
  }
  if (t.charCodeAt(j) !== NL) unusual()
  const body = j + 1
  // The first line with content sets the indentation.
  let p = body
  let leading = 0
  let indent: number
  for (;;) {
    let k = p
    while (t.charCodeAt(k) === SP) k++
    const c = t.charCodeAt(k)
    if (c === NL) {
      if (k - p > leading) leading = k - p
      p = k + 1
      continue
    }
    if (c === TAB || c !== c) unusual()
    indent = k - p
    break
  }
  if (indent <= parentIndent || leading > indent) unusual()
  // Lines continue while blank or indented at least as much.
  let nl = t.indexOf('\n', p)
  for (;;) {
    const q = nl + 1
    if (q >= t.length) break
    let k = q
    while (t.charCodeAt(k) === SP) k++
    const c = t.charCodeAt(k)
    if (c !== NL && k - q < indent) {
      if (c === TAB) unusual()
      break
    }
    nl = t.indexOf('\n', k)
  }
  if (chomp !== 43) {
    // Trailing blank lines no more indented than the content are not part of it.
    for (;;) {
      let k = nl - 1
      while (k >= body && t.charCodeAt(k) === SP) k--
      if (k >= body && t.charCodeAt(k) === NL && nl - 1 - k <= indent) nl = k
      else break
    }
  }
  const end = nl + 1
  const value = blockValue(t, body, end, indent, t.charCodeAt(at) === 62, chomp)
  return scalarNode(value, t.charCodeAt(at) === 62 ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL', at, end, end)
}

/** The value of the content lines [from, to) (`to` after a line break), indented `indent`. */
function blockValue(t: string, from: number, to: number, indent: number, folded: boolean, chomp: number): string {
  // Lines as [spaces, rest]; the text ends with a line break, so the last line is empty.
  const lines: Array<[number, number, number]> = [] // [start, content start, end]
  for (let p = from; p <= to;) {
    let k = p
    while (k < to && t.charCodeAt(k) === SP) k++
    const e = k < to ? t.indexOf('\n', k) : to
    lines.push([p, k, e])
    p = e + 1
    if (e === to) break
  }
  let chompAt = lines.length
  while (chompAt > 0 && lines[chompAt - 1]![1] === lines[chompAt - 1]![2]) chompAt--
  // Trailing blank lines indented past the content are content.
  for (let i = lines.length - 1; i >= chompAt; i--) {
    const [s, c] = lines[i]!
    if (c - s > indent) {
      chompAt = i + 1
      break
    }
  }
  let value = ''
  let first = 0
  while (first < chompAt && lines[first]![1] === lines[first]![2]) {
    value += '\n'
    first++
  }
  const rest = (line: [number, number, number]) => t.slice(Math.min(line[0] + indent, line[1]), line[1]) + t.slice(line[1], line[2])
  let sep = ''
  let moreIndented = false
  for (let i = first; i < chompAt; i++) {
    const line = lines[i]!
    if (!folded) {
      value += sep + rest(line)
      sep = '\n'
    } else if (line[1] - line[0] > indent || t.charCodeAt(line[1]) === TAB) {
      if (sep === ' ') sep = '\n'
      else if (!moreIndented && sep === '\n') sep = '\n\n'
      value += sep + rest(line)
      sep = '\n'
      moreIndented = true
    } else if (line[1] === line[2]) {
      if (sep === '\n') value += '\n'
      else sep = '\n'
    } else {
      value += sep + t.slice(line[1], line[2])
      sep = ' '
      moreIndented = false
    }
  }
  if (chomp === 43) {
    for (let i = chompAt; i < lines.length; i++) value += '\n' + rest(lines[i]!)
    if (!value.endsWith('\n')) value += '\n'
  } else if (chomp === 0) {
    value += '\n'
  }
  return value
}
