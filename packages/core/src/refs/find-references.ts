// The one walker that follows the reference table: from each object's root
// for its kind's entries, and from every pod spec found by shape.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml'
import type { ReferenceSpec } from '../types.js'
import { AliasLimitError, deref, entries, get, getPair, str, type ReadContext } from '../yaml/read-context.js'
import { trieOf, type CompiledSpec, type CompiledTable, type SpecTrie } from './compile-table.js'
import { ENV_FROM_SOURCES, ENV_VALUE_SOURCES, VOLUME_SOURCES } from './pod-spec-fields.js'
import { interner } from '../text/intern.js'
import { sortSmall } from '../text/compare.js'

// --- internal ---

/** One reference found in an object: the scalar that names the target, and where it is. */
export interface RefHit {
  readonly spec: ReferenceSpec
  /** The scalar holding the name (or `namespace/name`). */
  readonly scalar: Scalar
  /** The map in which the name's key stands; `optional`, `namespaceKey` and `where` are read from it. */
  readonly holder: YAMLMap
  /** The field, from the object's root: `spec.template.spec.volumes[0].configMap.name`. */
  readonly path: string
  /**
   * How the name was reached: written here; written as an alias (`name:
   * *x`, whose own text can be replaced); or inside a node reached through
   * an alias, so the text is shared with the anchor's other uses.
   */
  readonly via: 'direct' | { readonly alias: Node } | 'shared'
  /** The offsets of the aliases (and merge-key aliases) crossed on the way, outermost first. */
  readonly aliases: readonly number[]
}

/**
 * Every reference in one object: the table's entries for its kind from its
 * root, the pod-spec entries at every pod spec inside it, found by shape (a
 * map with a `containers` list), and the volume entries at every list of
 * volumes outside a pod spec, found by shape, so that custom resources
 * embedding pod templates or volumes need no configuration. A name found by
 * several entries counts once, for the first: an entry for the kind before
 * one found by shape.
 */
export function findReferences(
  root: YAMLMap, kind: string, group: string, version: string, table: CompiledTable, ctx: ReadContext,
): RefHit[] {
  const numbered: Numbered[] = []
  for (const c of table.byKind.get(kind) ?? []) {
    const on = c.spec.on
    if (typeof on === 'object' && on.groups && !on.groups.includes(group)) continue
    if (typeof on === 'object' && on.versions && !on.versions.includes(version)) continue
    if (c.spec.whenAnnotated && !hasAnnotation(root, c.spec.whenAnnotated, ctx)) continue
    walkTrie(root, alone(c), [], numbered, ctx, NONE)
  }
  const hits = numbered.map(([, hit]) => hit)
  numbered.length = 0
  if ((table.podSpec.length > 0 || table.volumeList.length > 0 || table.envHolder.length > 0) && !SHAPELESS_KINDS.has(kind)) {
    const byShape: RefHit[] = []
    findByShape(root, [], ctx, (found, path, aliases) => {
      // One walk for all of the shape's entries (walkTrie leaves `path` as
      // it found it), its hits then in the order of the entries, as a walk
      // per entry would give them.
      walkTrie(found.node, table.tries[found.kind], path, numbered, ctx, aliases)
      for (const [, hit] of sortSmall(numbered, (a, b) => a[0] - b[0])) byShape.push(hit)
      numbered.length = 0
    })
    hits.push(...notFoundIn(hits, byShape))
  }
  return hits
}

// --- internal ---

/** Kinds that hold no pod spec but can be large or look like one (CRD schemas). */
const SHAPELESS_KINDS = new Set(['ConfigMap', 'Secret', 'CustomResourceDefinition'])

const NONE: readonly number[] = []

/** The aliases crossed so far, plus `node` when it is one. */
function through(aliases: readonly number[], node: unknown): readonly number[] {
  return isAlias(node) ? [...aliases, node.range?.[0] ?? 0] : aliases
}

/** Whether a pair of `list` (the map's entries) is the map's own, not brought by a merge key: always, when the entries are its own list. */
function own(map: YAMLMap, list: readonly Pair[], pair: Pair): boolean {
  return list === map.items || map.items.includes(pair)
}

/** The aliases a map's merge keys (`<<: *a`, `<<: [*a, *b]`) name: where its merged pairs come from. */
function mergeAliases(map: YAMLMap): number[] {
  const out: number[] = []
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key) || str(item.key) !== '<<') continue
    const v = item.value
    for (const a of isSeq(v) ? v.items : [v]) if (isAlias(a)) out.push(a.range?.[0] ?? 0)
  }
  return out
}

