import { Parser, type CST } from 'yaml'

// --- internal ---

/** At most this many quoted values are mended in one file; past it, they are reported as the yaml package sees them. */
const MAX_MENDS = 200

/**
 * goyaml v2 (kubectl, the API server) reads a quoted value's continuation
 * lines at any indentation:
 *
 *     annotations:
 *       a: '[
 *         1
 *       ]'
 *
 * is `a: "[ 1 ]"` to kubectl. The yaml package follows the YAML spec, ends
 * the value at the line indented no deeper than its key and reports
 * MISSING_CHAR (not always: see cutsQuote). From the document starting at `from` on, this indents such
 * lines one column deeper than their key, which gives the yaml package the
 * same value (a quoted value's continuation lines lose their leading white
 * space). Returns the mended text, or undefined when there is nothing it can
 * mend: a value with no closing quote, or a line that starts a document
 * (`---`, `...`), stays an error, as it is to kubectl.
 */
export function indentQuotedContinuations(text: string, from: number): string | undefined {
  let out = text
  let at = from
  let mends = 0
  scan: while (mends < MAX_MENDS) {
    for (const token of new Parser().parse(out.slice(at))) {
      if (token.type !== 'document') continue
      const cut = cutQuote(token)
      const mended = cut && indentContinuations(out, { offset: at + cut.offset, indent: cut.indent })
      if (mended) {
        // Read the mended document again: it may hold more such values.
        out = mended
        at += token.offset
        mends++
        continue scan
      }
    }
    break
  }
  return out === text ? undefined : out
}

/**
 * Whether the yaml package ended a quoted value of this document before its
 * closing quote. It says so (MISSING_CHAR) only when the value's last
 * character is not a quote: a value cut after an escaped quote (`"say \"`,
 * `'it''`) passes as closed, and the document reads without an error but
 * not as kubectl reads it.
 */
export function cutsQuote(document: CST.Document): boolean {
  return cutQuote(document) !== undefined
}

/**
 * The first quoted value of a document that the yaml package ended before
 * its closing quote. Walked with a stack of its own: a hostile document
 * nests deeper than the call stack reaches (the composer reports it).
 */
function cutQuote(document: CST.Document): CST.FlowScalar | undefined {
  const stack: Array<CST.Token | null | undefined> = [document.value]
  while (stack.length > 0) {
    const t = stack.pop()
    if (!t) continue
    switch (t.type) {
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        if (!closed(t.source)) return t
        break
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        // Pushed last to first, so that they come off in the document's order.
        for (let i = t.items.length - 1; i >= 0; i--) stack.push(t.items[i]!.value, t.items[i]!.key)
        break
    }
  }
  return undefined
}

/** Whether a quoted value's source ends with its closing quote. */
function closed(source: string): boolean {
  return closingQuote(source, 0) === source.length - 1
}

/** The offset of the quote that closes the value opening at `start`, or -1. */
function closingQuote(text: string, start: number): number {
  const quote = text[start]
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]
    if (quote === '"' && c === '\\') i++
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++
      else return i
    }
  }
  return -1
}

/**
 * The text with the continuation lines of the value whose opening quote is
 * at `cut.offset` indented past `cut.indent` (the indentation of the block
 * the value is in); undefined when it cannot be mended.
 */
function indentContinuations(text: string, cut: { readonly offset: number; readonly indent: number }): string | undefined {
  const end = closingQuote(text, cut.offset)
  if (end < 0) return undefined
  const need = cut.indent + 1
  const parts: string[] = []
  let copied = 0
  for (let nl = text.indexOf('\n', cut.offset); nl >= 0 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    const line = nl + 1
    let spaces = 0
    while (text[line + spaces] === ' ') spaces++
    const next = text[line + spaces]
    if (next === '\n' || (next === '\r' && text[line + spaces + 1] === '\n')) continue // an empty line: a line break in the value
    if (spaces === 0 && startsDocument(text, line)) return undefined
    if (spaces >= need) continue
    parts.push(text.slice(copied, line), ' '.repeat(need - spaces))
    copied = line
  }
  if (parts.length === 0) return undefined
  parts.push(text.slice(copied))
  return parts.join('')
}

/** A `---` or `...` line: a document's start or end, which no value can hold. */
function startsDocument(text: string, line: number): boolean {
  const marker = text.slice(line, line + 3)
  if (marker !== '---' && marker !== '...') return false
  const after = text[line + 3]
  return after === undefined || after === ' ' || after === '\t' || after === '\r' || after === '\n'
}
