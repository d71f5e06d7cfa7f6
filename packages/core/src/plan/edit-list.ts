import type { Edit } from '../facts.js'

// --- internal ---

/** A file with more edits than this gets an index of its replacements by offset; below it, its list is searched. */
const INDEXED_FROM = 32

/**
 * One file's edits. Replacing the same text twice with the same new text
 * (a scalar shared through an alias) keeps one; with different new texts
 * it is a conflict, reported by the caller.
 *
 * A replacement is an edit without `order` (insertions always have one).
 * Most files get a handful of edits, and a map to find them by offset
 * costs more memory than the edits themselves (a build holds every file's
 * edits at once); so only a file with many edits gets one.
 */
export class EditList {
  readonly list: Edit[] = []
  private index: Map<number, Edit> | undefined

  /** Returns false when the same place was already given a different text. */
  replace(start: number, end: number, text: string): boolean {
    const before = this.replacementAt(start)
    if (before !== undefined) return before.text === text
    this.add({ start, end, text })
    return true
  }

  /** The text already set at a place, if any. */
  textAt(start: number): string | undefined {
    return this.replacementAt(start)?.text
  }

  /** Inserts at `offset`, or replaces [offset, end) when an empty value is rewritten. */
  insert(offset: number, text: string, end: number = offset, order = 0): void {
    this.add({ start: offset, end, text, order })
  }

  private replacementAt(start: number): Edit | undefined {
    if (this.index) return this.index.get(start)
    return this.list.find(e => e.start === start && e.order === undefined)
  }

  private add(edit: Edit): void {
    this.list.push(edit)
    if (this.index === undefined && this.list.length > INDEXED_FROM) {
      this.index = new Map()
      for (const e of this.list) if (e.order === undefined) this.index.set(e.start, e)
    } else if (this.index !== undefined && edit.order === undefined) {
      this.index.set(edit.start, edit)
    }
  }
}
