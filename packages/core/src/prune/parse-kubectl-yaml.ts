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

import { DQUOTE, GIVE_UP, NL, SPACE, SQUOTE, giveUp, indentOf, isDash, keyEnd, lineEnd, lineStart, literal, plainStart, quotedText, readKey } from './kubectl-yaml-text.js'

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

/** Where a map sits, which decides what may be left out of it. */
const enum Role { Other, Root, Object, Metadata }

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
      if (this.isMarker('...') || t.charCodeAt(this.pos) === 0x25 /* % */ || indentOf(this.text, this.pos) !== 0) giveUp()
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
    if (isDash(this.text, at)) return this.seq(at, col, role)
    if (keyEnd(this.text, at) >= 0) return this.map(at, col, role)
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
      const end = lineEnd(this.text, dash)
      let v = dash + 1
      while (v < end && t.charCodeAt(v) === SPACE) v++
      if (v >= end) {
        this.pos = end + 1
        items.push(this.below(col, false, itemRole))
      } else {
        items.push(this.block(v, v - lineStart(this.text, v), col, itemRole))
      }
      this.skipBlank()
      if (this.pos >= t.length || indentOf(this.text, this.pos) !== col) break
      dash = this.pos + col
      if (!isDash(this.text, dash)) break
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
      const colon = keyEnd(this.text, k)
      if (colon < 0) giveUp()
      const key = readKey(this.text, k, colon)
      if (key === '__proto__' || key === '<<' || Object.hasOwn(out, key) || deferred?.some(([d]) => d === key)) giveUp()
      let v = colon + 1
      const end = lineEnd(this.text, v)
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
      const ind = indentOf(this.text, this.pos)
      if (ind < col) break
      if (ind > col) giveUp()
      k = this.pos + col
      if (isDash(this.text, k) || (col === 0 && (this.isMarker('---') || this.isMarker('...')))) break
    }
    if (deferred && !(out.apiVersion === 'v1' && (out.kind === 'ConfigMap' || out.kind === 'Secret'))) {
      const resume = this.pos
      for (const [key, v] of deferred) out[key] = this.value(v, lineEnd(this.text, v), col, Role.Other)
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
    if (isDash(this.text, v) || (c !== DQUOTE && c !== SQUOTE && keyEnd(this.text, v) >= 0)) giveUp()
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
    const ind = indentOf(this.text, this.pos)
    const at = this.pos + ind
    if (ind > indent) return this.block(at, ind, indent, role)
    if (mapValue && ind === indent && isDash(this.text, at)) return this.seq(at, ind, role)
    return ''
  }

  /** Moves past a value without reading it: its line, then the lines more indented than its key (or a sequence at the key's indentation). */
  private skipValue(v: number, end: number, keyIndent: number): void {
    const t = this.text
    const seqAllowed = v >= end
    this.pos = end + 1
    while (this.pos < t.length) {
      const ind = indentOf(this.text, this.pos)
      const s = this.pos + ind
      if (s >= t.length || t.charCodeAt(s) === NL || ind > keyIndent || (seqAllowed && ind === keyIndent && isDash(this.text, s))) {
        this.pos = this.nextLine(this.pos)
        continue
      }
      return
    }
  }

  /** A value written on the current line (and maybe continued below): `{}`, `[]`, a quoted, literal or plain scalar. */
  private inline(at: number, parent: number): PlainValue {
    const t = this.text
    const end = lineEnd(this.text, at)
    const c = t.charCodeAt(at)
    if (c === DQUOTE) return this.quoted(at, parent, true)
    if (c === SQUOTE) return this.quoted(at, parent, false)
    if (c === 0x7c /* | */) {
      const [value, next] = literal(this.text, at, end, parent)
      this.pos = next
      return value
    }
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
      const e = lineEnd(this.text, this.pos)
      const ind = indentOf(this.text, this.pos)
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
    const [s, after] = quotedText(this.text, at, parent, double)
    const e = lineEnd(this.text, after)
    for (let k = after; k < e; k++) if (this.text.charCodeAt(k) !== SPACE) giveUp()
    this.pos = e + 1
    return s
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

  private nextLine(at: number): number {
    return lineEnd(this.text, at) + 1
  }

}
