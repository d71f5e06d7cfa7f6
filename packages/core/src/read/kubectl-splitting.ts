import { isScalar, visit, type Node } from 'yaml'
import type { ComposedDoc } from './composed-doc.js'
import { escapeProblem } from './escapes.js'
import { flowPlainProblem } from './flow-plain.js'
import { isJsonFile } from '../text/json-file.js'

// --- internal ---

// What kubectl (apimachinery's YAML reader, then goyaml v2 on each chunk)
// refuses or reads differently from the yaml package. cmhash refuses these
// too, rather than build something kubectl would read another way.

/** A problem with the text of a whole file: its offset and why. */
export function fileProblem(text: string): { offset: number; message: string } | undefined {
  const marker = /^---[ \t]+[^\s#]/m.exec(text)
  if (marker) return { offset: marker.index, message: 'content on the --- line; kubectl refuses it: start the content on the next line' }
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return { offset: i, message: 'a carriage return not followed by a line feed; kubectl reads it as a line break and refuses the file: use \\n or \\r\\n line ends' }
  }
  return undefined
}

/** A problem with one document: its offset and why. */
export function documentProblem(doc: ComposedDoc, text: string, start: number, end: number, first: boolean): { offset: number; message: string } | undefined {
  if (doc.directives) {
    return { offset: start, message: 'a %YAML or %TAG directive; kubectl refuses documents that have them: remove it' }
  }
  const contents = doc.contents
  const empty = contents === null || (isScalar(contents) && contents.source === '' && !contents.tag && !contents.anchor)
  const at = empty ? undefined : contents.range[0]
  if (!first && !doc.docStart && at !== undefined) {
    return { offset: at, message: 'a document after "..." without a --- line; kubectl ignores it: start it with ---' }
  }
  return outsideQuotesProblem(contents, text, start, end) ??
    // The scanner leaves these shapes to the composer (scan-flow.ts).
    (doc.scanned ? undefined : flowPlainProblem(contents, text, start, end)) ??
    escapeProblem(contents, text, start, end, isJsonFile(text))
}

/**
 * Characters goyaml reads otherwise than the yaml package outside quoted
 * scalars. NEL and the line and paragraph separators are line breaks to
 * goyaml (kubectl then refuses the document); the yaml package reads them as
 * characters. A byte-order mark that starts a line (a file pasted after
 * another) is, to kubectl, an error or the start of a part of the stream,
 * depending on what follows; the yaml package reads it as part of a key.
 * Inside a line, or in a quoted scalar, all of them are characters to both.
 */
function outsideQuotesProblem(contents: Node | null, text: string, start: number, end: number): { offset: number; message: string } | undefined {
  const slice = text.slice(start, end)
  // `^` with the m flag: after \n, \r, U+2028 or U+2029 (line breaks to goyaml too).
  const unusual = /[\u0085\u2028\u2029]|^\ufeff/gm
  let m = unusual.exec(slice)
  if (!m) return undefined
  const quoted: Array<[number, number]> = []
  if (contents) visit(contents, {
    Scalar(_key, s) {
      if (isScalar(s) && (s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE') && s.range) quoted.push([s.range[0], s.range[1]])
    },
  })
  for (; m; m = unusual.exec(slice)) {
    const offset = start + m.index
    if (quoted.some(([a, b]) => offset >= a && offset < b)) continue
    if (m[0] === '\ufeff') {
      return { offset, message: 'a byte-order mark at the start of a line (a file pasted after another?), which kubectl refuses or reads as the start of a document: remove it' }
    }
    return { offset, message: `a raw U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} (a line break to YAML 1.1) outside a quoted string; kubectl refuses it: write it as an escape in double quotes` }
  }
  return undefined
}
