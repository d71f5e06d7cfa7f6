// Step 1 of a build: parse each file into YAML documents and extract, per
// Kubernetes object, the facts the later steps need (identity, references,
// and for ConfigMaps/Secrets their validated content hash and the places to
// edit). Documents are composed one at a time and dropped once scanned.
import { Composer, Parser, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml'
import { hashConfigMap, hashSecret } from './hash.js'
import type { ResourceRef } from './errors.js'
import type { ConfigFacts, DocFacts, EntrySite, FileFacts, MetaMapFacts, ObjectFacts, PairSite, RefSite, ScalarSite, ScalarStyle } from './_model.js'
import { CLUSTER_SCOPED_KINDS, type ReferenceSpec, type TargetKind } from './refs/table.js'
import { findReferences, type CompiledTable, type RefHit } from './refs/walk.js'
import { AliasLimitError, ReadContext, deref, entries, get, getPair, isPlain, mapOf, str } from './_yaml.js'
import { k8sPlainScalarKind, k8sScalarKind, type K8sScalarKind } from './_k8s-scalar.js'
import { decodeBase64, isKubernetesBase64 } from './_base64.js'
import { columnOf, eolAt, lineEnd, lineStart, onlyCommentsBetween } from './_text.js'
import type { Reporter } from './_report.js'
import { HASH_ANNOTATION, NAME_ANNOTATION } from './constants.js'


const UNEDITABLE = Symbol('uneditable')

export interface ScanOptions {
  readonly defaultNamespace: string
  readonly table: CompiledTable
  /** Most alias dereferences followed in one document. */
  readonly aliasBudget: number
}

/** Parses one file and extracts the facts of every object in it; problems go to `report`. */
export function scanFile(path: string, source: string, options: ScanOptions, report: Reporter): FileFacts {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  const docs: DocFacts[] = []
  const composer = new Composer({ schema: 'failsafe', prettyErrors: false })
  // Each document owns the text from its start (`---`, or the file's start
  // for the first) up to the next document's start: its trailing comments
  // and line breaks included.
  let pending: Document | undefined
  const flush = (end: number) => {
    const doc = pending
    if (!doc) return
    const start = docs.length === 0 ? 0 : (doc.range?.[0] ?? end)
    docs.push(scanDocument(doc, { file: path, text, start, end }, options, report))
  }
  for (const doc of composer.compose(new Parser().parse(text), false, text.length)) {
    flush(doc.range[0])
    pending = doc
  }
  flush(text.length)
  return { path, text, docs }
}

// --- internal ---

interface DocScope {
  readonly file: string
  readonly text: string
  readonly start: number
  readonly end: number
}

function scanDocument(doc: Document, scope: DocScope, options: ScanOptions, report: Reporter): DocFacts {
  const { start, end } = scope
  const explicitStart = doc.directives?.docStart === true
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      report.error('YAML_SYNTAX', { message: e.message, at: { ...scope, offset: e.pos[0] } })
    }
    return { start, end, explicitStart, empty: false, objects: [] }
  }
  const contents = doc.contents
  if (contents === null || (isScalar(contents) && contents.source === '' && !contents.tag && !contents.anchor)) {
    return { start, end, explicitStart, empty: true, objects: [] }
  }
  const ctx = new ReadContext(doc, options.aliasBudget)
  try {
    const objects: ObjectFacts[] = []
    const root = mapOf(contents, ctx)
    const kind = root && str(get(root, 'kind', ctx))
    const apiVersion = root && str(get(root, 'apiVersion', ctx))
    if (!root || !kind || !apiVersion) {
      report.warn('NOT_A_RESOURCE', {
        message: 'document is not a Kubernetes object (it has no apiVersion and kind); passed through unchanged',
        at: { ...scope, offset: contents.range?.[0] ?? start },
      })
      return { start, end, explicitStart, empty: false, objects }
    }
    const items = kind.endsWith('List') ? get(root, 'items', ctx) : null
    if (isSeq(items)) {
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length)
      for (const item of items.items) {
        const m = mapOf(item, ctx)
        if (m) scanObject(m, { itemKind, apiVersion }, scope, ctx, options, report, objects)
      }
    } else {
      scanObject(root, {}, scope, ctx, options, report, objects)
    }
    return { start, end, explicitStart, empty: false, objects }
  } catch (e) {
    if (!(e instanceof AliasLimitError)) throw e
    report.error('ALIAS_LIMIT', {
      message: `YAML aliases in this document expand past ${options.aliasBudget} references; refusing to expand further (alias bomb?)`,
      at: { ...scope, offset: e.offset },
    })
    return { start, end, explicitStart, empty: false, objects: [] }
  }
}

