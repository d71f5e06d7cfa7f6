// Fixed texts for the yaml package's error codes. Its own messages can quote
// the source (a bad block scalar header, an escape, a tag), which could be a
// Secret's value, so they are never shown.

import { isPair, isScalar, visit, type Node, type Pair } from 'yaml'
import { escapeControl } from '../text/escape.js'
import { lineColOf } from '../text/offsets.js'

// --- internal ---

const YAML_ERRORS: Record<string, string> = {
  ALIAS_PROPS: 'an alias cannot have an anchor or tag',
  BAD_ALIAS: 'an alias names no anchor defined before it',
  BAD_COLLECTION_TYPE: 'a collection has the wrong type for its tag',
  BAD_DIRECTIVE: 'a directive is malformed',
  BAD_DQ_ESCAPE: 'a double-quoted string has an invalid escape sequence',
  BAD_INDENT: 'bad indentation',
  BAD_PROP_ORDER: 'anchor and tag are in the wrong place',
  BAD_SCALAR_START: 'a plain value starts with a reserved character',
  BLOCK_AS_IMPLICIT_KEY: 'a block collection cannot be an implicit key',
  BLOCK_IN_FLOW: 'block syntax inside a flow collection',
  DUPLICATE_KEY: 'a map has the same key twice',
  IMPOSSIBLE: 'the YAML cannot be read',
  KEY_OVER_1024_CHARS: 'an implicit key is longer than 1024 characters',
  MISSING_CHAR: 'a closing quote, bracket or other required character is missing',
  MULTILINE_IMPLICIT_KEY: 'an implicit key spans lines',
  MULTIPLE_ANCHORS: 'a node has two anchors',
  MULTIPLE_DOCS: 'several documents where one is expected',
  MULTIPLE_TAGS: 'a node has two tags',
  RESOURCE_EXHAUSTION: 'the YAML nests too deeply to read',
  NON_STRING_KEY: 'a key is not a string',
  TAB_AS_INDENT: 'a tab is used for indentation',
  TAG_RESOLVE_FAILED: 'a tag cannot be resolved',
  UNEXPECTED_TOKEN: 'unexpected content (bad indentation, a stray character, or a block scalar header with extra characters)',
}

/**
 * The message for the yaml package's error `code` at `at` in `text`. A
 * duplicate key is named (a key, not a value: Secrets' keys are named in
 * other messages too), with what kubectl does with it, and, for `apiVersion`
 * or `kind`, the usual cause: two documents without a `---` between them
 * (kubectl then reads one object, the later keys winning).
 */
export function yamlErrorMessage(code: string, text?: string, at?: number, contents?: Node | null): string {
  if (code === 'DUPLICATE_KEY' && text !== undefined && at !== undefined) {
    const key = KEY.exec(text.slice(at, at + 256))?.[0].trim()
    if (key) {
      const shown = escapeControl(key.length > 64 ? `${key.slice(0, 64)}…` : key)
      const hint = /^["']?(?:apiVersion|kind)["']?$/.test(key) ? ': two documents without a --- line between them?' : ''
      const first = contents ? firstOfTwoKeys(contents, at) : undefined
      const where = first === undefined ? '' : `, first at line ${lineColOf(text, first).line}`
      return `malformed YAML: the key ${shown} is in this map twice (${code}${where}); kubectl would silently keep the last one${hint}`
    }
  }
  return `malformed YAML: ${YAML_ERRORS[code] ?? 'syntax error'} (${code})`
}

/**
 * Where the first of two equal keys starts: `at` is the later one's start,
 * and the yaml package keeps both pairs in the map. Undefined when the tree
 * does not hold them (a key that is not a scalar).
 */
function firstOfTwoKeys(contents: Node, at: number): number | undefined {
  let found: number | undefined
  visit(contents, {
    Map(_key, map) {
      const pairs = map.items.filter((p): p is Pair<Node, unknown> => isPair(p) && isScalar(p.key))
      const later = pairs.find(p => p.key.range?.[0] === at)
      if (!later || !isScalar(later.key)) return undefined
      const value = String(later.key.value)
      const first = pairs.find(p => p !== later && isScalar(p.key) && String(p.key.value) === value)
      found = first?.key.range?.[0]
      return visit.BREAK
    },
  })
  return found !== undefined && found < at ? found : undefined
}

/** A key as written, quoted or plain, before its `:`. */
const KEY = /^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s:#,[\]{}](?:[^:\n#,[\]{}]|:(?![ \t\n]))*?)(?=[ \t]*:)/
