import type { Edit } from '../facts.js'
import { sortSmall } from '../text/compare.js'

// --- internal ---

/**
 * Every file's edits, in one place. A build holds them all until its output
 * is written (at 100 MB of input, about 800,000), so they are packed: the
 * offsets of all files in one Int32Array (edit i replaces [spans[2i],
 * spans[2i+1])), their texts in one list, and per file only where its
 * edits begin and end. A list per file cost some 250 bytes more a file.
 */
/** A book with no edits yet: one empty array for all (most small builds add one file's few edits). */
const NO_SPANS = new Int32Array(0)

export class EditBook {
  private spans = NO_SPANS
  private readonly texts: string[] = []
  /** Per file with edits, by path: its first edit's number and the next file's, at 2k and 2k+1 of `bounds`. */
  private readonly files = new Map<string, number>()
  private readonly bounds: number[] = []

  /** Adds one file's edits (a file is added once), in the order they apply: by offset, and insertions at one offset by `order`. */
  add(path: string, edits: readonly Edit[]): void {
    if (edits.length === 0 || this.files.has(path)) return
    const sorted = sortSmall([...edits], (a, b) => a.start - b.start || (a.order ?? 0) - (b.order ?? 0))
    const first = this.texts.length
    if (2 * (first + sorted.length) > this.spans.length) {
      const larger = new Int32Array(Math.max(64, 2 * this.spans.length, 2 * (first + sorted.length)))
      larger.set(this.spans)
      this.spans = larger
    }
    for (const e of sorted) {
      this.spans[2 * this.texts.length] = e.start
      this.spans[2 * this.texts.length + 1] = e.end
      this.texts.push(e.text)
    }
    this.files.set(path, this.bounds.length / 2)
    this.bounds.push(first, this.texts.length)
  }

  /** A cursor over `text` (the file at `path`) with that file's edits. */
  cursor(path: string, text: string): EditCursor {
    const k = this.files.get(path)
    return k === undefined ? new EditCursor(text, this, 0, 0) : new EditCursor(text, this, this.bounds[2 * k]!, this.bounds[2 * k + 1]!)
  }

  /** Edit i: where it starts and ends in its file, and its text. */
  start(i: number): number {
    return this.spans[2 * i]!
  }

  end(i: number): number {
    return this.spans[2 * i + 1]!
  }

  text(i: number): string {
    return this.texts[i]!
  }
}

/** Walks a file's edits in order while its documents are emitted in order. */
export class EditCursor {
  constructor(private readonly source: string, private readonly book: EditBook, private next: number, private readonly last: number) {}

  /**
   * The text [from, to) with the edits that start inside it applied (an
   * insertion at the very end of the text belongs to the last document).
   * Calls must come in increasing order of `from`.
   */
  slice(from: number, to: number): string {
    const { source, book, last } = this
    while (this.next < last && book.start(this.next) < from) this.next++
    let out = ''
    let at = from
    for (; this.next < last; this.next++) {
      const start = book.start(this.next)
      if (start > to || (start === to && to !== source.length)) break
      out += source.slice(at, start) + book.text(this.next)
      at = book.end(this.next)
    }
    return out + source.slice(at, to)
  }
}
