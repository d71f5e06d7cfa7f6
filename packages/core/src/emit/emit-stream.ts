import type { SourceFile } from '../facts.js'
import type { EditBook, EditCursor } from './edit-cursor.js'
import { isJsonFile } from '../text/json-file.js'

// --- internal ---

/**
 * One multi-document stream of every non-empty document, in input order.
 * A document gets a `---` line before it unless it is the first or already
 * has one, and ends with a line break; so the stream parses back into the
 * same documents and re-emitting it gives the same bytes.
 */
export function emitStream(files: readonly SourceFile[], edits: EditBook): string {
  return [...emitChunks(files, edits)].join('')
}

/** The stream emitStream() returns, a document at a time. */
export function* emitChunks(files: readonly SourceFile[], edits: EditBook): Generator<string, void, undefined> {
  // The first document is held until it is known whether another follows.
  let first: string | undefined
  let firstJson = false
  let count = 0
  for (const f of files) {
    let cursor: EditCursor | undefined
    let json = false
    for (let i = 0; i < f.docs.length; i++) {
      const d = f.docs.at(i)!
      if (d.empty || d.end <= d.start) continue
      if (!cursor) {
        cursor = edits.cursor(f.path, f.text)
        json = isJsonFile(f.text)
      }
      let piece = cursor.slice(d.start, d.end)
      if (count > 0 && !d.explicitStart) piece = `---\n${piece}`
      // kubectl reads the end of a file as a line break, so adding the one a
      // document lacks changes nothing it reads (a block scalar's value
      // included); goyaml v3 readers (kustomize, Flux) then read the same.
      if (!piece.endsWith('\n')) piece += eolOf(f.text)
      count++
      if (count === 1) {
        first = piece
        firstJson = json
        continue
      }
      if (count === 2) yield* opening(first!, firstJson, false)
      // In a YAML stream, a JSON document's escapes that YAML 1.1 lacks are
      // written as YAML spells them.
      yield json ? yamlEscapes(piece) : piece
    }
  }
  if (count === 1) yield* opening(first!, firstJson, true)
}

/**
 * kubectl reads a stream whose first character (after spaces) is { as
 * JSON alone: it fails at the first --- after it, and on a flow-style YAML
 * map. A --- line first makes it read the whole stream as YAML, which holds
 * a JSON document too; one JSON document alone stays as it is (escapes
 * included).
 */
function* opening(first: string, json: boolean, only: boolean): Generator<string, void, undefined> {
  const brace = first.trimStart().startsWith('{')
  if (only && brace && isJson(first)) {
    yield first
    return
  }
  if (brace) yield '---\n'
  yield json ? yamlEscapes(first) : first
}

/**
 * JSON text with `\/` written `/`, each surrogate pair `\uD83D\uDE00`
 * written `\U0001F600`, and NEL, LS and PS (characters in a JSON string,
 * line breaks that goyaml folds even in quotes) written `\u0085`,
 * `\u2028`, `\u2029`: the same strings, in escapes goyaml v2 reads as
 * JSON does (lone surrogates are refused when read). Only inside strings:
 * JSON has these characters nowhere else.
 */
function yamlEscapes(source: string): string {
  const json = source.replace(/[\u0085\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  if (!/\\[/u]/.test(json)) return json
  let out = ''
  let copied = 0
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const c = json[i]
    if (c === '"') inString = !inString
    else if (c === '\\' && inString) {
      const next = json[i + 1]
      if (next === '/') {
        out += json.slice(copied, i) + '/'
        copied = i + 2
      } else if (next === 'u' && /^\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}$/.test(json.slice(i, i + 12))) {
        const point = 0x10000 + ((parseInt(json.slice(i + 2, i + 6), 16) - 0xd800) << 10) + (parseInt(json.slice(i + 8, i + 12), 16) - 0xdc00)
        out += json.slice(copied, i) + '\\U' + point.toString(16).toUpperCase().padStart(8, '0')
        copied = i + 12
        i += 10
      }
      i++
    }
  }
  return out + json.slice(copied)
}

/** The line break a file uses: `\r\n` when its first line ends so. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n')
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n'
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