// A kind's entry, walked as a trie of its own: made the first time an object
// of its kind is read (not at start-up, for the thousand entries most inputs
// never meet).
const alones = new WeakMap<CompiledSpec, SpecTrie>()

function alone(c: CompiledSpec): SpecTrie {
  let t = alones.get(c)
  if (!t) alones.set(c, t = trieOf([c]))
  return t
}

/** A hit and the number of the entry that found it. */
type Numbered = [number, RefHit]

/**
 * Walks from `node` along every entry of a trie at once (a kind's entry is
 * a trie of its own): each key is looked up once for all the entries that
 * go through it. Hits come with their entry's number.
 */
function walkTrie(node: unknown, t: SpecTrie, path: string[], hits: Numbered[], ctx: ReadContext, aliases: readonly number[]): void {
  const n = deref(node, ctx)
  const sharedHere = through(aliases, node)
  if (path.length > MAX_DEPTH) throw new AliasLimitError((n)?.range?.[0] ?? 0)
  if (isSeq(n)) {
    for (let idx = 0; idx < n.items.length; idx++) {
      path.push(indexKey(idx))
      walkTrie(n.items[idx], t, path, hits, ctx, sharedHere)
      path.pop()
    }
    return
  }
  if (!isMap(n)) return
  for (const [key, next] of t.literal) {
    const pair = getPair(n, key, ctx)
    if (pair) stepTrie(n, key, pair, next, path, hits, ctx, n.items.includes(pair) ? sharedHere : [...sharedHere, ...mergeAliases(n)])
  }
  if (t.patterns.length === 0) return
  const list = entries(n, ctx)
  for (const [re, next] of t.patterns) {
    for (const pair of list) {
      const k = str(pair.key)
      if (k !== undefined && re.test(k)) stepTrie(n, k, pair, next, path, hits, ctx, own(n, list, pair) ? sharedHere : [...sharedHere, ...mergeAliases(n)])
    }
  }
}

function stepTrie(map: YAMLMap, key: string, pair: Pair, t: SpecTrie, path: string[], hits: Numbered[], ctx: ReadContext, aliases: readonly number[]): void {
  if (t.literal.size > 0 || t.patterns.length > 0) {
    path.push(pathKey(key))
    walkTrie(pair.value, t, path, hits, ctx, aliases)
    path.pop()
  }
  for (const { spec, n } of t.ends) leaf(map, key, pair, spec, n, path, hits, ctx, aliases)
}

/** The hits of an entry whose last key is `key`: its value, or each scalar of its list. */
function leaf(map: YAMLMap, key: string, pair: Pair, c: CompiledSpec, n: number, path: string[], hits: Numbered[], ctx: ReadContext, aliases: readonly number[]): void {
  const value = deref(pair.value, ctx)
  if (isSeq(value)) {
    const here = path.join('') + pathKey(key)
    const listAliases = through(aliases, pair.value)
    value.items.forEach((item, idx) => {
      const s = deref(item, ctx)
      if (!isScalar(s)) return
      const via = listAliases.length > 0 ? 'shared' : isAlias(item) ? { alias: item } : 'direct'
      hits.push([n, { spec: c.spec, scalar: s, holder: map, path: interned(trimDot(`${here}[${idx}]`)), via, aliases: listAliases }])
    })
  } else {
    // Dereferenced again, as the alias budget has always counted it.
    const raw = pair.value
    const s = deref(raw, ctx)
    if (!isScalar(s)) return
    const via = aliases.length > 0 ? 'shared' : isAlias(raw) ? { alias: raw } : 'direct'
    hits.push([n, { spec: c.spec, scalar: s, holder: map, path: interned(trimDot(path.join('') + pathKey(key))), via, aliases }])
  }
}

/** Deeper than any real manifest; reached only through recursive aliases. */
const MAX_DEPTH = 200

function hasAnnotation(root: YAMLMap, keys: readonly string[], ctx: ReadContext): boolean {
  const metadata = get(root, 'metadata', ctx)
  const annotations = isMap(metadata) ? get(metadata, 'annotations', ctx) : null
  return isMap(annotations) && keys.some(k => getPair(annotations, k, ctx) !== undefined)
}

/**
 * A pod spec (a map with a `containers` list of maps), a list of volumes
 * outside one, or a map outside one holding a container's env (see isEnvHolder).
 */
interface Shape {
  readonly kind: 'podSpec' | 'volumeList' | 'envHolder'
  readonly node: YAMLMap | YAMLSeq
}

/**
 * Finds pod specs, volume lists and env holders anywhere in an object,
 * except under the root's `status` (written by controllers). Does not look
 * inside a pod spec or a volume list (a pod spec's volumes are its own); an
 * env holder's other fields are looked through (a volume list beside it).
 */
