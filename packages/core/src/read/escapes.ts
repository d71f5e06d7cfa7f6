import { isScalar, visit, type Node } from 'yaml'
import { matchesWithin } from '../text/offsets.js'

// --- internal ---

/**
 * kubectl reads a file whose first character (after white space) is `{` as
 * JSON, and any other as YAML with goyaml v2. The two take different escapes
 * in double-quoted strings: YAML 1.1 has no `\/`, and goyaml refuses a `\u`
 * escape that names half of a UTF-16 surrogate pair (JSON writes a
 * character past U+FFFF as such a pair: Python's json.dumps does by
 * default), while JSON reads a lone half as U+FFFD. The yaml package reads
 * all of them. Where a document has an escape that Kubernetes refuses, or
 * reads otherwise than cmhash would, the offset and what to do.
 */
export function escapeProblem(contents: Node | null, text: string, start: number, end: number, json: boolean): { offset: number; message: string } | undefined {
  if (!matchesWithin(text, SUSPECT, start, end)) return undefined
  let found: { offset: number; message: string } | undefined
  if (contents) visit(contents, {
    Scalar(_key, s) {
      if (s.type !== 'QUOTE_DOUBLE' || !s.range) return undefined
      found = problemIn(text, s.range[0], s.range[1], json)
      return found ? visit.BREAK : undefined
    },
    Pair(_key, pair) {
      if (!isScalar(pair.key) || pair.key.type !== 'QUOTE_DOUBLE' || !pair.key.range) return undefined
      found = problemIn(text, pair.key.range[0], pair.key.range[1], json)
      return found ? visit.BREAK : undefined
    },
  })
  return found
}

/** Text that may hold such an escape: a backslash before / or u/U. */
const SUSPECT = /\\[/uU]/

const SURROGATE = /^[dD][89a-fA-F][0-9a-fA-F]{2}$/

function problemIn(text: string, from: number, to: number, json: boolean): { offset: number; message: string } | undefined {
  for (let i = from + 1; i < to - 1; i++) {
    if (text[i] !== '\\') continue
    const c = text[i + 1]
    if (c === '/' && !json) {
      return { offset: i, message: 'a double-quoted string has the escape \\/, which YAML 1.1 (kubectl) does not know; kubectl refuses it: write / alone' }
    }
    if (c === 'u' && SURROGATE.test(text.slice(i + 2, i + 6))) {
      const high = /^[dD][89abAB]/.test(text.slice(i + 2, i + 4))
      const paired = high && text[i + 6] === '\\' && text[i + 7] === 'u' && /^[dD][c-fC-F][0-9a-fA-F]{2}$/.test(text.slice(i + 8, i + 12))
      if (!json) {
        return { offset: i, message: 'a \\u escape names half of a UTF-16 surrogate pair, which kubectl refuses in YAML: write the character itself, or one \\U escape of 8 hex digits' }
      }
      if (!paired) {
        return { offset: i, message: 'a \\u escape names half a character (a lone UTF-16 surrogate), which Kubernetes reads as U+FFFD: write the character whole' }
      }
      i += 11
      continue
    }
    i++ // any other escape: skip its second character (an escaped backslash included)
  }
  return undefined
}
