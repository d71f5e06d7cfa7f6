// The text-level readers of kubectl's YAML subset (prune/parse-kubectl-yaml.ts):
// lines, keys, and quoted and literal scalars, each a function of the text
// and an offset. Anything outside the subset gives up (GIVE_UP), and the
// caller falls back to the yaml package.

// --- internal ---

export const GIVE_UP: Error = new Error('not YAML as kubectl writes it')

export function giveUp(): never {
  throw GIVE_UP
}

export const SPACE = 32
export const NL = 10
const DASH = 45
export const DQUOTE = 34
export const SQUOTE = 39

/** The text of a quoted scalar whose opening quote is at `at`, and the offset just after its closing quote. */
export function quotedText(t: string, at: number, parent: number, double: boolean): [string, number] {
  const quote = double ? DQUOTE : SQUOTE
  let out = ''
  let i = at + 1
  let chunk = i
  for (;;) {
    if (i >= t.length) giveUp()
    const c = t.charCodeAt(i)
    if (c === quote) {
      if (!double && t.charCodeAt(i + 1) === SQUOTE) {
        out += t.slice(chunk, i + 1)
        i += 2
        chunk = i
        continue
      }
      return [out + t.slice(chunk, i), i + 1]
    }
    if (double && c === 0x5c /* \ */) {
      out += t.slice(chunk, i)
      if (t.charCodeAt(i + 1) === NL) {
        // An escaped line break joins the lines; the next line's indentation goes.
        i = contentOfNextLine(t, i + 1, parent, false)[1]
      } else {
        const [s, len] = unescape(t, i + 1)
        out += s
        i += 1 + len
      }
      chunk = i
      continue
    }
    if (c === NL) {
      // A line break inside quotes folds: spaces around it go; one space, or a line break per blank line.
      let e = i
      while (e > chunk && t.charCodeAt(e - 1) === SPACE) e--
      out += t.slice(chunk, e)
      const [breaks, next] = contentOfNextLine(t, i, parent, true)
      out += breaks > 0 ? '\n'.repeat(breaks) : ' '
      i = next
      chunk = i
      continue
    }
    i++
  }
}

/** After the line break at `nl`: how many blank lines follow (when allowed), and where the next line's content starts. */
function contentOfNextLine(t: string, nl: number, parent: number, blankAllowed: boolean): [number, number] {
  let breaks = 0
  let i = nl + 1
  for (;;) {
    if (i >= t.length) giveUp()
    const e = lineEnd(t, i)
    let s = i
    while (s < e && t.charCodeAt(s) === SPACE) s++
    if (s >= e) {
      if (!blankAllowed) giveUp()
      breaks++
      i = e + 1
      continue
    }
    if (s - i <= parent) giveUp()
    return [breaks, s]
  }
}

/** A literal block scalar (`|`, `|-`, `|+`, maybe with an indentation indicator) whose header is at `at`, and where the line after it starts. */
export function literal(t: string, at: number, end: number, parent: number): [string, number] {
  const m = /^(?:([1-9])([-+]?)|([-+])([1-9]?)|)$/.exec(t.slice(at + 1, end))
  if (!m) giveUp()
  const digit = m[1] ?? m[4]
  const chomp = m[2] ?? m[3] ?? ''
  const n = Math.max(parent, 0)
  let indent = digit ? n + Number(digit) : -1
  const lines: string[] = []
  let lastContent = -1
  let widestLeadingBlank = 0
  let i = end + 1
  while (i < t.length) {
    const e = lineEnd(t, i)
    let s = i
    while (s < e && t.charCodeAt(s) === SPACE) s++
    const ind = s - i
    if (s >= e && (indent < 0 || ind <= indent)) {
      // An empty line: part of the scalar if content follows, or if chomping keeps it.
      if (indent < 0) widestLeadingBlank = Math.max(widestLeadingBlank, ind)
      lines.push('')
      i = e + 1
      continue
    }
    if (indent < 0) {
      if (ind <= n) break
      // Leading empty lines wider than the content's indentation are an error in YAML.
      if (widestLeadingBlank > ind) giveUp()
      indent = ind
    }
    if (ind < indent) break
    lines.push(t.slice(i + indent, e))
    lastContent = lines.length - 1
    i = e + 1
  }
  const body = lines.slice(0, lastContent + 1).join('\n')
  if (chomp === '-') return [body, i]
  if (chomp === '+') return [lastContent < 0 ? '\n'.repeat(lines.length) : `${body}\n${'\n'.repeat(lines.length - lastContent - 1)}`, i]
  return [lastContent < 0 ? '' : `${body}\n`, i]
}