function scanObject(
  map: YAMLMap, defaults: { itemKind?: string | undefined; apiVersion?: string },
  scope: DocScope, ctx: ReadContext, options: ScanOptions, report: Reporter, out: ObjectFacts[],
): void {
  const kind = str(get(map, 'kind', ctx)) ?? defaults.itemKind
  const apiVersion = str(get(map, 'apiVersion', ctx)) ?? defaults.apiVersion
  if (!kind || !apiVersion) return
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''
  const metadata = mapOf(getPair(map, 'metadata', ctx)?.value, ctx)
  const name = metadata ? str(get(metadata, 'name', ctx)) || undefined : undefined
  const clusterScoped = CLUSTER_SCOPED_KINDS.has(kind)
  const namespace = clusterScoped
    ? undefined
    : (metadata && str(get(metadata, 'namespace', ctx))) || options.defaultNamespace
  const offset = map.range?.[0] ?? scope.start
  const resource: ResourceRef = namespace === undefined ? { kind, name: name ?? '' } : { kind, namespace, name: name ?? '' }
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1)
  const refs = findReferences(map, kind, group, version, options.table, ctx)
    .map(hit => toRefSite(hit, namespace, clusterScoped, ctx))
    .filter((r): r is RefSite => r !== undefined)
  const isConfig = group === '' && apiVersion === 'v1' && (kind === 'ConfigMap' || kind === 'Secret')
  const config = isConfig && name && metadata
    ? scanConfig(map, metadata, kind, name, resource, scope, ctx, report)
    : undefined
  out.push({ file: scope.file, offset, group, kind, name, namespace, refs, config })
}

function toRefSite(hit: RefHit, namespace: string | undefined, clusterScoped: boolean, ctx: ReadContext): RefSite | undefined {
  const { spec, scalar, holder } = hit
  const target = targetOf(spec, holder, ctx)
  if (!target) return undefined
  const value = String(scalar.value ?? '')
  let name = value
  let prefix = ''
  let targetNs: string | undefined = clusterScoped || spec.anyNamespace ? undefined : namespace
  if (spec.format === 'namespaced-name' && value.includes('/')) {
    prefix = value.slice(0, value.indexOf('/') + 1)
    name = value.slice(prefix.length)
    targetNs = prefix.slice(0, -1)
  }
  if (!name || isTemplated(name)) return undefined
  if (spec.where) {
    const v = deref(get(holder, spec.where.key, ctx), ctx)
    const values = isSeq(v) ? v.items.map(i => str(deref(i, ctx))) : [str(v)]
    if (!values.some(x => x !== undefined && spec.where!.anyOf.includes(x.toLowerCase()))) return undefined
  }
  if (spec.namespaceKey) {
    const ns = str(get(holder, spec.namespaceKey, ctx))
    if (ns && !isTemplated(ns)) targetNs = ns
    else if (ns) return undefined
  }
  const optional = isOptionalHolder(holder, ctx)
  return { spec, target, name, namespace: targetNs, optional, prefix, site: scalarSite(scalar), path: hit.path }
}

