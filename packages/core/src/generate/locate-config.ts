import { parseDocument, type Node } from 'yaml'
import type { SourceLocation } from '../errors.js'
import { lineColOf } from '../text/offsets.js'
import type { ConfigPath } from './types.js'

/**
 * A function giving where a field of a configuration file (YAML or JSON) is
 * written, for {@link generate}'s `locate` option: the field's value, or the
 * nearest enclosing field that is written. Undefined for text that does not
 * parse.
 */
export function configLocator(text: string, file: string): (path: ConfigPath) => SourceLocation | undefined {
  const doc = parseDocument(text, { prettyErrors: false, logLevel: 'silent' })
  return path => {
    if (doc.errors.length > 0) return undefined
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as Node | undefined
      const offset = node?.range?.[0]
      if (offset !== undefined) return { file, offset, ...lineColOf(text, offset) }
    }
    return undefined
  }
}
