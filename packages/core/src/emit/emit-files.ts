import type { FileEdits, SourceFile } from '../facts.js'
import type { OutputFile } from '../types.js'
import { EditCursor } from './edit-cursor.js'
import { eolOf } from './emit-stream.js'

// --- internal ---

/**
 * Each input file with its edits applied (documents, comments and
 * separators kept), ending with a line break as the stream does.
 */
export function emitFiles(files: readonly SourceFile[], edits: ReadonlyMap<string, FileEdits>): OutputFile[] {
  return files.map(f => {
    const content = new EditCursor(f.text, edits.get(f.path)).slice(0, f.text.length)
    return { path: f.path, content: content === '' || content.endsWith('\n') ? content : content + eolOf(f.text) }
  })
}