/** The kind a reference names: fixed by its spec, or read from the key beside the name. */
function targetOf(spec: ReferenceSpec, holder: YAMLMap, ctx: ReadContext): TargetKind | undefined {
  if (typeof spec.target === 'string') return spec.target
  const { key, groupKey } = spec.target
  if (groupKey) {
    const group = str(get(holder, groupKey, ctx))
    if (group !== undefined && group !== '' && group !== 'core') return undefined
  }
  const kind = str(get(holder, key, ctx)) ?? spec.target.default
  return kind === 'ConfigMap' || kind === 'Secret' ? kind : undefined
}

function isOptionalHolder(holder: YAMLMap, ctx: ReadContext): boolean {
  const s = deref(getPair(holder, 'optional', ctx)?.value, ctx)
  return isScalar(s) && isPlain(s) && ['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'y', 'Y'].includes(String(s.value))
}

/** Values like `${pvc.name}` or `{{ .Values.x }}` are filled in by someone else, later. */
function isTemplated(s: string): boolean {
  return s.includes('${') || s.includes('{{')
}

function scalarSite(s: Scalar): ScalarSite {
  const range = s.range ?? [0, 0, 0]
  return { start: range[0], end: range[1], style: styleOf(s) }
}

function styleOf(s: Scalar): ScalarStyle {
  switch (s.type) {
    case 'QUOTE_DOUBLE': return 'double'
    case 'QUOTE_SINGLE': return 'single'
    case 'BLOCK_FOLDED': case 'BLOCK_LITERAL': return 'block'
    default: return 'plain'
  }
}

// --- ConfigMaps and Secrets ---

function scanConfig(
  map: YAMLMap, metadata: YAMLMap, kind: TargetKind, name: string, resource: ResourceRef,
  scope: DocScope, ctx: ReadContext, report: Reporter,
): ConfigFacts | undefined {
  const at = (node: { range?: [number, number, number] | null } | null | undefined) =>
    ({ ...scope, offset: node?.range?.[0] ?? map.range?.[0] ?? scope.start })
  const labelsRead = metaMap(metadata, 'labels', scope.text, ctx)
  const annotationsRead = metaMap(metadata, 'annotations', scope.text, ctx)
  const labels = labelsRead === UNEDITABLE ? undefined : labelsRead
  const annotations = annotationsRead === UNEDITABLE ? undefined : annotationsRead

  const hashAnn = annotations?.entries.get(HASH_ANNOTATION)
  let mode: ConfigFacts['mode'] = 'auto'
  if (hashAnn) {
    if (hashAnn.value === 'true') mode = 'force'
    else if (hashAnn.value === 'false') mode = 'off'
    else {
      report.error('INVALID_ANNOTATION', {
        message: `annotation ${HASH_ANNOTATION} must be "true" or "false"`,
        at: { ...scope, offset: hashAnn.start }, resource, path: `metadata.annotations["${HASH_ANNOTATION}"]`,
      })
    }
  }
  const baseName = annotations?.entries.get(NAME_ANNOTATION)?.value || name
  const content = new ContentReader(kind, resource, scope, ctx, report)
  let hash: string | undefined
  let secretType: string | undefined
  let empty: boolean
  if (kind === 'ConfigMap') {
    const data = content.strings(map, 'data', 'text')
    const binaryData = content.strings(map, 'binaryData', 'base64')
    empty = !data && !binaryData
    for (const key of Object.keys(binaryData ?? {})) {
      if (data && Object.hasOwn(data, key)) {
        report.error('DUPLICATE_DATA_KEY', {
          message: `key "${key}" is in both data and binaryData; Kubernetes rejects that`,
          at: at(map), resource, path: `binaryData[${JSON.stringify(key)}]`,
        })
        content.ok = false
      }
    }
    if (content.ok) hash = hashConfigMap({ data: data ?? {}, binaryData: mapBytes(binaryData ?? {}) })
  } else {
    const typeNode = get(map, 'type', ctx)
    secretType = str(typeNode) || undefined
    const data = content.strings(map, 'data', 'base64')
    const stringData = content.strings(map, 'stringData', 'text')
    empty = !data && !stringData
    if (content.ok) {
      hash = hashSecret({ type: secretType ?? 'Opaque', data: mapBytes(data ?? {}), stringData: stringData ?? {} })
    }
  }

  const namePair = directPair(metadata, 'name')
  const kindPair = directPair(map, 'kind')
  const metadataPair = directPair(map, 'metadata')
  const nameScalar = namePair && isScalar(namePair.value) ? namePair.value : undefined
  const notEditable = !nameScalar || !kindPair || !metadataPair || !isMap(metadataPair.value)
    ? 'its kind, metadata or name is written through a YAML alias or merge key, so it cannot be renamed in place'
    : labelsRead === UNEDITABLE || annotationsRead === UNEDITABLE
      ? 'its labels or annotations are not a plain map (an alias, or a non-map value), so cmhash cannot add to them'
      : undefined
  const immutablePair = directPair(map, 'immutable')
  const immutableScalar = immutablePair && isScalar(immutablePair.value) ? immutablePair.value : undefined
  const text = scope.text
  const fallbackPair = map.items.find(isPair) as Pair | undefined
  const rootSite = afterPairSite(text, map, kindPair ?? fallbackPair)
  // New labels/annotations maps go after the existing one of the two, or after the name.
  const metadataSite = afterPairSite(text, metadata,
    directPair(metadata, 'annotations') ?? directPair(metadata, 'labels') ?? namePair ?? (metadata.items.find(isPair) as Pair | undefined))
  const step = nameScalar && metadataPair ? stepOf(text, metadataPair, namePair!) : '  '
  return {
    kind, name, baseName, hash, mode, empty, secretType,
    ...(notEditable ? { notEditable } : {}),
    nameSite: nameScalar ? scalarSite(nameScalar) : { start: 0, end: 0, style: 'plain' },
    immutable: immutableScalar
      ? { site: scalarSite(immutableScalar), value: immutableValue(immutableScalar) }
      : undefined,
    rootSite, metadataSite, step, labels, annotations,
  }
}

function immutableValue(s: Scalar): boolean | undefined {
  const v = String(s.value)
  if (!isPlain(s)) return undefined
  if (['true', 'True', 'TRUE'].includes(v)) return true
  if (['false', 'False', 'FALSE'].includes(v)) return false
  return undefined
}

/** Reads and checks `data`-like maps of a ConfigMap/Secret as Kubernetes would. */
class ContentReader {
  ok = true
  constructor(
    readonly kind: TargetKind, readonly resource: ResourceRef, readonly scope: DocScope,
    readonly ctx: ReadContext, readonly report: Reporter,
  ) {}

  /**
   * The field's entries as strings (base64 text for `base64` fields), or
   * undefined when the field is absent or empty. Reports every invalid key
   * and value, without ever quoting a value.
   */
  strings(map: YAMLMap, field: string, encoding: 'text' | 'base64'): Record<string, string> | undefined {
    const pair = getPair(map, field, this.ctx)
    if (!pair) return undefined
    const node = deref(pair.value, this.ctx)
    if (isScalar(node) && isPlain(node) && k8sPlainScalarKind(String(node.value)) === 'null') return undefined
    if (!isMap(node)) {
      this.fail('INVALID_RESOURCE', node ?? pair.key as Node, field, `${field} must be a map of keys to strings`)
      return undefined
    }
    const out: Record<string, string> = {}
    for (const p of entries(node, this.ctx)) {
      const keyNode = p.key as Node
      const key = this.key(keyNode, field)
      if (key === undefined) continue
      const path = `${field}[${JSON.stringify(key)}]`
      const value = deref(p.value, this.ctx)
      const kindRead = valueKind(value)
      if (kindRead !== 'string') {
        const what = kindRead === 'null' ? 'empty (null)' : `read by Kubernetes as ${article(kindRead)}`
        this.fail('DATA_NOT_STRING', value ?? keyNode, path,
          `${path} is ${what}; Kubernetes accepts only strings here, so quote the value`)
        continue
      }
      const s = String((value as Scalar).value)
      if (encoding === 'base64' && !isKubernetesBase64(s)) {
        this.fail('INVALID_BASE64', value!, path, `${path} is not valid base64 (standard alphabet, with padding)`)
        continue
      }
      out[key] = s
    }
    for (const _ in out) return out
    return undefined
  }

  private key(node: Node, field: string): string | undefined {
    if (!isScalar(node)) {
      this.fail('INVALID_DATA_KEY', node, field, `${field} has a key that is not a string`)
      return undefined
    }
    const key = String(node.value)
    if (isPlain(node) && !node.tag) {
      const read = k8sPlainScalarKind(key)
      if (read !== 'string' && !(read === 'int' && /^(0|[1-9][0-9]*)$/.test(key))) {
        this.fail('INVALID_DATA_KEY', node, `${field}[${JSON.stringify(key)}]`,
          `${field} key ${JSON.stringify(key)} is read by Kubernetes as ${article(read)}, not the text written; quote it`)
        return undefined
      }
    }
    const problem = dataKeyProblem(key)
    if (problem) {
      this.fail('INVALID_DATA_KEY', node, `${field}[${JSON.stringify(key)}]`, `${field} key ${JSON.stringify(key)} ${problem}`)
      return undefined
    }
    return key
  }

  private fail(code: 'INVALID_RESOURCE' | 'DATA_NOT_STRING' | 'INVALID_BASE64' | 'INVALID_DATA_KEY', node: Node, path: string, message: string): void {
    this.ok = false
    this.report.error(code, {
      message: `${this.kind} ${this.resource.namespace ? `${this.resource.namespace}/` : ''}${this.resource.name}: ${message}`,
      at: { ...this.scope, offset: node?.range?.[0] ?? this.scope.start },
      resource: this.resource,
      path,
    })
  }
}

function valueKind(node: Node | null): K8sScalarKind | 'map' | 'list' {
  if (node === null) return 'null'
  if (isMap(node)) return 'map'
  if (isSeq(node)) return 'list'
  if (!isScalar(node)) return 'null'
  return k8sScalarKind(String(node.value), isPlain(node), node.tag)
}

function article(kind: string): string {
  const words: Record<string, string> = { bool: 'a boolean', int: 'an integer', float: 'a number', null: 'null', map: 'a map', list: 'a list' }
  return words[kind] ?? kind
}

/** Kubernetes' IsConfigMapKey, which Secrets share. */
function dataKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'is empty'
  if (key.length > 253) return 'is longer than 253 characters'
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) return 'may contain only letters, digits, "-", "_" and "."'
  if (key === '.' || key === '..') return `must not be "${key}"`
  if (key.startsWith('..')) return 'must not start with ".."'
  return undefined
}

