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
import { AliasLimitError, ReadContext, deref, entries, get, getPair, isOptional, isPlain, mapOf, str } from './_yaml.js'
import { k8sBool, k8sPlainScalarKind, k8sScalarKind, type K8sScalarKind } from './_k8s-scalar.js'
import { decodeBase64, isKubernetesBase64 } from './_base64.js'
import { columnOf, eolAt, lineEnd, lineStart, onlyCommentsBetween } from './_text.js'
import type { Reporter } from './_report.js'
import { HASH_ANNOTATION, MANAGED_LABEL, NAME_ANNOTATION } from './constants.js'


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
  try {
    for (const doc of composer.compose(new Parser().parse(text), false, text.length)) {
      flush(doc.range[0])
      pending = doc
    }
  } catch (e) {
    // The yaml package recurses once per nesting level: a hostile input
    // nested thousands deep overflows the stack before it can report it.
    if (!(e instanceof RangeError)) throw e
    report.error('YAML_SYNTAX', { message: 'the YAML is nested too deeply to read', at: { file: path, text, offset: 0 } })
    return { path, text, docs: [] }
  }
  flush(text.length)
  return { path, text, docs }
}

// --- internal ---

/**
 * Fixed texts for the yaml package's error codes. Its own messages can quote
 * the source (a bad block scalar header, an escape, a tag), which could be a
 * Secret's value, so they are never shown.
 */
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

function yamlErrorMessage(code: string): string {
  return `malformed YAML: ${YAML_ERRORS[code] ?? 'syntax error'} (${code})`
}

interface DocScope {
  readonly file: string
  readonly text: string
  readonly start: number
  readonly end: number
}

function scanDocument(doc: Document, scope: DocScope, options: ScanOptions, report: Reporter): DocFacts {
  const facts = scanDocumentBody(doc, scope, options, report)
  const clipAtEnd = clipAtEndOf(doc, scope)
  return clipAtEnd === undefined ? facts : { ...facts, clipAtEnd }
}

