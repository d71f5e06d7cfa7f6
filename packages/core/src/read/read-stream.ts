import { Composer, Parser, type CST } from 'yaml'
import type { DocFacts, FileFacts } from '../facts.js'
import type { Reporter } from '../report/reporter.js'
import { fromComposer, fromScanner, type ComposedDoc } from './composed-doc.js'
import { fileProblem } from './kubectl-splitting.js'
import { readDocument } from './read-document.js'
import { cutsQuote, indentQuotedContinuations } from './quoted-continuations.js'
import { StreamScanner } from './scan/scan-stream.js'
import { Unusual } from './scan/unusual.js'
import type { ReadOptions } from './scope.js'

// --- internal ---

/**
 * Splits one file into YAML documents and reads the facts of every object
 * in each; problems go to `report`. Documents are read one at a time and
 * dropped once read: by the scanner (scan/), which builds the tree the
 * yaml package's composer would for the YAML most manifests are written in,
 * and by the composer from the first document the scanner leaves to it.
 */
export function readStream(path: string, source: string, options: ReadOptions, report: Reporter): FileFacts {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  // kubectl reads the end of a file as a line break (a block scalar's last
  // line keeps its \n; keep chomping counts a final blank line); the yaml
  // package does not always. Reading the text with the line break added
  // gives kubectl's values, at the same offsets.
  const parsed = text.length > 0 && !text.endsWith('\n') ? `${text}\n` : text
  const docs: DocFacts[] = []
  const problem = fileProblem(text)
  if (problem) {
    report.error('YAML_SYNTAX', { message: `malformed YAML: ${problem.message}`, at: { file: path, text, offset: problem.offset } })
    return { path, text, docs }
  }
  // Each document owns the text from its start (`---`, or the file's start
  // for the first) up to the next document's start: its trailing comments
  // and line breaks included.
  let input = parsed
  let pending: ComposedDoc | undefined
  const flush = (end: number) => {
    const doc = pending
    if (!doc) return
    const start = docs.length === 0 ? 0 : doc.start
    docs.push(readDocument(doc, { file: path, text: input, start, end: Math.min(end, visible(input)), first: docs.length === 0 }, options, report))
  }
  // The text without the line break added above (the mended text is longer).
  const visible = (t: string) => t.length - (parsed.length - text.length)
  let scanned = 0
  if (!parsed.includes('\r')) {
    const scanner = new StreamScanner(parsed)
    try {
      for (let doc = scanner.read(); doc; doc = scanner.read()) {
        flush(doc.start)
        pending = fromScanner(doc)
        scanned++
      }
      flush(parsed.length)
      return { path, text, docs: docs.slice() }
    } catch (e) {
      if (!(e instanceof Unusual)) throw e
      // The composer gives a parser error to the document before the one it
      // is in: the last document scanned is read again, by the composer.
      if (pending) {
        pending = undefined
        scanned--
      }
    }
  }
  try {
    // At the first document the yaml package cuts short (it may be at a
    // quoted value kubectl reads whole), the rest of the file is mended
    // once, and read again from that document. The scanner reads no such
    // value (it leaves every quoted value that is not on one line to the
    // composer), so the documents it read come before that one.
    let mended = false
    let resumeAt = 0
    for (let pass = 0; pass < 2; pass++) {
      let again = false
      let skip = scanned
      const composer = new Composer({ schema: 'failsafe', prettyErrors: false, logLevel: 'silent' })
      // The documents with a quoted value the parser cut short, by offset:
      // the yaml package reports no error for some (cutsQuote).
      const cut = new Set<number>()
      const tokens = function* (all: Iterable<CST.Token>) {
        for (const token of all) {
          if (!mended && token.type === 'document' && cutsQuote(token)) cut.add(token.offset)
          yield token
        }
      }
      for (const doc of composer.compose(tokens(new Parser().parse(input)), false, input.length)) {
        if (skip > 0) {
          skip--
          continue
        }
        if (doc.range[0] < resumeAt) continue
        if (!mended && cut.has(doc.range[0])) {
          mended = true
          const fixed = indentQuotedContinuations(input, doc.range[0])
          if (fixed !== undefined) {
            input = fixed
            resumeAt = doc.range[0]
            again = true
            break
          }
        }
        flush(doc.range[0])
        pending = fromComposer(doc)
      }
      if (!again) break
    }
  } catch (e) {
    // The yaml package recurses once per nesting level: a hostile input
    // nested thousands deep overflows the stack before it can report it.
    if (!(e instanceof RangeError)) throw e
    report.error('YAML_SYNTAX', { message: 'the YAML is nested too deeply to read', at: { file: path, text, offset: 0 } })
    return { path, text, docs: [] }
  }
  flush(input.length)
  return { path, text: input.slice(0, visible(input)), docs: docs.slice() }
}
