// A scanner for the YAML most manifests are written in: block maps and
// lists, one-line plain, quoted and flow values, block scalars, comments.
// It builds the tree the yaml package's composer builds for the same text
// (the same nodes, values, styles and ranges, failsafe schema), in a
// fraction of the time, and gives up (`Unusual`) on anything else, which
// the composer then reads. test/scanner.test.ts holds the two together.
import type { ParsedNode, Scalar, YAMLMap, YAMLSeq } from 'yaml'
import { make } from './make-node.js'
import { scanBlockScalar } from './scan-block-scalar.js'
import { FlowScanner } from './scan-flow.js'
import { canStartPlain, emptyNode, plainEnd, quotedEnd, quotedNode, scalarNode } from './scan-scalar.js'
import { unusual } from './unusual.js'
import { COLON, DASH, DOT, HASH, NL, SP, TAB } from './chars.js'

// --- internal ---

/** One document as the scanner read it. */
export interface ScannedDoc {
  /** The offset of its `---` line; for a first document without one, of its content. */
  readonly start: number
  /** It starts with `---`. */
  readonly docStart: boolean
  /** Its root map, or an empty scalar. */
  readonly contents: ParsedNode
}

/** Deeper than real manifests nest; the composer reads (or refuses) deeper ones. */
const MAX_DEPTH = 64

/**
 * Reads the documents of a text one at a time. The text must end with a
 * line break and hold no carriage return. `next()` throws `Unusual` at the
 * first document it does not read; the documents before it were read as
 * the composer reads them.
 */
export class StreamScanner {
  private readonly n: number
  private readonly flow: FlowScanner
  /** After a gap: the start of the next line with content (a `---` line included), or the end. */
  private next = 0
  /** That line's indentation. */
  private nextIndent = 0
  /** The largest indentation of a comment in the gap that no value took, or -1. */
  private gapComment = -1
  /** Where that part of the gap ends (the next line's content). */
  private gapEnd = 0
  /** The gap held a comment. */
  private gapHadComment = false
  private depth = 0
  private count = 0

  constructor(private readonly t: string) {
    this.n = t.length
    this.flow = new FlowScanner(t)
  }

  /** The next document, or undefined at the end of the stream. */
  read(): ScannedDoc | undefined {
    const t = this.t
    const start = this.count === 0 ? this.prelude() : this.next
    if (start >= this.n) return undefined
    this.count++
    if (!this.isMarker(start)) {
      // Only the first document can start without ---: the others follow one.
      if (this.count > 1) unusual()
      return { start, docStart: false, contents: this.root(start) }
    }
    if (t.charCodeAt(start) === DOT) unusual()
    let q = start + 3
    while (t.charCodeAt(q) === SP) q++
    const at = q
    if (t.charCodeAt(q) === HASH) q = t.indexOf('\n', q)
    if (t.charCodeAt(q) !== NL) unusual()
    this.gap(q + 1, Infinity)
    const p = this.next
    if (p >= this.n || this.isMarker(p)) {
      if (t.charCodeAt(p) === DOT) unusual()
      // No content: an empty scalar after the marker (with comments, its range runs to the next document).
      const contents = emptyNode(at)
      if (this.gapHadComment || t.charCodeAt(at) === HASH) contents.range[2] = p
      return { start, docStart: true, contents }
    }
    if (this.nextIndent !== 0) unusual()
    return { start, docStart: true, contents: this.root(p) }
  }

  /** The root map of a document, ending at the end of the stream or at a --- line. */
  private root(at: number): YAMLMap.Parsed {
    const map = this.map(0, at)
    if (this.next < this.n && this.t.charCodeAt(this.next) !== DASH) unusual()
    return map
  }

  /** Skips the blank and comment lines before the first document; returns where it starts. */
  private prelude(): number {
    const t = this.t
    let p = 0
    while (p < this.n) {
      let k = p
      while (t.charCodeAt(k) === SP) k++
      const c = t.charCodeAt(k)
      if (c === NL) p = k + 1
      else if (c === HASH) p = t.indexOf('\n', k) + 1
      else if (c === TAB || c === 37) unusual() // a tab, a % directive
      else if (k !== p) unusual() // a first document indented
      else break
    }
    this.next = p
    this.nextIndent = 0
    return p
  }

