// A fast reader for YAML as `kubectl get -o yaml` writes it (goyaml's block
// style), for live-state exports far larger than the yaml package reads
// quickly. It reads the subset kubectl writes: block maps and sequences
// (sequences not indented under their key), plain, quoted and literal
// scalars, `{}` and `[]`, `---` between documents. Anything else (comments,
// flow collections, anchors, aliases, tags, folded scalars, tabs, CR line
// breaks, directives, duplicate or merge keys) makes it give up, and the
// caller reads the text with the yaml package instead. Both give every
// scalar as a string, as the yaml package's failsafe schema does; a test
// holds them to the same values on kubectl's real output.

// --- internal ---

/** A value read with the failsafe schema: strings, plain objects and arrays. */
export type PlainValue = string | PlainValue[] | { [key: string]: PlainValue }

/** A document: its value (null when empty) and the offset where it starts. */
export interface PlainDocument {
  readonly value: PlainValue | null
  readonly offset: number
}

/**
 * The documents of `text`, or undefined when the
 * text is not in the subset this reader knows. Left out, because prune
 * never reads them: objects' `metadata.managedFields` (field paths, never
 * names), and with `skipTargetContent` the `data`, `binaryData` and
 * `stringData` of v1 ConfigMaps and Secrets.
 */
export function parseKubectlYaml(text: string, skipTargetContent: boolean): PlainDocument[] | undefined {
  if (text.includes('\t') || text.includes('\r')) return undefined
  try {
    return new Reader(text, skipTargetContent).documents()
  } catch (e) {
    if (e === GIVE_UP) return undefined
    throw e
  }
}

// --- internal ---

const GIVE_UP = new Error('not YAML as kubectl writes it')

function giveUp(): never {
  throw GIVE_UP
}

/** Where a map sits, which decides what may be left out of it. */
const enum Role { Other, Root, Object, Metadata }

const SPACE = 32
const NL = 10
const DASH = 45
const DQUOTE = 34
const SQUOTE = 39

class Reader {
  /** Offset of the start of the line to read next. */
  private pos = 0

  constructor(private readonly text: string, private readonly skipTargetContent: boolean) {}

  documents(): PlainDocument[] {
    const t = this.text
    const docs: PlainDocument[] = []
    this.skipBlank()
    if (this.pos >= t.length) return docs
    let open = false
    if (this.isMarker('---')) {
      this.pos = this.nextLine(this.pos)
      open = true
    }
    for (;;) {
      this.skipBlank()
      if (this.pos >= t.length) {
        if (open) docs.push({ value: null, offset: this.pos })
        return docs
      }
      if (this.isMarker('---')) {
        docs.push({ value: null, offset: this.pos })
        this.pos = this.nextLine(this.pos)
        continue
      }
      if (this.isMarker('...') || t.charCodeAt(this.pos) === 0x25 /* % */ || this.indentOf(this.pos) !== 0) giveUp()
      docs.push({ offset: this.pos, value: this.block(this.pos, 0, -1, Role.Root) })
      this.skipBlank()
      if (this.pos >= t.length) return docs
      if (!this.isMarker('---')) giveUp()
      this.pos = this.nextLine(this.pos)
      open = true
    }
  }

  /**
   * The block node starting at offset `at`, column `col`: a sequence, a map
   * or a scalar. `parent` is the indentation of the node holding it (-1 at
   * a document's root).
   */
  private block(at: number, col: number, parent: number, role: Role): PlainValue {
    if (this.isDash(at)) return this.seq(at, col, role)
    if (this.keyEnd(at) >= 0) return this.map(at, col, role)
    if (parent < 0) giveUp()
    return this.inline(at, parent)
  }

  /** A block sequence whose first `-` is at `at`, column `col`. */
  private seq(at: number, col: number, role: Role): PlainValue[] {
    const t = this.text
    const items: PlainValue[] = []
    const itemRole = role === Role.Root ? Role.Object : Role.Other
    let dash = at
    for (;;) {
      const end = this.lineEnd(dash)
      let v = dash + 1
      while (v < end && t.charCodeAt(v) === SPACE) v++
      if (v >= end) {
        this.pos = end + 1
        items.push(this.below(col, false, itemRole))
      } else {
        items.push(this.block(v, v - this.lineStart(v), col, itemRole))
      }
      this.skipBlank()
      if (this.pos >= t.length || this.indentOf(this.pos) !== col) break
      dash = this.pos + col
      if (!this.isDash(dash)) break
    }
    return items
  }