function findByShape(
  node: unknown, path: string[], ctx: ReadContext, found: (shape: Shape, path: string[], aliases: readonly number[]) => void,
  aliases: readonly number[] = NONE,
): void {
  const n = deref(node, ctx)
  const sharedHere = through(aliases, node)
  if (path.length > MAX_DEPTH) throw new AliasLimitError((n)?.range?.[0] ?? 0)
  if (isSeq(n)) {
    if (isVolumeList(n, ctx)) {
      found({ kind: 'volumeList', node: n }, path, sharedHere)
      return
    }
    for (let idx = 0; idx < n.items.length; idx++) {
      const item = n.items[idx]
      if (isScalar(item)) continue
      path.push(indexKey(idx))
      findByShape(item, path, ctx, found, sharedHere)
      path.pop()
    }
    return
  }
  if (!isMap(n)) return
  const containers = get(n, 'containers', ctx)
  if (isSeq(containers) && (containers.items.length === 0 || isMap(deref(containers.items[0], ctx)))) {
    found({ kind: 'podSpec', node: n }, path, sharedHere)
    return
  }
  const envHolder = isEnvHolder(n, ctx)
  if (envHolder) found({ kind: 'envHolder', node: n }, path, sharedHere)
  const list = entries(n, ctx)
  for (const pair of list) {
    if (isScalar(pair.value)) continue
    const key = str(pair.key)
    if (key === undefined || (key === 'status' && path.length === 0)) continue
    if (envHolder && (key === 'env' || key === 'envFrom')) continue
    path.push(pathKey(key))
    findByShape(pair.value, path, ctx, found, own(n, list, pair) ? sharedHere : [...sharedHere, ...mergeAliases(n)])
    path.pop()
  }
}

/**
 * Some entry is a map with a string `name` and a volume source whose value
 * is a map (`secret: {secretName: x}`). Not every entry: Tekton workspace
 * bindings mix volume sources with `volumeClaimTemplate`.
 */
function isVolumeList(seq: YAMLSeq, ctx: ReadContext): boolean {
  return seq.items.some(item => {
    const m = deref(item, ctx)
    if (!isMap(m) || !isScalar(get(m, 'name', ctx))) return false
    return entries(m, ctx).some(p => {
      const k = str(p.key)
      return k !== undefined && VOLUME_SOURCES.has(k) && isMap(deref(p.value, ctx))
    })
  })
}

/**
 * A map with an `env` list of which some EnvVar takes its value from a
 * ConfigMap or Secret (`valueFrom: {configMapKeyRef: {…}}`), or an `envFrom`
 * list of which some entry is a `configMapRef` or `secretRef` map: core
 * types no other field has, wherever a custom resource embeds a container
 * on its own (a Chaos Mesh Workflow task's `container`) or passes env on.
 */
function isEnvHolder(map: YAMLMap, ctx: ReadContext): boolean {
  const has = (m: unknown, keys: readonly string[]) => isMap(m) && keys.some(k => isMap(get(m, k, ctx)))
  const env = get(map, 'env', ctx)
  if (isSeq(env) && env.items.some(item => {
    const m = deref(item, ctx)
    return isMap(m) && has(get(m, 'valueFrom', ctx), ENV_VALUE_SOURCES)
  })) return true
  const envFrom = get(map, 'envFrom', ctx)
  return isSeq(envFrom) && envFrom.items.some(item => has(deref(item, ctx), ENV_FROM_SOURCES))
}

/** The hits found by shape on a name that no entry for the kind has already found (a preset that lists the same field). */
function notFoundIn(byKind: readonly RefHit[], byShape: readonly RefHit[]): RefHit[] {
  if (byKind.length === 0) return [...byShape]
  const seen = new Set(byKind.map(h => h.scalar))
  return byShape.filter(h => !seen.has(h.scalar))
}

// `[0]`, `[1]`...: one string each, for the paths of every walk.
const INDEX_KEYS: string[] = []

/** `[i]`, a list index in a path. */
export function indexKey(i: number): string {
  return INDEX_KEYS[i] ??= `[${i}]`
}

function pathKey(key: string): string {
  return isIdentifier(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}

/** Matches /^[A-Za-z_$][\w$-]*$/ without a RegExp: this runs for every key walked. */
export function isIdentifier(key: string): boolean {
  if (key.length === 0) return false
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36
    if (!letter && (i === 0 || !((c >= 48 && c <= 57) || c === 45))) return false
  }
  return true
}

// The same paths recur in every object of a kind: one string each, kept
// with the facts of every reference.
const interned = interner(10_000)

function trimDot(s: string): string {
  return s.startsWith('.') ? s.slice(1) : s
}
