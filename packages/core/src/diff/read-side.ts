// One side of a diff: its build, re-read the way prune re-reads a build
// (scanned facts of the output: identities, names, ConfigMap/Secret values
// as Kubernetes reads them), and each object's content as JSON for telling
// whether it changed.
import { build } from '../build.js'
import { resolveOptions } from '../options.js'
import type { BuildInput, BuildOptions, BuildResult } from '../types.js'
import { toJsonList } from '../lists.js'
import type { ObjectFacts } from '../facts.js'
import type { Rename } from '../types.js'
import { CLUSTER_SCOPED_KINDS } from '../refs/table.js'
import { Reporter } from '../report/reporter.js'
import { readStream } from '../read/read-stream.js'
import { NAME_ANNOTATION } from '../constants.js'

// --- internal ---

export interface Side {
  readonly result: BuildResult
  /** Every named object of the output, by {@link identityOf}. */
  readonly objects: ReadonlyMap<string, ObjectFacts>
  /** The hashed ConfigMaps/Secrets, by identity. */
  readonly renames: ReadonlyMap<string, Rename>
  /** `kind\0namespace\0name` of every object, for "is this referrer on the other side too?". */
  readonly present: ReadonlySet<string>
  /** Each object's content as JSON, with hashed names replaced by their identity; by identity. */
  readonly content: ReadonlyMap<string, string>
}

/** Builds one side (throws the build's CmhashError) and indexes its output. */
export function readSide(input: readonly BuildInput[], options: BuildOptions): Side {
  const result = build(input, options)
  const { readOptions } = resolveOptions(options)
  const facts = readStream('<output>', result.output, { ...readOptions, keepValues: true }, new Reporter())
  const objects = new Map<string, ObjectFacts>()
  const present = new Set<string>()
  const hashed = new HashedNames()
  for (const o of facts.docs.flatMap(d => d.objects)) {
    if (o.name === undefined) continue
    objects.set(unique(objects, identityOf(o.group, o.kind, o.namespace, o.target?.originalName ?? o.name)), o)
    present.add(`${o.kind}\0${o.namespace ?? ''}\0${o.name}`)
    if (o.target && o.target.name !== o.target.originalName) hashed.add(o.namespace ?? '', o.target.name, `${o.kind}/${o.namespace}/${o.target.originalName}`)
  }
  const renames = new Map<string, Rename>()
  for (const r of result.renames) renames.set(unique(renames, identityOf('', r.kind, r.namespace, r.originalName)), r)
  const content = new Map<string, string>()
  const list = JSON.parse(toJsonList(result.output)) as { items?: unknown[] }
  for (const item of list.items ?? []) {
    const id = jsonIdentity(item, readOptions.defaultNamespace)
    if (id === undefined) continue
    // A ConfigMap's or Secret's values are compared key by key, as stored
    // (compare-keys.ts): the same bytes in data or stringData are equal.
    const { data: _d, binaryData: _b, stringData: _s, ...rest } = item as Record<string, unknown>
    content.set(unique(content, id.key), canonical(hashed.normalize(id.config ? rest : item, id.namespace)))
  }
  return { result, objects, renames, present, content }
}

/** How objects are matched across sides: API group, kind, namespace and (original) name. */
function identityOf(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}\0${kind}\0${namespace ?? ''}\0${name}`
}

/** The same identity read from an object's JSON (as scan reads it from YAML). */
function jsonIdentity(item: unknown, defaultNamespace: string): { key: string; namespace: string; config: boolean } | undefined {
  if (!isObject(item) || typeof item.kind !== 'string' || typeof item.apiVersion !== 'string') return undefined
  const metadata = isObject(item.metadata) ? item.metadata : {}
  const name = scalar(metadata.name)
  if (!name) return undefined
  const { apiVersion, kind } = item
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''
  const namespace = CLUSTER_SCOPED_KINDS.has(kind) ? undefined : scalar(metadata.namespace) || defaultNamespace
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {}
  const config = apiVersion === 'v1' && (kind === 'ConfigMap' || kind === 'Secret')
  const original = config ? scalar(annotations[NAME_ANNOTATION]) || name : name
  return { key: identityOf(group, kind, namespace, original), namespace: namespace ?? '', config }
}

/** A second object with the same identity (invalid input the build let through) gets its own key. */
function unique(m: ReadonlyMap<string, unknown>, key: string): string {
  let k = key
  for (let n = 2; m.has(k); n++) k = `${key}\0${n}`
  return k
}

/**
 * The hashed names of one side. In an object's JSON, a string that is one of
 * them (or `namespace/name`) is replaced by the ConfigMap/Secret's identity,
 * so that an object whose only difference is the new name of something it
 * references compares equal.
 */
class HashedNames {
  private readonly byNamespace = new Map<string, string>()
  private readonly byName = new Map<string, string | null>()

  add(namespace: string, name: string, token: string): void {
    this.byNamespace.set(`${namespace}\0${name}`, token)
    const seen = this.byName.get(name)
    this.byName.set(name, seen === undefined || seen === token ? token : null)
  }

  normalize(value: unknown, namespace: string): unknown {
    if (typeof value === 'string') return this.token(value, namespace) ?? value
    if (Array.isArray(value)) return value.map(v => this.normalize(v, namespace))
    if (!isObject(value)) return value
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = this.normalize(v, namespace)
    return out
  }

  private token(s: string, namespace: string): string | undefined {
    const slash = s.indexOf('/')
    if (slash > 0) {
      const t = this.byNamespace.get(`${s.slice(0, slash)}\0${s.slice(slash + 1)}`)
      return t === undefined ? undefined : `\0${t}`
    }
    const t = this.byNamespace.get(`${namespace}\0${s}`) ?? this.byName.get(s)
    return t ? `\0${t}` : undefined
  }
}

/** JSON with keys sorted, so key order does not count. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (!isObject(value)) return JSON.stringify(value)
  const keys = Object.keys(value).sort()
  return `{${keys.map(k => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function scalar(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : ''
}
