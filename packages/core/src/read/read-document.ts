import { isScalar, isSeq } from 'yaml'
import type { DocFacts, ObjectFacts, SharedNode } from '../facts.js'
import { listItemKind } from '../lists.js'
import type { Reporter } from '../report/reporter.js'
import { AliasLimitError, ReadContext, get, mapOf, str } from '../yaml/read-context.js'
import { readObject } from './read-object.js'
import type { DocScope, ReadOptions } from './scope.js'
import { aliasExpansion } from './alias-expansion.js'
import type { ComposedDoc } from './composed-doc.js'
import { foldQuotedAsGo } from './go-quoted.js'
import { documentProblem } from './kubectl-splitting.js'
import { badMergeKey, mayHaveMergeKeys } from './merge-keys.js'
import { mayHaveAliases, sharedNodes } from './shared-nodes.js'
import { yamlErrorMessage } from './yaml-errors.js'

// --- internal ---

/** The facts of one YAML document: its objects (the root, or a List's items). */
export function readDocument(doc: ComposedDoc, scope: DocScope, options: ReadOptions, report: Reporter): DocFacts {
  const { start, end } = scope
  const explicitStart = doc.docStart
  if (doc.errors.length > 0) {
    // The first error of a document; what follows is usually its echo.
    const e = doc.errors[0]!
    report.error('YAML_SYNTAX', { message: yamlErrorMessage(e.code, scope.text, e.pos[0], doc.contents), at: { ...scope, offset: Math.min(e.pos[0], scope.end) } })
    return { start, end, explicitStart, empty: false, objects: [] }
  }
  const problem = documentProblem(doc, scope.text, start, end, scope.first === true)
  if (problem) {
    report.error('YAML_SYNTAX', { message: `malformed YAML: ${problem.message}`, at: { ...scope, offset: problem.offset } })
    return { start, end, explicitStart, empty: false, objects: [] }
  }
  const contents = doc.contents
  foldQuotedAsGo(contents, scope.text, start, end, doc.scanned)
  if (contents === null || (isScalar(contents) && contents.source === '' && !contents.tag && !contents.anchor)) {
    return { start, end, explicitStart, empty: true, objects: [] }
  }
  const ctx = new ReadContext(contents, scope.text, options.aliasBudget)
  let shared: SharedNode[] | undefined
  if (doc.aliases && mayHaveAliases(scope.text, start, end)) {
    const found = sharedNodes(contents, scope.text, ctx)
    if (found.unknown) {
      report.error('YAML_SYNTAX', {
        message: 'malformed YAML: an alias names no anchor defined before it in the same document (BAD_ALIAS); kubectl refuses it',
        at: { ...scope, offset: found.unknown.range?.[0] ?? start },
      })
      return { start, end, explicitStart, empty: false, objects: [] }
    }
    const expansion = found.shared.length > 0 ? aliasExpansion(contents, ctx) : undefined
    if (expansion?.refusedAt !== undefined) {
      report.error('ALIAS_LIMIT', {
        message: `YAML aliases expand this document too far: ${expansion.aliased} of the first ${expansion.decoded} nodes decoded come from aliases; ` +
          'Kubernetes refuses it too (goyaml: "document contains excessive aliasing")',
        at: { ...scope, offset: expansion.refusedAt },
      })
      return { start, end, explicitStart, empty: false, objects: [] }
    }
    const total = options.expansion
    if (expansion && total && (total.aliased += expansion.aliased) > total.limit) {
      // Said once: the documents after it are not read at all.
      if (total.reported) return { start, end, explicitStart, empty: false, objects: [] }
      total.reported = true
      report.error('ALIAS_LIMIT', {
        message: `YAML aliases in this input expand to more than ${total.limit} nodes in all; refusing to read further (an input built to be slow?)`,
        at: { ...scope, offset: start },
      })
      return { start, end, explicitStart, empty: false, objects: [] }
    }
    if (found.shared.length > 0) shared = found.shared
  }
  // Kept for the whole build: the list without the room push() leaves.
  const done = (objects: ObjectFacts[]): DocFacts => ({ start, end, explicitStart, empty: false, objects: objects.slice(), ...(shared ? { shared } : {}) })
  try {
    const badMerge = mayHaveMergeKeys(scope.text, start, end) ? badMergeKey(contents, ctx) : undefined
    if (badMerge !== undefined) {
      report.error('YAML_SYNTAX', {
        message: 'malformed YAML: a merge key (<<) whose value is not a map or a list of maps; kubectl refuses it',
        at: { ...scope, offset: badMerge },
      })
      return done([])
    }
    const objects: ObjectFacts[] = []
    const root = mapOf(contents, ctx)
    const kind = root && str(get(root, 'kind', ctx))
    const apiVersion = root && str(get(root, 'apiVersion', ctx))
    if (!root || !kind || !apiVersion) {
      report.warn('NOT_A_RESOURCE', {
        message: 'document is not a Kubernetes object (it has no apiVersion and kind); passed through unchanged',
        at: { ...scope, offset: contents.range?.[0] ?? start },
      })
      return done(objects)
    }
    const itemKind = listItemKind(kind)
    const items = itemKind !== undefined ? get(root, 'items', ctx) : null
    if (isSeq(items)) {
      for (const item of items.items) {
        const m = mapOf(item, ctx)
        if (m) readObject(m, { itemKind: itemKind || undefined, apiVersion }, scope, ctx, options, report, objects)
      }
    } else {
      readObject(root, {}, scope, ctx, options, report, objects)
    }
    return done(objects)
  } catch (e) {
    if (!(e instanceof AliasLimitError)) throw e
    report.error('ALIAS_LIMIT', {
      message: `YAML aliases in this document expand past ${options.aliasBudget} references, or into themselves; refusing to expand further (alias bomb?)`,
      at: { ...scope, offset: e.offset },
    })
    return { start, end, explicitStart, empty: false, objects: [] }
  }
}
