import type { Edit } from '../facts.js'

// --- internal ---

/** Walks a file's edits in order while its documents are emitted in order. */
export class EditCursor {
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
