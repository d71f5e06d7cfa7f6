// Step 3 of a build: apply the edits to the source text. Everything not
// edited comes out byte for byte as it went in.
import type { FileFacts } from './_model.js'
import type { Edit } from './plan.js'

/** A file of the output: the input file's text with cmhash's edits applied. */
export interface OutputFile {
  readonly path: string
  readonly content: string
}

/** Each input file with its edits applied (documents, comments and separators kept). */
export function emitFiles(files: readonly FileFacts[], edits: ReadonlyMap<string, readonly Edit[]>): OutputFile[] {
  return files.map(f => ({ path: f.path, content: new EditCursor(f.text, edits.get(f.path)).slice(0, f.text.length) }))
}

/**
 * One multi-document stream of every non-empty document, in input order.
 * A document gets a `---` line before it unless it is the first or already
 * has one, and ends with a line break; so the stream parses back into the
 * same documents and re-emitting it gives the same bytes.
 */
export function emitStream(files: readonly FileFacts[], edits: ReadonlyMap<string, readonly Edit[]>): string {
  const out: string[] = []
  for (const f of files) {
    const cursor = new EditCursor(f.text, edits.get(f.path))
    for (const doc of f.docs) {
      if (doc.empty) continue
      let piece = cursor.slice(doc.start, doc.end)
      if (piece.length === 0) continue
      if (out.length > 0 && !doc.explicitStart) piece = `---\n${piece}`
      if (!piece.endsWith('\n')) piece += '\n'
      out.push(piece)
    }
  }
  return out.join('')
}

// --- internal ---

/** Walks a file's edits in order while its documents are emitted in order. */
class EditCursor {
  private readonly edits: readonly Edit[]
  private next = 0

  constructor(private readonly text: string, edits: readonly Edit[] | undefined) {
    this.edits = edits && edits.length > 0 ? [...edits].sort((a, b) => a.start - b.start) : []
  }

  /**
   * The text [from, to) with the edits that start inside it applied (an
   * insertion at the very end of the text belongs to the last document).
   * Calls must come in increasing order of `from`.
   */
  slice(from: number, to: number): string {
    const { text, edits } = this
    while (this.next < edits.length && edits[this.next]!.start < from) this.next++
    let out = ''
    let at = from
    for (; this.next < edits.length; this.next++) {
      const e = edits[this.next]!
      if (e.start > to || (e.start === to && to !== text.length)) break
      out += text.slice(at, e.start) + e.text
      at = e.end
    }
    return out + text.slice(at, to)
  }
}