function mapBytes(m: Record<string, string>): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {}
  for (const [k, v] of Object.entries(m)) out[k] = decodeBase64(v)
  return out
}

// --- edit sites ---

/** A pair written in the map itself (not through a merge key). */
function directPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) if (isPair(item) && str(item.key) === key) return item
  return undefined
}

function metaMap(metadata: YAMLMap, key: string, text: string, ctx: ReadContext): MetaMapFacts | undefined | typeof UNEDITABLE {
  const pair = directPair(metadata, key)
  if (!pair) return getPair(metadata, key, ctx) ? UNEDITABLE : undefined
  const value = pair.value
  if (isScalar(value)) {
    if (!isPlain(value) || k8sPlainScalarKind(String(value.value)) !== 'null') return UNEDITABLE
    const r = value.range ?? [0, 0, 0]
    const json = isScalar(pair.key) && pair.key.type === 'QUOTE_DOUBLE'
    return {
      site: { offset: r[0], end: r[1], mode: 'replace-empty', flow: true, json, multiline: false, emptyFlow: true, indent: '', eol: eolAt(text, r[0]) },
      entries: new Map(),
    }
  }
  const map = mapOf(value, ctx)
  if (!map || map !== value) return UNEDITABLE
  const found = new Map<string, EntrySite>()
  for (const p of map.items) {
    const k = isPair(p) ? str(p.key) : undefined
    if (k?.startsWith('cmhash.dev/') && isScalar(p.value)) {
      found.set(k, { ...scalarSite(p.value), value: String(p.value.value) })
    }
  }
  return { site: firstPairSite(text, map, pair), entries: found }
}