/** See DocFacts.clipAtEnd. */
function clipAtEndOf(doc: Document, scope: DocScope): number | undefined {
  const { text, end } = scope
  if (end !== text.length || text.endsWith('\n')) return undefined
  let node: unknown = doc.contents
  for (let depth = 0; depth < 100; depth++) {
    if (isMap(node) || isSeq(node)) {
      const last = node.items[node.items.length - 1]
      node = isPair(last) ? last.value : last
      continue
    }
    break
  }
  if (!isScalar(node) || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED')) return undefined
  const header = node.range?.[0] ?? -1
  const indicator = text[header]
  if (indicator !== '|' && indicator !== '>') return undefined
  const rest = /^[0-9]?/.exec(text.slice(header + 1))![0]
  if (text[header + 1 + rest.length] === '-' || text[header + 1 + rest.length] === '+') return undefined
  return header + 1
}

function scanDocumentBody(doc: Document, scope: DocScope, options: ScanOptions, report: Reporter): DocFacts {
  const { start, end } = scope
  const explicitStart = doc.directives?.docStart === true
  if (doc.errors.length > 0) {
    // The first error of a document; what follows is usually its echo.
    const e = doc.errors[0]!
    report.error('YAML_SYNTAX', { message: yamlErrorMessage(e.code), at: { ...scope, offset: e.pos[0] } })
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
      message: `YAML aliases in this document expand past ${options.aliasBudget} references, or into themselves; refusing to expand further (alias bomb?)`,
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
  const optional = isOptional(holder, ctx)
  const site = typeof hit.via === 'object'
    ? { start: hit.via.alias.range?.[0] ?? 0, end: hit.via.alias.range?.[1] ?? 0, style: 'plain' as const }
    : scalarSite(scalar)
  return { spec, target, name, namespace: targetNs, optional, prefix, site, shared: hit.via === 'shared', path: hit.path }
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

/**
 * Values like `${pvc.name}`, `$NAME`, `{{ .Values.x }}` or `<your-secret>`
 * are placeholders someone fills in later (no Kubernetes name holds these
 * characters).
 */
function isTemplated(s: string): boolean {
  return /[${}<>%\s]/.test(s)
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
    if (hashAnn.value === 'true' && !hashAnn.plain) mode = 'force'
    else if (hashAnn.value === 'false' && !hashAnn.plain) mode = 'off'
    else {
      report.error('INVALID_ANNOTATION', {
        message: `annotation ${HASH_ANNOTATION} must be the string "true" or "false"${hashAnn.plain ? ', quoted (unquoted, Kubernetes reads a boolean and rejects the object)' : ''}`,
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

  const text = scope.text
  const namePair = directPair(metadata, 'name')
  const kindPair = directPair(map, 'kind')
  const metadataPair = directPair(map, 'metadata')
  const immutablePair = directPair(map, 'immutable')
  const nameScalar = namePair && isScalar(namePair.value) && !namePair.value.anchor ? namePair.value : undefined
  const immutableScalar = immutablePair && isScalar(immutablePair.value) ? immutablePair.value : undefined
  const immutableEmpty = immutablePair ? emptyValueSite(text, immutablePair) : undefined
  const explicit = [namePair, kindPair, metadataPair, immutablePair].some(p => p && isExplicitKey(text, p))
  const notEditable = !nameScalar || !metadataPair || !isMap(metadataPair.value) || (!kindPair && getPair(map, 'kind', ctx))
    ? 'its kind, metadata or name is written through a YAML alias, anchor or merge key, so it cannot be renamed in place'
    : labelsRead === UNEDITABLE || annotationsRead === UNEDITABLE
      ? 'its labels or annotations, or the cmhash.dev/ entries in them, are not plain (an alias, a tag, a non-map value or an explicit ? key), so cmhash cannot add to them'
      : explicit
        ? 'it writes kind, metadata, name or immutable with an explicit ? key, whose layout cmhash does not edit'
        : immutablePair && !immutableScalar && !immutableEmpty
          ? 'its immutable field is not a boolean'
          : undefined
  const lastPair = map.items.filter(isPair).pop() as Pair | undefined
  const rootSite = afterPairSite(text, map, kindPair ?? lastPair)
  // New labels/annotations maps go after the existing one of the two, or after the name.
  const metadataSite = afterPairSite(text, metadata,
    directPair(metadata, 'annotations') ?? directPair(metadata, 'labels') ?? namePair ?? (metadata.items.find(isPair) as Pair | undefined))
  const step = nameScalar && metadataPair ? stepOf(text, metadataPair, namePair!) : '  '
  return {
    kind, name, baseName, hash, mode, empty, secretType,
    managed: labels?.entries.get(MANAGED_LABEL)?.value === 'true',
    created: str(get(metadata, 'creationTimestamp', ctx)) || undefined,
    ...(notEditable ? { notEditable } : {}),
    nameSite: nameScalar ? scalarSite(nameScalar) : { start: 0, end: 0, style: 'plain' },
    immutable: immutableEmpty
      ? { site: { ...immutableEmpty, style: 'plain' }, value: undefined, empty: immutableEmpty.start === immutableEmpty.end }
      : immutableScalar
        ? { site: scalarSite(immutableScalar), value: k8sBool(String(immutableScalar.value), isPlain(immutableScalar)), empty: false }
        : undefined,
    rootSite, metadataSite, step, labels, annotations,
  }
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
    const out: Record<string, string> = Object.create(null) as Record<string, string>
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
      const s = k8sString(value as Scalar, this.scope.text)
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

/**
 * A scalar's string as Kubernetes reads it. One difference from the yaml
 * package: a block scalar that runs to the end of a file with no final line
 * break has no final line break in its value for goyaml (and the YAML spec);
 * the yaml package adds one.
 */
function k8sString(s: Scalar, text: string): string {
  const value = String(s.value)
  const block = s.type === 'BLOCK_LITERAL' || s.type === 'BLOCK_FOLDED'
  if (block && value.endsWith('\n') && (s.range?.[1] ?? 0) >= text.length && !text.endsWith('\n')) return value.slice(0, -1)
  return value
}

function valueKind(node: Node | null): K8sScalarKind | 'map' | 'list' {
  if (node === null) return 'null'
  if (isMap(node)) return 'map'
  if (isSeq(node)) return 'list'
  if (!isScalar(node)) return 'null'
  return k8sScalarKind(String(node.value), isPlain(node), node.tag)
}

function article(kind: string): string {
  const words: Record<string, string> = { bool: 'a boolean', int: 'an integer', float: 'a number', null: 'null', map: 'a map', list: 'a list', binary: 'bytes (a !!binary tag)' }
  return words[kind] ?? kind
}

/** Kubernetes' IsConfigMapKey, which Secrets share. */
export function dataKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'is empty'
  if (key.length > 253) return 'is longer than 253 characters'
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) return 'may contain only letters, digits, "-", "_" and "."'
  if (key === '.' || key === '..') return `must not be "${key}"`
  if (key.startsWith('..')) return 'must not start with ".."'
  return undefined
}

function mapBytes(m: Record<string, string>): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>
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
  if (isExplicitKey(text, pair)) return UNEDITABLE
  const value = pair.value
  if (isScalar(value) || value === null) {
    const empty = emptyValueSite(text, pair)
    if (!empty) return UNEDITABLE
    const json = isScalar(pair.key) && pair.key.type === 'QUOTE_DOUBLE'
    return {
      site: { offset: empty.start, end: empty.end, mode: 'replace-empty', flow: true, json, multiline: false, emptyFlow: true, indent: '', eol: eolAt(text, empty.start) },
      entries: new Map(),
    }
  }
  const map = mapOf(value, ctx)
  if (!map || map !== value) return UNEDITABLE
  const found = new Map<string, EntrySite>()
  for (const p of map.items) {
    if (!isPair(p)) continue
    if (isExplicitKey(text, p)) return UNEDITABLE
    const k = str(p.key)
    if (k === undefined) continue
    // cmhash's own entries must be plain scalars it can edit; other entries
    // are recorded when they are (options may ask for gitops annotations).
    const v = p.value
    if (!isScalar(v) || v.tag || v.anchor) {
      if (k.startsWith('cmhash.dev/')) return UNEDITABLE
      continue
    }
    found.set(k, { ...scalarSite(v), value: String(v.value), plain: isPlain(v), empty: emptyValueSite(text, p) })
  }
  return { site: firstPairSite(text, map, pair), entries: found }
}

/**
 * Where a value written as nothing (`key:`), `~` or `null` can be replaced:
 * after the colon for nothing (so a comment on the line stays after it),
 * over the word otherwise. Undefined for anything else, or a tagged value.
 */
function emptyValueSite(text: string, pair: Pair): { start: number; end: number } | undefined {
  const value = pair.value
  if (isScalar(value) && (value.tag || value.anchor || !isPlain(value) || k8sPlainScalarKind(String(value.value)) !== 'null')) return undefined
  if (value !== null && !isScalar(value)) return undefined
  const source = isScalar(value) ? String(value.source ?? value.value ?? '') : ''
  if (source !== '' && isScalar(value)) {
    const r = value.range!
    return { start: r[0], end: r[1] }
  }
  const keyEnd = (pair.key as Node | null)?.range?.[1]
  if (keyEnd === undefined) return undefined
  const colon = text.indexOf(':', keyEnd)
  if (colon < 0 || /[^ \t]/.test(text.slice(keyEnd, colon))) return undefined
  return { start: colon + 1, end: colon + 1 }
}

/** A pair written with the explicit-key indicator (`? key`), whose layout cmhash does not edit. */
function isExplicitKey(text: string, pair: Pair): boolean {
  let i = ((pair.key as Node | null)?.range?.[0] ?? 0) - 1
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--
  return i >= 0 && text[i] === '?'
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
