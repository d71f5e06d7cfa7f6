// Flow collections written on one line (`[a, b]`, `{app: web}`, `{}`).
import type { Scalar, YAMLMap, YAMLSeq } from 'yaml'
import { make } from './make-node.js'
import { canStartPlain, flowPlainEnd, quotedEnd, quotedNode, scalarNode } from './scan-scalar.js'
import { unusual } from './unusual.js'
import { COLON, COMMA, SP } from './chars.js'

// --- internal ---

/**
 * Reads flow collections and their items; `end` is where the last one read
 * ended. A pair in a list (`[a: b]`), a key without a value, a trailing
 * comma, a line break, a comment, an anchor, alias or tag inside are left
 * to the yaml package.
 */
export class FlowScanner {
  end = 0
  constructor(private readonly t: string) {}

  /**
   * The collection opening at `at` (`[` or `{`). A value's range runs to the
   * next item (spaces included), a key's to its end, as the composer sets
   * them; the caller sets the collection's own range[2].
   */
  collection(at: number, depth: number): YAMLMap.Parsed | YAMLSeq.Parsed {
    if (depth > 32) unusual()
    const t = this.t
    const map = t.charCodeAt(at) === 123
    const close = map ? 125 : 93
    const node = map ? make.map(true) : make.seq(true)
    let p = this.skip(at + 1)
    if (t.charCodeAt(p) !== close) {
      for (;;) {
        const item = this.item(p, depth)
        p = this.skip(this.end)
        if (map) {
          const key = (item as { value?: unknown }).value
          for (const pair of (node as YAMLMap).items) if ((pair.key as { value?: unknown }).value === key) unusual()
          if (t.charCodeAt(p) !== COLON) unusual()
          // After a plain key, `:` needs a blank after it (else it is part of the key).
          p = this.skip(p + 1)
          const c = t.charCodeAt(p)
          if (c === COMMA || c === close) unusual()
          const value = this.item(p, depth)
          ;(node as YAMLMap).items.push(make.pair(item, value))
          p = this.skip(this.end)
          value.range[2] = p
        } else {
          ;(node as YAMLSeq).items.push(item)
          item.range[2] = p
        }
        const c = t.charCodeAt(p)
        if (c === close) break
        if (c !== COMMA) unusual()
        p = this.skip(p + 1)
        if (t.charCodeAt(p) === close) unusual()
      }
    }
    this.end = p + 1
    node.range = [at, p + 1, p + 1]
    return node
  }

  private item(p: number, depth: number): Scalar.Parsed | YAMLMap.Parsed | YAMLSeq.Parsed {
    const t = this.t
    const c = t.charCodeAt(p)
    if (c === 91 || c === 123) return this.collection(p, depth + 1)
    if (c === 34 || c === 39) {
      const e = quotedEnd(t, p)
      this.end = e
      return quotedNode(t, p, e, e)
    }
    if (!canStartPlain(t, p, true)) unusual()
    const e = flowPlainEnd(t, p)
    this.end = e
    const value = t.slice(p, e)
    return scalarNode(value, 'PLAIN', p, e, e)
  }

  private skip(p: number): number {
    while (this.t.charCodeAt(p) === SP) p++
    return p
  }
}
