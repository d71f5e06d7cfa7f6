// Offsets, lines and columns in source text.

// --- internal ---

/**
 * Where `search` first occurs in text[start, end), or -1. indexOf alone
 * reads on to the end of the text when the part holds none: asked once per
 * document (or per scalar) of one large file, that is quadratic (12,000
 * documents in one file took 16 s). A slice of a long string is a view in
 * V8, not a copy.
 */
export function indexWithin(text: string, search: string, start: number, end: number): number {
  const i = text.slice(start, end).indexOf(search)
  return i < 0 ? -1 : start + i
}

/** Whether `pattern` (neither global nor sticky) matches in text[start, end), read alone; bounded as indexWithin. */
export function matchesWithin(text: string, pattern: RegExp, start: number, end: number): boolean {
  return pattern.test(text.slice(start, end))
}

/** Offset of the first character of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

/** Offset of the line break ending the line holding `offset` (before a `\r\n`'s `\r`), or the text's end. */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset)
  if (nl < 0) return text.length
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
}

/** The line break used at the end of the line holding `offset`: `\r\n` or `\n`. */
export function eolAt(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset)
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n'
}

/** 0-based column of `offset`. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset)
}

/**
 * Lines of one text, counted from where the last question was: problems are
 * mostly reported in the order of the text, so that a file's problems take
 * one pass over it, not one each (lineColOf is linear in the offset).
 */
export class LineCounter {
  private offset = 0
  private line = 1

  constructor(readonly text: string) {}

  /** 1-based line and column of an offset. */
  at(offset: number): { line: number; col: number } {
    const { text } = this
    const to = Math.max(0, Math.min(offset, text.length))
    if (to >= this.offset) {
      for (let nl = text.indexOf('\n', this.offset); nl >= 0 && nl < to; nl = text.indexOf('\n', nl + 1)) this.line++
    } else {
      for (let nl = text.lastIndexOf('\n', this.offset - 1); nl >= to; nl = nl === 0 ? -1 : text.lastIndexOf('\n', nl - 1)) this.line--
    }
    this.offset = to
    return { line: this.line, col: offset - lineStart(text, offset) + 1 }
  }
}

/** 1-based line and column of an offset. Linear in the offset; used only to report problems. */
export function lineColOf(text: string, offset: number): { line: number; col: number } {
  let line = 1
  let at = text.indexOf('\n')
  while (at >= 0 && at < offset) {
    line++
    at = text.indexOf('\n', at + 1)
  }
  return { line, col: offset - lineStart(text, offset) + 1 }
}

/** True when the text between the offsets holds only blank lines and comments. */
export function onlyCommentsBetween(text: string, from: number, to: number): boolean {
  for (const line of text.slice(from, to).split('\n')) {
    const t = line.trim()
    if (t !== '' && !t.startsWith('#')) return false
  }
  return true
}