/** Where to add a pair after `pair` (at the end of its line in block style). */
function afterPairSite(text: string, map: YAMLMap, pair: Pair | undefined): PairSite {
  const key = pair?.key as Node | undefined
  const value = pair?.value as Node | undefined
  const valueEnd = value?.range?.[1] ?? key?.range?.[1] ?? map.range?.[0] ?? 0
  const keyStart = key?.range?.[0] ?? valueEnd
  const json = isScalar(key) && key.type === 'QUOTE_DOUBLE'
  if (map.flow) {
    const multiline = isMultilineFlow(text, map)
    return {
      offset: valueEnd, mode: 'after', flow: true, json, multiline, emptyFlow: false,
      indent: ' '.repeat(columnOf(text, keyStart)), eol: eolAt(text, keyStart),
    }
  }
  // A block collection or block scalar ends after its last line break; a
  // flow value ends on its line, maybe followed by a comment.
  const end = valueEnd > 0 && text.charCodeAt(valueEnd - 1) === 10
    ? valueEnd - (valueEnd > 1 && text.charCodeAt(valueEnd - 2) === 13 ? 2 : 1)
    : lineEnd(text, valueEnd)
  return {
    offset: end, mode: 'after', flow: false, json, multiline: false, emptyFlow: false,
    indent: ' '.repeat(columnOf(text, keyStart)), eol: eolAt(text, valueEnd),
  }
}