  /** A `---` or `...` line at `p` (a line start). */
  private isMarker(p: number): boolean {
    const t = this.t
    const c = t.charCodeAt(p)
    if ((c !== DASH && c !== DOT) || t.charCodeAt(p + 1) !== c || t.charCodeAt(p + 2) !== c) return false
    const d = t.charCodeAt(p + 3)
    if (d === TAB) unusual()
    return d === SP || d === NL
  }

  /**
   * Reads the blank and comment lines from `p` (a line start) up to the next
   * line with content. Comments indented more than `absorb`, before any
   * other comment, belong to the value before the gap (the composer counts
   * them into its range); returns where the last of them ends, or -1.
   */
  private gap(p: number, absorb: number): number {
    const t = this.t
    const n = this.n
    let absorbed = -1
    let absorbing = true
    let comment = -1
    let had = false
    for (;;) {
      if (p >= n) {
        this.next = n
        this.nextIndent = 0
        this.gapEnd = n
        break
      }
      let k = p
      while (t.charCodeAt(k) === SP) k++
      const c = t.charCodeAt(k)
      if (c === NL) {
        p = k + 1
        continue
      }
      if (c === HASH) {
        had = true
        const e = t.indexOf('\n', k) + 1
        if (absorbing && k - p > absorb) absorbed = e
        else {
          absorbing = false
          if (k - p > comment) comment = k - p
        }
        p = e
        continue
      }
      if (c === TAB) unusual()
      this.next = p
      this.nextIndent = k - p
      this.gapEnd = k
      break
    }
    this.gapComment = comment
    this.gapHadComment = had
    return absorbed
  }

  /**
   * A map whose first key is at `at`, its keys at column `indent`. Returns
   * with the gap after it read (this.next is the first line not in it).
   */
  private map(indent: number, at: number): YAMLMap.Parsed {
    if (++this.depth > MAX_DEPTH) unusual()
    const t = this.t
    const map = make.map(false)
    const items = map.items
    let p = at
    let end: number
    let keys: Set<string> | undefined
    for (;;) {
      const key = this.key(p)
      const k = key.value as string
      if (items.length < 16) {
        for (const pair of items) if ((pair.key as { value: unknown }).value === k) unusual()
      } else {
        keys ??= new Set(items.map(i => (i.key as { value: string }).value))
        if (keys.has(k)) unusual()
        keys.add(k)
      }
      let q = key.range[1]
      while (t.charCodeAt(q) === SP) q++
      q++ // the colon, followed by a blank (key() checked it)
      while (t.charCodeAt(q) === SP) q++
      const value = this.value(q, indent, true, false)
      items.push(make.pair(key, value))
      end = value.range[2]
      const next = this.next
      if (next >= this.n || this.nextIndent < indent) break
      if (this.nextIndent > indent) unusual()
      if (this.isMarker(next)) break
      if (t.charCodeAt(next + indent) === DASH && isBlank(t.charCodeAt(next + indent + 1))) unusual()
      p = next + indent
    }
    this.depth--
    map.range = [at, end, this.trailing(indent, end)]
    return map
  }

  /** A list whose first `-` is at `at`, at column `indent`. */
  private seq(indent: number, at: number): YAMLSeq.Parsed {
    if (++this.depth > MAX_DEPTH) unusual()
    const t = this.t
    const seq = make.seq(false)
    let p = at
    let end: number
    let comments = false
    for (;;) {
      let q = p + 1
      while (t.charCodeAt(q) === SP) q++
      const value = this.value(q, indent, false, comments)
      seq.items.push(value)
      end = value.range[2]
      const next = this.next
      if (next >= this.n || this.nextIndent < indent) break
      if (this.nextIndent > indent) unusual()
      if (this.isMarker(next)) break
      const d = next + indent
      if (t.charCodeAt(d) !== DASH || !isBlank(t.charCodeAt(d + 1))) break
      // Comments before the - that no value took: the composer counts them into an empty item's range.
      comments = this.gapComment >= 0
      p = d
    }
    this.depth--
    seq.range = [at, end, this.trailing(indent, end)]
    return seq
  }

