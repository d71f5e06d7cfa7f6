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
  const docs = files.flatMap(f => f.docs.filter(d => !d.empty && d.end > d.start).map(d => ({ f, d })))
  const out: string[] = []
  let cursor: EditCursor | undefined
  let cursorFile: FileFacts | undefined
  docs.forEach(({ f, d }, i) => {
    if (cursorFile !== f) {
      cursor = new EditCursor(f.text, edits.get(f.path))
      cursorFile = f
    }
    const last = i === docs.length - 1
    let piece: string
    if (d.clipAtEnd !== undefined && !last) {
      // A line break must follow, which would add one to the final block
      // scalar's value: strip chomping (`|-`) keeps the value as it was.
      piece = `${cursor!.slice(d.start, d.clipAtEnd)}-${cursor!.slice(d.clipAtEnd, d.end)}`
    } else {
      piece = cursor!.slice(d.start, d.end)
    }
    if (out.length > 0) {
      if (startsWithDirective(piece) && !out[out.length - 1]!.endsWith('...\n')) piece = `...\n${piece}`
      else if (!d.explicitStart) piece = `---\n${piece}`
    }
    if (!last && !piece.endsWith('\n')) piece += '\n'
    out.push(piece)
  })
  return out.join('')
}

/** A document that starts with a directive (`%YAML`) needs the one before it ended with `...`. */
function startsWithDirective(piece: string): boolean {
  for (const line of piece.split('\n', 50)) {
    const t = line.trimStart()
    if (t === '' || t.startsWith('#')) continue
    return t.startsWith('%')
  }
  return false
}

// --- internal ---

/** Walks a file's edits in order while its documents are emitted in order. */
class EditCursor {
  private readonly edits: readonly Edit[]
  private next = 0

  constructor(private readonly text: string, edits: readonly Edit[] | undefined) {
    this.edits = edits && edits.length > 0 ? [...edits].sort((a, b) => a.start - b.start || (a.order ?? 0) - (b.order ?? 0)) : []
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
