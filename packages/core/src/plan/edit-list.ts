import type { Edit } from '../facts.js'

// --- internal ---

/** A file with more edits than this gets an index of its replacements by offset; below it, its list is searched. */
const INDEXED_FROM = 32

/**
 * Edits per file. Replacing the same text twice with the same new text (a
 * scalar shared through an alias) keeps one; with different new texts it is
 * a conflict, reported by the caller.
 *
 * A replacement is an edit without `order` (insertions always have one).
 * Most files get a handful of edits, and a map per file to find them by
 * offset costs more memory than the edits themselves (a build holds every
 * file's edits at once); so only a file with many edits gets one.
 */
export class EditList {
  readonly byFile: Map<string, Edit[]> = new Map()
  private readonly indexes = new Map<string, Map<number, Edit>>()

  /** Returns false when the same place was already given a different text. */
  replace(file: string, start: number, end: number, text: string): boolean {
    const before = this.replacementAt(file, start)
    if (before !== undefined) return before.text === text
    this.add(file, { start, end, text })
    return true
  }

  /** The text already set at a place, if any. */
  textAt(file: string, start: number): string | undefined {
    return this.replacementAt(file, start)?.text
  }

  /** Inserts at `offset`, or replaces [offset, end) when an empty value is rewritten. */
  insert(file: string, offset: number, text: string, end: number = offset, order = 0): void {
    this.add(file, { start: offset, end, text, order })
  }

  private replacementAt(file: string, start: number): Edit | undefined {
    const index = this.indexes.get(file)
    if (index) return index.get(start)
    return this.byFile.get(file)?.find(e => e.start === start && e.order === undefined)
  }

  private add(file: string, edit: Edit): void {
    const list = this.byFile.get(file)
    if (!list) {
      this.byFile.set(file, [edit])
      return
    }
    list.push(edit)
    let index = this.indexes.get(file)
    if (index === undefined && list.length > INDEXED_FROM) {
      index = new Map()
      this.indexes.set(file, index)
      for (const e of list) if (e.order === undefined) index.set(e.start, e)
    } else if (index !== undefined && edit.order === undefined) {
      index.set(edit.start, edit)
    }
  }
}