/** Where to add a pair before the first pair of `map`, the value of `parent`. */
function firstPairSite(text: string, map: YAMLMap, parent: Pair): PairSite {
  const first = map.items.find(isPair)?.key as Node | undefined
  const json = isScalar(first) ? first.type === 'QUOTE_DOUBLE' : isScalar(parent.key) && parent.key.type === 'QUOTE_DOUBLE'
  const open = map.range?.[0] ?? 0
  if (map.flow) {
    const multiline = isMultilineFlow(text, map)
    const at = first?.range?.[0] ?? open
    return {
      offset: open + 1, mode: 'first', flow: true, json, multiline, emptyFlow: !first,
      indent: ' '.repeat(columnOf(text, at)), eol: eolAt(text, open),
    }
  }
  const keyAt = first!.range![0]
  const keyLine = lineStart(text, keyAt)
  const parentEnd = (parent.key as Node).range?.[1] ?? keyLine
  const eol = eolAt(text, keyAt)
  const afterParent = lineEnd(text, parentEnd) + eol.length
  const offset = afterParent <= keyLine && onlyCommentsBetween(text, afterParent, keyLine) ? afterParent : keyLine
  return {
    offset, mode: 'first', flow: false, json, multiline: false, emptyFlow: false,
    indent: ' '.repeat(columnOf(text, keyAt)), eol,
  }
}

function isMultilineFlow(text: string, map: YAMLMap): boolean {
  const r = map.range
  return r ? text.slice(r[0], r[1]).includes('\n') : false
}

function stepOf(text: string, metadataPair: Pair, namePair: Pair): string {
  const outer = columnOf(text, (metadataPair.key as Node).range![0])
  const inner = columnOf(text, (namePair.key as Node).range![0])
  return ' '.repeat(inner > outer ? inner - outer : 2)
}