  /** A block map whose first key is at `at`, column `col`. */
  private map(at: number, col: number, role: Role): { [key: string]: PlainValue } {
    const t = this.text
    const out: { [key: string]: PlainValue } = {}
    const isObject = role === Role.Root || role === Role.Object
    let deferred: Array<[key: string, value: number]> | undefined
    let k = at
    for (;;) {
      const colon = this.keyEnd(k)
      if (colon < 0) giveUp()
      const key = this.key(k, colon)
      if (key === '__proto__' || key === '<<' || Object.hasOwn(out, key) || deferred?.some(([d]) => d === key)) giveUp()
      let v = colon + 1
      const end = this.lineEnd(v)
      while (v < end && t.charCodeAt(v) === SPACE) v++
      if (role === Role.Metadata && key === 'managedFields') {
        this.skipValue(v, end, col)
      } else if (isObject && this.skipTargetContent && (key === 'data' || key === 'binaryData' || key === 'stringData')) {
        // Only the object's kind, further down (keys are sorted), says whether this is a ConfigMap's content.
        (deferred ??= []).push([key, v])
        this.skipValue(v, end, col)
      } else {
        const childRole = isObject && key === 'metadata' ? Role.Metadata : role === Role.Root && key === 'items' ? Role.Root : Role.Other
        out[key] = this.value(v, end, col, childRole)
      }
      this.skipBlank()
      if (this.pos >= t.length) break
      const ind = this.indentOf(this.pos)
      if (ind < col) break
      if (ind > col) giveUp()
      k = this.pos + col
      if (this.isDash(k) || (col === 0 && (this.isMarker('---') || this.isMarker('...')))) break
    }
    if (deferred && !(out.apiVersion === 'v1' && (out.kind === 'ConfigMap' || out.kind === 'Secret'))) {
      const resume = this.pos
      for (const [key, v] of deferred) out[key] = this.value(v, this.lineEnd(v), col, Role.Other)
      this.pos = resume
    }
    return out
  }

  /** A map entry's value: from `v` on the key's line (which ends at `end`), or on the lines below. */
  private value(v: number, end: number, keyIndent: number, role: Role): PlainValue {
    if (v >= end) {
      this.pos = end + 1
      return this.below(keyIndent, true, role)
    }
    const c = this.text.charCodeAt(v)
    if (this.isDash(v) || (c !== DQUOTE && c !== SQUOTE && this.keyEnd(v) >= 0)) giveUp()
    return this.inline(v, keyIndent)
  }

  /**
   * After a key or `-` alone on its line: the block node on the lines below
   * (more indented; for a map entry also a sequence at the key's own
   * indentation), or the empty string.
   */
  private below(indent: number, mapValue: boolean, role: Role): PlainValue {
    this.skipBlank()
    if (this.pos >= this.text.length) return ''
    const ind = this.indentOf(this.pos)
    const at = this.pos + ind
    if (ind > indent) return this.block(at, ind, indent, role)
    if (mapValue && ind === indent && this.isDash(at)) return this.seq(at, ind, role)
    return ''
  }

  /** Moves past a value without reading it: its line, then the lines more indented than its key (or a sequence at the key's indentation). */
  private skipValue(v: number, end: number, keyIndent: number): void {
    const t = this.text
    const seqAllowed = v >= end
    this.pos = end + 1
    while (this.pos < t.length) {
      const ind = this.indentOf(this.pos)
      const s = this.pos + ind
      if (s >= t.length || t.charCodeAt(s) === NL || ind > keyIndent || (seqAllowed && ind === keyIndent && this.isDash(s))) {
        this.pos = this.nextLine(this.pos)
        continue
      }
      return
    }
  }

