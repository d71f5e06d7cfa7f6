import type { Edit, FileEdits } from '../facts.js'

// --- internal ---

/** A file's edits in the order they apply (by offset; insertions at one offset by order), packed. */
export function packEdits(edits: readonly Edit[]): FileEdits {
  const sorted = [...edits].sort((a, b) => a.start - b.start || (a.order ?? 0) - (b.order ?? 0))
  const spans = new Array<number>(2 * sorted.length)
  const texts = new Array<string>(sorted.length)
  sorted.forEach((e, i) => {
    spans[2 * i] = e.start
    spans[2 * i + 1] = e.end
    texts[i] = e.text
  })
  return { spans, texts }
}

const NONE: FileEdits = { spans: [], texts: [] }

/** Walks a file's edits in order while its documents are emitted in order. */
export class EditCursor {
  private readonly edits: FileEdits
  private next = 0

  constructor(private readonly text: string, edits: FileEdits | undefined) {
    this.edits = edits ?? NONE
  }

  /**
   * The text [from, to) with the edits that start inside it applied (an
   * insertion at the very end of the text belongs to the last document).
   * Calls must come in increasing order of `from`.
   */
  slice(from: number, to: number): string {
    const { text } = this
    const { spans, texts } = this.edits
    while (this.next < texts.length && spans[2 * this.next]! < from) this.next++
    let out = ''
    let at = from
    for (; this.next < texts.length; this.next++) {
      const start = spans[2 * this.next]!
      if (start > to || (start === to && to !== text.length)) break
      out += text.slice(at, start) + texts[this.next]!
      at = spans[2 * this.next + 1]!
    }
    return out + text.slice(at, to)
  }
}
