import type { SourceFile } from '../facts.js'
import type { OutputFile } from '../types.js'
import type { EditBook } from './edit-cursor.js'
import { eolOf } from './emit-stream.js'

// --- internal ---

/**
 * Each input file with its edits applied (documents, comments and
 * separators kept), ending with a line break as the stream does.
 */
export function emitFiles(files: readonly SourceFile[], edits: EditBook): OutputFile[] {
  return files.map(f => {
    const content = edits.cursor(f.path, f.text).slice(0, f.text.length)
    return { path: f.path, content: content === '' || content.endsWith('\n') ? content : content + eolOf(f.text) }
  })
}
