// Lists, in one place: `v1` `List` and typed lists (`ConfigMapList`), whose
// items are objects; a KRM function's `config.kubernetes.io/v1`
// `ResourceList`, whose items are transformed and whose functionConfig
// configures the build; and `--format json`, the output as one `List`.
import { isMap, parseAllDocuments, parseDocument, type Document } from 'yaml'
import { CmhashError } from './errors.js'

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

// --format json: values are typed the way Kubernetes reads YAML (YAML 1.1
// without sexagesimal numbers or timestamps, as goyaml v2 decodes into
// interface{}).

/**
 * Every Kubernetes object of a YAML stream as the items of a `v1` `List`,
 * JSON-encoded with two-space indentation. Items of typed lists
 * (`ConfigMapList`) become items of the one list; documents that are not
 * Kubernetes objects (no apiVersion and kind) are left out. A stream that is
 * one KRM `ResourceList` stays that `ResourceList`, in JSON.
 */
export function toJsonList(output: string): string {
  const items: unknown[] = []
  const docs: unknown[] = []
  for (const doc of parseAllDocuments(output, {
    version: '1.1',
    logLevel: 'silent',
    customTags: tags => tags.filter(t => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME')),
  })) {
    if (doc.errors.length > 0) {
      throw new CmhashError([{ code: 'YAML_SYNTAX', message: 'the output does not parse as YAML (a bug in cmhash)' }])
    }
    let value: unknown
    try {
      value = doc.toJS({ maxAliasCount: 1000 })
    } catch {
      throw new CmhashError([{ code: 'ALIAS_LIMIT', message: 'YAML aliases expand too far to write the output as JSON' }])
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue
    docs.push(value)
    const obj = value as { apiVersion?: unknown; kind?: unknown; items?: unknown }
    if (typeof obj.kind !== 'string' || typeof obj.apiVersion !== 'string') continue
    if (obj.kind.endsWith('List') && Array.isArray(obj.items)) items.push(...(obj.items as unknown[]))
    else items.push(obj)
  }
  const only = docs.length === 1 ? (docs[0] as { kind?: unknown }) : undefined
  const result = only?.kind === 'ResourceList' ? only : { apiVersion: 'v1', kind: 'List', items }
  return `${JSON.stringify(result, null, 2)}\n`
}
