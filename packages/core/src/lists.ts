// Lists, in one place: `v1` `List` and typed lists (`ConfigMapList`), whose
// items are objects; a KRM function's `config.kubernetes.io/v1`
// `ResourceList`, whose items are transformed and whose functionConfig
// configures the build; and `--format json`, the output as one `List`.
import { Composer, Parser, isMap, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml'
import { CmhashError } from './errors.js'
import { NotJsonError, nodeToJson } from './kube/to-json.js'
import { aliasExpansion } from './read/alias-expansion.js'
import { lineColOf } from './text/offsets.js'
import { AliasLimitError, ReadContext, get, str } from './yaml/read-context.js'

/**
 * For a list kind (`List`, `ConfigMapList`, `ResourceList`...), the kind its
 * items default to (`''` for `List`, whose items name their own); undefined
 * for any other kind.
 */
export function listItemKind(kind: string): string | undefined {
  if (!kind.endsWith('List')) return undefined
  return kind === 'List' ? '' : kind.slice(0, -'List'.length)
}

/** Whether a stream is one KRM `ResourceList` (a KRM function's input). */
export function isResourceList(text: string): boolean {
  return readResourceList(text) !== undefined
}

/**
 * A KRM function's input: a stream that is one `ResourceList`, parsed (with
 * positions, for messages about its functionConfig); undefined otherwise.
 */
export function readResourceList(text: string): Document | undefined {
  // Most inputs are not one: answer those without parsing.
  if (!text.includes('ResourceList')) return undefined
  const doc = parseDocument(text, { prettyErrors: false, logLevel: 'silent' })
  if (doc.errors.length > 0 || !isMap(doc.contents) || doc.get('kind') !== 'ResourceList') return undefined
  return doc
}

// --format json: every object as the JSON kubectl sends for it (kube/to-json.ts).

/**
 * Every Kubernetes object of a YAML stream as the items of a `v1` `List`,
 * JSON-encoded with two-space indentation, typed as kubectl reads YAML
 * (goyaml v2 rules, integers exact up to int64). Items of typed lists
 * (`ConfigMapList`) become items of the one list; documents that are not
 * Kubernetes objects (no apiVersion and kind) are left out. A stream that is
 * one KRM `ResourceList` stays that `ResourceList`, in JSON. Throws
 * {@link CmhashError} for what kubectl cannot read either (`.inf`, a list as
 * a map key, excessive aliasing).
 */
export function toJsonList(output: string): string {
  const items: string[] = []
  const docs: Array<{ root: YAMLMap; kind: string | undefined; ctx: ReadContext }> = []
  const parsed = output.length > 0 && !output.endsWith('\n') ? `${output}\n` : output
  const composer = new Composer({ schema: 'failsafe', prettyErrors: false, logLevel: 'silent' })
  try {
    for (const doc of composer.compose(new Parser().parse(parsed), true, parsed.length)) {
      if (doc.errors.length > 0) throw fail('YAML_SYNTAX', 'the output does not parse as YAML (a bug in cmhash)', output, doc.errors[0]!.pos[0])
      const ctx = new ReadContext(doc.contents, parsed, 100_000)
      if (aliasExpansion(doc.contents, ctx).refusedAt !== undefined) throw fail('ALIAS_LIMIT', 'YAML aliases expand too far to write the output as JSON', output, 0)
      const root = isMap(doc.contents) ? doc.contents : undefined
      if (!root) continue
      const kind = str(get(root, 'kind', ctx))
      docs.push({ root, kind, ctx })
      if (kind === undefined || str(get(root, 'apiVersion', ctx)) === undefined) continue
      const list = listItemKind(kind) !== undefined ? get(root, 'items', ctx) : null
      if (isSeq(list)) items.push(...list.items.map(i => nodeToJson(i, ctx, '    ')))
      else items.push(nodeToJson(root, ctx, '    '))
    }
    const only = docs.length === 1 ? docs[0]! : undefined
    if (only?.kind === 'ResourceList') return `${nodeToJson(only.root, only.ctx)}\n`
  } catch (e) {
    if (e instanceof NotJsonError) throw fail('INVALID_RESOURCE', e.message, output, e.offset)
    if (e instanceof AliasLimitError) throw fail('ALIAS_LIMIT', 'YAML aliases expand too far to write the output as JSON', output, e.offset)
    throw e
  }
  const list = items.length === 0 ? '[]' : `[\n${items.map(i => `    ${i}`).join(',\n')}\n  ]`
  return `{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": ${list}\n}\n`
}

function fail(code: 'YAML_SYNTAX' | 'ALIAS_LIMIT' | 'INVALID_RESOURCE', message: string, text: string, offset: number): CmhashError {
  return new CmhashError([{ code, message, location: { file: '<output>', offset, ...lineColOf(text, Math.min(offset, text.length)) } }])
}