  /** A value written on the current line (and maybe continued below): `{}`, `[]`, a quoted, literal or plain scalar. */
  private inline(at: number, parent: number): PlainValue {
    const t = this.text
    const end = this.lineEnd(at)
    const c = t.charCodeAt(at)
    if (c === DQUOTE) return this.quoted(at, parent, true)
    if (c === SQUOTE) return this.quoted(at, parent, false)
    if (c === 0x7c /* | */) return this.literal(at, end, parent)
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const s = t.slice(at, end)
      if (s !== '{}' && s !== '[]') giveUp()
      this.pos = end + 1
      return s === '{}' ? {} : []
    }
    if (!plainStart(t, at)) giveUp()
    let text = this.plainLine(at, end)
    this.pos = end + 1
    // Continuation lines fold into one space; blank lines between them are line breaks.
    let breaks = 0
    while (this.pos < t.length) {
      const e = this.lineEnd(this.pos)
      const ind = this.indentOf(this.pos)
      const s = this.pos + ind
      if (s >= e) {
        breaks++
        this.pos = e + 1
        continue
      }
      if (ind <= parent) break
      if (t.charCodeAt(s) === 0x23 /* # */) giveUp()
      text += breaks > 0 ? '\n'.repeat(breaks) : ' '
      breaks = 0
      text += this.plainLine(s, e)
      this.pos = e + 1
    }
    return text
  }

  /** One line of a plain scalar without its trailing spaces; gives up on what would end it or make it a key. */
  private plainLine(from: number, end: number): string {
    let e = end
    while (e > from && this.text.charCodeAt(e - 1) === SPACE) e--
    const s = this.text.slice(from, e)
    if (s.includes(' #') || s.includes(': ') || s.endsWith(':')) giveUp()
    return s
  }

  /**
   * A double- (`double`) or single-quoted scalar whose opening quote is at
   * `at`; a value, so nothing may follow it on its line.
   */
  private quoted(at: number, parent: number, double: boolean): string {
    const [s, after] = this.quotedText(at, parent, double)
    const e = this.lineEnd(after)
    for (let k = after; k < e; k++) if (this.text.charCodeAt(k) !== SPACE) giveUp()
    this.pos = e + 1
    return s
  }

  /** The text of a quoted scalar whose opening quote is at `at`, and the offset just after its closing quote. */
  private quotedText(at: number, parent: number, double: boolean): [string, number] {
    const t = this.text
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
          i = this.contentOfNextLine(i + 1, parent, false)[1]
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
        const [breaks, next] = this.contentOfNextLine(i, parent, true)
        out += breaks > 0 ? '\n'.repeat(breaks) : ' '
        i = next
        chunk = i
        continue
      }
      i++
    }
  }

  /** After the line break at `nl`: how many blank lines follow (when allowed), and where the next line's content starts. */
  private contentOfNextLine(nl: number, parent: number, blankAllowed: boolean): [number, number] {
    const t = this.text
    let breaks = 0
    let i = nl + 1
    for (;;) {
      if (i >= t.length) giveUp()
      const e = this.lineEnd(i)
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

  /** A literal block scalar (`|`, `|-`, `|+`, maybe with an indentation indicator) whose header is at `at`. */
  private literal(at: number, end: number, parent: number): string {
    const t = this.text
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
      const e = this.lineEnd(i)
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
    this.pos = i
    const body = lines.slice(0, lastContent + 1).join('\n')
    if (chomp === '-') return body
    if (chomp === '+') return lastContent < 0 ? '\n'.repeat(lines.length) : `${body}\n${'\n'.repeat(lines.length - lastContent - 1)}`
    return lastContent < 0 ? '' : `${body}\n`
  }

  /** Where the key of a `key: value` (or `key:`) line starting at `at` ends: its `:`; -1 when the line is not one. */
  private keyEnd(at: number): number {
    const t = this.text
    const end = this.lineEnd(at)
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
  private key(at: number, colon: number): string {
    const t = this.text
    const c = t.charCodeAt(at)
    if (c === DQUOTE) return this.quotedText(at, Infinity, true)[0]
    if (c === SQUOTE) return t.slice(at + 1, colon - 1).replaceAll("''", "'")
    const k = t.slice(at, colon)
    if (!plainStart(t, at) || k.endsWith(' ') || k.includes(' #')) giveUp()
    return k
  }

  /** A `-` that starts a sequence entry. */
  private isDash(at: number): boolean {
    const t = this.text
    if (t.charCodeAt(at) !== DASH) return false
    const next = t.charCodeAt(at + 1)
    return at + 1 >= t.length || next === SPACE || next === NL
  }

  /** The line at `pos` is exactly this marker. */
  private isMarker(marker: '---' | '...'): boolean {
    const t = this.text
    const after = this.pos + 3
    return t.startsWith(marker, this.pos) && (after >= t.length || t.charCodeAt(after) === NL)
  }

  /** Skips lines that are empty or hold only spaces. */
  private skipBlank(): void {
    const t = this.text
    while (this.pos < t.length) {
      let i = this.pos
      while (t.charCodeAt(i) === SPACE) i++
      if (i < t.length && t.charCodeAt(i) !== NL) return
      this.pos = i + 1
    }
  }

  private indentOf(lineStart: number): number {
    const t = this.text
    let i = lineStart
    while (t.charCodeAt(i) === SPACE) i++
    return i - lineStart
  }

  private lineEnd(at: number): number {
    const nl = this.text.indexOf('\n', at)
    return nl < 0 ? this.text.length : nl
  }

  private nextLine(at: number): number {
    return this.lineEnd(at) + 1
  }

  private lineStart(at: number): number {
    return this.text.lastIndexOf('\n', at - 1) + 1
  }
}

/**
 * Whether a plain scalar may start at `at`: not with an indicator, except
 * `-`, `?` and `:` followed by a character that is not a space (`-1`, `?x`).
 */
function plainStart(t: string, at: number): boolean {
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
