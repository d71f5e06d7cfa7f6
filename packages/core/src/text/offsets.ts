// Offsets, lines and columns in source text.

// --- internal ---

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
