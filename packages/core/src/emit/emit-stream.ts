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
  return [...emitChunks(files, edits)].join('')
}

/** The stream emitStream() returns, a document at a time. */
export function* emitChunks(files: readonly FileFacts[], edits: ReadonlyMap<string, readonly Edit[]>): Generator<string, void, undefined> {
  // The first document is held until it is known whether another follows.
  let first: string | undefined
  let count = 0
  for (const f of files) {
    let cursor: EditCursor | undefined
    for (const d of f.docs) {
      if (d.empty || d.end <= d.start) continue
      cursor ??= new EditCursor(f.text, edits.get(f.path))
      let piece = cursor.slice(d.start, d.end)
      if (count > 0 && !d.explicitStart) piece = `---\n${piece}`
      // kubectl reads the end of a file as a line break, so adding the one a
      // document lacks changes nothing it reads (a block scalar's value
      // included); goyaml v3 readers (kustomize, Flux) then read the same.
      if (!piece.endsWith('\n')) piece += eolOf(f.text)
      count++
      if (count === 1) {
        first = piece
        continue
      }
      if (count === 2) yield* opening(first!, false)
      yield piece
    }
  }
  if (count === 1) yield* opening(first!, true)
}

/**
 * kubectl reads a stream whose first character (after spaces) is { as
 * JSON alone: it fails at the first --- after it, and on a flow-style YAML
 * map. A --- line first makes it read the whole stream as YAML, which holds
 * a JSON document too; one JSON document alone stays as it is.
 */
function* opening(first: string, only: boolean): Generator<string, void, undefined> {
  if (first.trimStart().startsWith('{') && !(only && isJson(first))) yield '---\n'
  yield first
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
