import type { Edit } from '../facts.js'

// --- internal ---

/**
 * Edits per file. Replacing the same text twice with the same new text (a
 * scalar shared through an alias) keeps one; with different new texts it is
 * a conflict, reported by the caller.
 */
export class EditList {
  readonly byFile: Map<string, Edit[]> = new Map()
  /** Per file, the text each replaced place was given, by offset. */
  private readonly replaced = new Map<string, Map<number, string>>()

  /** Returns false when the same place was already given a different text. */
  replace(file: string, start: number, end: number, text: string): boolean {
    let places = this.replaced.get(file)
    if (!places) this.replaced.set(file, places = new Map<number, string>())
    const before = places.get(start)
    if (before !== undefined) return before === text
    places.set(start, text)
    this.add(file, { start, end, text })
    return true
  }

  /** The text already set at a place, if any. */
  textAt(file: string, start: number): string | undefined {
    return this.replaced.get(file)?.get(start)
  }

  /** Inserts at `offset`, or replaces [offset, end) when an empty value is rewritten. */
  insert(file: string, offset: number, text: string, end: number = offset, order = 0): void {
    this.add(file, { start: offset, end, text, order })
  }

  private add(file: string, edit: Edit): void {
    const list = this.byFile.get(file)
    if (list) list.push(edit)
    else this.byFile.set(file, [edit])
  }
}
