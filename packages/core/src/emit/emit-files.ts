import type { Edit, FileFacts } from '../facts.js'
import type { OutputFile } from '../types.js'
import { EditCursor } from './edit-cursor.js'

// --- internal ---

/** Each input file with its edits applied (documents, comments and separators kept). */
export function emitFiles(files: readonly FileFacts[], edits: ReadonlyMap<string, readonly Edit[]>): OutputFile[] {
  return files.map(f => ({ path: f.path, content: new EditCursor(f.text, edits.get(f.path)).slice(0, f.text.length) }))
}
