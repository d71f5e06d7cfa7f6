import type { Edit, FileFacts } from '../facts.js'
import { EditCursor } from './edit-cursor.js'

// --- internal ---

/**
 * One multi-document stream of every non-empty document, in input order.
 * A document gets a `---` line before it unless it is the first or already
 * has one, and ends with a line break; so the stream parses back into the
 * same documents and re-emitting it gives the same bytes.
 */
export function emitStream(files: readonly FileFacts[], edits: ReadonlyMap<string, readonly Edit[]>): string {
  const docs = files.flatMap(f => f.docs.filter(d => !d.empty && d.end > d.start).map(d => ({ f, d })))
  const out: string[] = []
  let cursor: EditCursor | undefined
  let cursorFile: FileFacts | undefined
  docs.forEach(({ f, d }) => {
    if (cursorFile !== f) {
      cursor = new EditCursor(f.text, edits.get(f.path))
      cursorFile = f
    }
    let piece = cursor!.slice(d.start, d.end)
    if (out.length > 0) {
      if (!d.explicitStart) piece = `---\n${piece}`
    }
    // kubectl reads the end of a file as a line break, so adding the one a
    // document lacks changes nothing it reads (a block scalar's value
    // included); goyaml v3 readers (kustomize, Flux) then read the same.
    if (!piece.endsWith('\n')) piece += eolOf(f.text)
    out.push(piece)
  })
  // kubectl reads a stream whose first character (after spaces) is { as
  // JSON alone: it fails at the first --- after it, and on a flow-style
  // YAML map. A --- line first makes it read the whole stream as YAML, which
  // holds a JSON document too; one JSON document alone stays as it is.
  if (out[0]?.trimStart().startsWith('{') && !(out.length === 1 && isJson(out[0]))) out.unshift('---\n')
  return out.join('')
}

/** The line break a file uses: `\r\n` when its first line ends so. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n')
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n'
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
