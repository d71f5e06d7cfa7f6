// Lists, in one place: `v1` `List` and typed lists (`ConfigMapList`), whose
// items are objects; a KRM function's `config.kubernetes.io/v1`
// `ResourceList`, whose items are transformed and whose functionConfig
// configures the build; and `--format json`, the output as one `List`.
import { Composer, Parser, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml'
import { NAME_ANNOTATION } from './constants.js'
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

/**
 * A KRM function's output with objects of its own (generated ConfigMaps and
 * Secrets): `list`, a stream that is one `ResourceList`, with every
 * document of `objects` (a YAML stream of maps) added at the end of its
 * `items`, so that the ResourceList stays the only document. Every byte of
 * `list` is kept. In a block sequence the objects are block items, their
 * text indented and their comments kept; in a flow sequence (a
 * ResourceList written as JSON, or `items: []`) they are JSON, typed as
 * kubectl reads them.
 *
 * A KRM function runs again and again on the package it rewrites in place,
 * so the items may hold what an earlier run added. An object the items
 * already hold (the same kind, namespace and name, as written) is not added
 * again: a content-hashed name stands for its content. One they hold under
 * another name with the same `cmhash.dev/name` (made from other content)
 * is a `DUPLICATE_RESOURCE` error: its referrers would keep the old
 * content. Also throws {@link CmhashError} when `list` is not one
 * ResourceList or its `items` is not a list.
 */
export function addToResourceList(list: string, objects: string): string {
  const doc = readResourceList(list)
  if (!doc) throw fail('INVALID_RESOURCE', 'the input is not one ResourceList', list, 0)
  const root = doc.contents as YAMLMap
  const pair = root.items.find(p => isScalar(p.key) && p.key.value === 'items')
  const held = (isSeq(pair?.value) ? pair.value.items.map(identify) : []).filter(h => h !== undefined)
  const added = readObjects(objects).filter(o => {
    if (!o.id) return true
    if (held.some(h => h.key === o.id!.key)) return false
    const earlier = o.id.origin === undefined ? undefined : held.find(h => h.origin === o.id!.origin)
    if (earlier) {
      const { kind, namespace, name, original } = o.id
      throw new CmhashError([{
        code: 'DUPLICATE_RESOURCE',
        message: `${kind} ${namespace ? `${namespace}/` : ''}${original!} is made again as ${name}, and the ResourceList still holds ${earlier.name}, ` +
          `made from other content by an earlier run: what refers to ${earlier.name} would not get the new content. ` +
          `Remove ${earlier.name} and write ${original!} where it is referred to, then run again`,
      }])
    }
    return true
  })
  if (added.length === 0) return list
  const eol = list.includes('\r\n') ? '\r\n' : '\n'
  const key = (pair?.key ?? root.items[0]!.key) as Node
  // The indentation of the key's line (a JSON ResourceList may be one line).
  const indent = /^[ ]*/.exec(list.slice(list.lastIndexOf('\n', key.range![0] - 1) + 1))![0]
  const json = () => added.map(o => o.json(`${indent}  `)).join(', ')
  const items = pair?.value as Node | null | undefined
  if (isSeq(items) && !items.flow && items.items.length > 0) {
    // After the last item's line; each object indented as the first item is.
    const first = items.items[0] as Node
    const dash = ' '.repeat(columnOf(list, list.lastIndexOf('-', first.range![0])))
    return insert(list, items.range![1], added.map(o => blockItem(o.text, dash, eol)).join(''), eol)
  }
  if (isSeq(items)) {
    const last = items.items.at(-1) as Node | undefined
    return last ? splice(list, last.range![1], `, ${json()}`) : splice(list, list.indexOf('[', items.range![0]) + 1, json())
  }
  if (isScalar(items) && items.value === null) {
    const [start, end] = items.range!
    return `${list.slice(0, start)}${list[start - 1] === ':' ? ' ' : ''}[${json()}]${list.slice(end)}`
  }
  if (pair) throw fail('INVALID_RESOURCE', 'the items of the ResourceList are not a list', list, items?.range?.[0] ?? key.range![0])
  if (root.flow) return splice(list, (root.items.at(-1)!.value as Node).range![1], `, "items": [${json()}]`)
  return insert(list, root.range![1], `${indent}items:${eol}${added.map(o => blockItem(o.text, indent, eol)).join('')}`, eol)
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

/** Each map document of a stream: its text (without a `---` line), its JSON, and its kind, namespace and name. */
function readObjects(text: string): Array<{ text: string; json: (indent: string) => string; id: Identity | undefined }> {
  const parsed = text.length > 0 && !text.endsWith('\n') ? `${text}\n` : text
  const docs = [...new Composer({ schema: 'failsafe', prettyErrors: false, logLevel: 'silent' }).compose(new Parser().parse(parsed), true, parsed.length)]
  return docs.flatMap((doc, i) => {
    if (doc.errors.length > 0) throw fail('YAML_SYNTAX', 'the objects to add do not parse as YAML (a bug in cmhash)', text, doc.errors[0]!.pos[0])
    if (!isMap(doc.contents)) return []
    const own = parsed.slice(i === 0 ? 0 : doc.range[0], docs[i + 1]?.range[0] ?? parsed.length).replace(/^---[ \t]*\r?\n/, '')
    const root = doc.contents
    return [{ text: own, json: (indent: string) => nodeToJson(root, new ReadContext(doc.contents, parsed, 100_000), indent), id: identify(root) }]
  })
}

/** An object's kind, namespace and name, and its name before hashing, as written. */
interface Identity {
  readonly kind: string
  readonly namespace: string
  readonly name: string
  readonly original: string | undefined
  /** Kind, namespace and name, as one string. */
  readonly key: string
  /** Kind, namespace and name before hashing, as one string; undefined when not hashed by cmhash. */
  readonly origin: string | undefined
}

/** The identity as written (no aliases followed); undefined when kind, namespace or name is not a plain string. */
function identify(node: unknown): Identity | undefined {
  if (!isMap(node)) return undefined
  const text = (n: unknown) => (isScalar(n) && typeof n.value === 'string' ? n.value : undefined)
  const metadata = node.get('metadata', true)
  const field = (key: string) => (isMap(metadata) ? text(metadata.get(key, true)) : undefined)
  const annotations = isMap(metadata) ? metadata.get('annotations', true) : undefined
  const [kind, name] = [text(node.get('kind', true)), field('name')]
  const namespace = isMap(metadata) && metadata.has('namespace') ? field('namespace') : ''
  if (kind === undefined || name === undefined || namespace === undefined) return undefined
  const original = isMap(annotations) ? text(annotations.get(NAME_ANNOTATION, true)) : undefined
  return {
    kind, namespace, name, original,
    key: JSON.stringify([kind, namespace, name]),
    origin: original === undefined ? undefined : JSON.stringify([kind, namespace, original]),
  }
}

/** An object's text as an item of a block sequence whose `-` is at `indent`: each line indented, so block scalars keep their content. */
function blockItem(text: string, indent: string, eol: string): string {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/)
  return lines.map((line, i) => (line === '' ? '' : `${indent}${i === 0 ? '- ' : '  '}${line}`)).join(eol) + eol
}

/** `text` added at `at`, on a line of its own. */
function insert(list: string, at: number, text: string, eol: string): string {
  const head = list.slice(0, at)
  return `${head}${head === '' || head.endsWith('\n') ? '' : eol}${text}${list.slice(at)}`
}

function splice(list: string, at: number, text: string): string {
  return `${list.slice(0, at)}${text}${list.slice(at)}`
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1)
}

function fail(code: 'YAML_SYNTAX' | 'ALIAS_LIMIT' | 'INVALID_RESOURCE', message: string, text: string, offset: number): CmhashError {
  return new CmhashError([{ code, message, location: { file: '<output>', offset, ...lineColOf(text, Math.min(offset, text.length)) } }])
}