/** Where the key of a `key: value` (or `key:`) line starting at `at` ends: its `:`; -1 when the line is not one. */
export function keyEnd(t: string, at: number): number {
  const end = lineEnd(t, at)
  const c = t.charCodeAt(at)
  if (c === DQUOTE || c === SQUOTE) {
    let i = at + 1
    for (;;) {
      if (i >= end) return -1
      const d = t.charCodeAt(i)
      if (c === DQUOTE && d === 0x5c) {
        i += 2
        continue
      }
      if (d === c) {
        if (c === SQUOTE && t.charCodeAt(i + 1) === SQUOTE) {
          i += 2
          continue
        }
        break
      }
      i++
    }
    const colon = i + 1
    return t.charCodeAt(colon) === 0x3a && (colon + 1 >= end || t.charCodeAt(colon + 1) === SPACE) ? colon : -1
  }
  let i = t.indexOf(':', at)
  while (i >= 0 && i < end) {
    if (i + 1 >= end || t.charCodeAt(i + 1) === SPACE) return i
    i = t.indexOf(':', i + 1)
  }
  return -1
}

/** The key written in [at, colon). */
export function readKey(t: string, at: number, colon: number): string {
  const c = t.charCodeAt(at)
  if (c === DQUOTE) return quotedText(t, at, Infinity, true)[0]
  if (c === SQUOTE) return t.slice(at + 1, colon - 1).replaceAll("''", "'")
  const k = t.slice(at, colon)
  if (!plainStart(t, at) || k.endsWith(' ') || k.includes(' #')) giveUp()
  return k
}

/** A `-` that starts a sequence entry. */
export function isDash(t: string, at: number): boolean {
  if (t.charCodeAt(at) !== DASH) return false
  const next = t.charCodeAt(at + 1)
  return at + 1 >= t.length || next === SPACE || next === NL
}

export function indentOf(t: string, lineStart: number): number {
  let i = lineStart
  while (t.charCodeAt(i) === SPACE) i++
  return i - lineStart
}

export function lineEnd(t: string, at: number): number {
  const nl = t.indexOf('\n', at)
  return nl < 0 ? t.length : nl
}

export function lineStart(t: string, at: number): number {
  return t.lastIndexOf('\n', at - 1) + 1
}

/**
 * Whether a plain scalar may start at `at`: not with an indicator, except
 * `-`, `?` and `:` followed by a character that is not a space (`-1`, `?x`).
 */
export function plainStart(t: string, at: number): boolean {
  const c = t[at]!
  if ('-?:'.includes(c)) {
    const next = t.charCodeAt(at + 1)
    return at + 1 < t.length && next !== SPACE && next !== NL
  }
  return !',[]{}#&*!|>\'"%@`'.includes(c)
}

/** What a double-quoted escape stands for (`i` is just after the `\`), and how many characters it takes. */
function unescape(t: string, i: number): [string, number] {
  switch (t[i]) {
    case '0': return ['\0', 1]
    case 'a': return ['\x07', 1]
    case 'b': return ['\b', 1]
    case 't': return ['\t', 1]
    case 'n': return ['\n', 1]
    case 'v': return ['\v', 1]
    case 'f': return ['\f', 1]
    case 'r': return ['\r', 1]
    case 'e': return ['\x1b', 1]
    case ' ': return [' ', 1]
    case '"': return ['"', 1]
    case '/': return ['/', 1]
    case '\\': return ['\\', 1]
    case 'N': return ['\x85', 1]
    case '_': return ['\xa0', 1]
    case 'L': return ['\u2028', 1]
    case 'P': return ['\u2029', 1]
    case 'x': return [hex(t, i + 1, 2), 3]
    case 'u': return [hex(t, i + 1, 4), 5]
    case 'U': return [hex(t, i + 1, 8), 9]
    default: return giveUp()
  }
}

/** A code point written as `n` hex digits; surrogates alone are given up on (the yaml package keeps them, Go does not). */
function hex(t: string, from: number, n: number): string {
  const s = t.slice(from, from + n)
  if (!/^[0-9a-fA-F]+$/.test(s) || s.length !== n) giveUp()
  const code = parseInt(s, 16)
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) giveUp()
  return String.fromCodePoint(code)
}