  /**
   * A collection ends: comments in the gap after it stay in it (extending
   * its range) when one is indented at least as much as it, as the yaml
   * package's parser keeps them; otherwise they move to its parent.
   */
  private trailing(indent: number, end: number): number {
    if (indent > 0 && this.gapComment >= indent) {
      this.gapComment = -1
      return this.gapEnd
    }
    return end
  }

  /** A map key at `p`: a plain or quoted scalar followed by `:` and a blank. */
  private key(p: number): Scalar.Parsed {
    const t = this.t
    const c = t.charCodeAt(p)
    let e: number
    let key
    if (c === 34 || c === 39) {
      e = quotedEnd(t, p)
      key = quotedNode(t, p, e, e)
    } else {
      if (!canStartPlain(t, p, false)) unusual()
      e = plainEnd(t, p)
      const text = t.slice(p, e)
      if (e === p || text === '<<') unusual()
      key = scalarNode(text, 'PLAIN', p, e, e)
    }
    let q = e
    while (t.charCodeAt(q) === SP) q++
    if (t.charCodeAt(q) !== COLON || !isBlank(t.charCodeAt(q + 1)) || q - p > 1000) unusual()
    return key
  }

  /**
   * The value after `key: ` or `- ` at `q` (spaces skipped), in a collection
   * at column `indent`: on this line, or on the lines after it, or empty
   * (which the composer reads otherwise when a comment is near: after the
   * indicator, or, in a list, before it).
   * Returns with the gap after it read.
   */
  private value(q: number, indent: number, inMap: boolean, commentsBefore: boolean): ParsedNode {
    const t = this.t
    const c = t.charCodeAt(q)
    if (c === NL || c === HASH) {
      // Nothing on this line: a collection on the next ones, or an empty value.
      const eol = c === NL ? q : t.indexOf('\n', q)
      this.gap(eol + 1, Infinity)
      const next = this.next
      const m = this.nextIndent
      if (next < this.n && !this.isMarker(next)) {
        const at = next + m
        const seq = t.charCodeAt(at) === DASH && isBlank(t.charCodeAt(at + 1))
        if (m > indent || (m === indent && seq && inMap)) return seq ? this.seq(m, at) : this.map(m, at)
      }
      if (c === HASH || this.gapHadComment || commentsBefore) unusual()
      return emptyNode(q)
    }
    if (c === 124 || c === 62) {
      const s = scanBlockScalar(t, q, indent)
      this.gap(s.range[1], Infinity)
      return s
    }
    let end: number
    let node: Scalar.Parsed | YAMLMap.Parsed | YAMLSeq.Parsed
    if (c === 34 || c === 39) {
      end = quotedEnd(t, q)
      if (!inMap && this.colonAfter(end)) return this.map(q - lineStart(t, q), q)
      node = quotedNode(t, q, end, end)
    } else if (c === 91 || c === 123) {
      node = this.flow.collection(q, 0)
      end = this.flow.end
    } else {
      // Indicators (`- - x`, anchors, tags, aliases...) are left to the composer.
      if (!canStartPlain(t, q, false)) unusual()
      end = plainEnd(t, q)
      if (this.colonAfter(end)) {
        // `- key: value`: a map in a list item; `key: a: b` is malformed.
        if (inMap) unusual()
        return this.map(q - lineStart(t, q), q)
      }
      node = scalarNode(t.slice(q, end), 'PLAIN', q, end, end)
    }
    // The rest of the line: spaces, maybe a comment after a space.
    let r = end
    while (t.charCodeAt(r) === SP) r++
    const d = t.charCodeAt(r)
    if (d === HASH) {
      if (r === end) unusual()
      r = t.indexOf('\n', r)
    } else if (d !== NL) {
      unusual()
    }
    const absorbed = this.gap(r + 1, indent)
    node.range[2] = absorbed > 0 ? absorbed : r + 1
    return node
  }

  /** Whether `:` comes after `p`, after spaces. */
  private colonAfter(p: number): boolean {
    while (this.t.charCodeAt(p) === SP) p++
    return this.t.charCodeAt(p) === COLON
  }
}

function isBlank(c: number): boolean {
  return c === SP || c === NL
}

function lineStart(t: string, p: number): number {
  return t.lastIndexOf('\n', p - 1) + 1
}
