import type { CompiledSpec, CompiledTable } from '../refs/compile-table.js'
import { ENV_FROM_SOURCES, ENV_VALUE_SOURCES, VOLUME_SOURCES } from '../refs/pod-spec-fields.js'
import type { ReferenceSpec, TargetKind } from '../types.js'
import type { PlainValue } from './parse-kubectl-yaml.js'

// --- internal ---

/** A reference a live object makes: the ConfigMap/Secret it names, and where. */
export interface LiveRef {
  readonly target: TargetKind
  /** Undefined: any namespace (the referrer is cluster-scoped, or the spec says so). */
  readonly namespace: string | undefined
  readonly name: string
  readonly path: string
}

/** A JSON or failsafe-YAML value: what JSON.parse or the readers give. */
export type LiveValue = PlainValue | number | boolean | null | LiveValue[] | { [key: string]: LiveValue }
type LiveMap = { [key: string]: LiveValue }

/** Deeper than any real object; an export nested deeper is refused. */
export class TooDeepError extends Error {}

/**
 * Every reference in one live object, read as the build reads references
 * (refs/find-references.ts and refs/interpret-reference.ts) but from plain
 * values: the table's entries for its kind from its root, and the pod-spec
 * entries at every pod spec found by shape. A test holds the two to the same
 * results. `namespace` is the object's (undefined: cluster-scoped).
 */
export function findLiveReferences(
  root: LiveMap, kind: string, group: string, version: string, namespace: string | undefined, table: CompiledTable,
): LiveRef[] {
  const refs: LiveRef[] = []
  const found = (c: CompiledSpec, holder: LiveMap, value: LiveValue, path: string) => {
    const ref = interpret(c.spec, holder, value, path, namespace)
    if (ref) refs.push(ref)
  }
  for (const c of table.byKind.get(kind) ?? []) {
    const on = c.spec.on
    if (typeof on === 'object' && on.groups && !on.groups.includes(group)) continue
    if (typeof on === 'object' && on.versions && !on.versions.includes(version)) continue
    if (c.spec.whenAnnotated && !hasAnnotation(root, c.spec.whenAnnotated)) continue
    walk(root, c, 0, [], found)
  }
  if ((table.podSpec.length > 0 || table.volumeList.length > 0 || table.envHolder.length > 0) && !SHAPELESS_KINDS.has(kind)) {
    // What an entry for the kind already found is not found again by shape.
    const byKind = new Set(refs.map(r => r.path))
    findByShape(root, [], (shape, path) => {
      for (const c of table[shape.kind]) {
        walk(shape.node, c, 0, path, (spec, holder, value, at) => {
          if (!byKind.has(at)) found(spec, holder, value, at)
        })
      }
    })
  }
  return refs
}

/** A string, or the text of a number or boolean (JSON); undefined for anything else. */
export function scalarText(v: LiveValue | undefined): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

export function isMap(v: LiveValue | undefined): v is LiveMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** An own property: keys such as `constructor` must not reach the prototype. */
export function field(map: LiveMap, key: string): LiveValue | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined
}

// --- internal ---

/** As in refs/find-references.ts: kinds that hold no pod spec but can look like one. */
const SHAPELESS_KINDS = new Set(['ConfigMap', 'Secret', 'CustomResourceDefinition'])
const MAX_DEPTH = 200

type Found = (c: CompiledSpec, holder: LiveMap, value: LiveValue, path: string) => void

function walk(node: LiveValue | undefined, c: CompiledSpec, i: number, path: string[], found: Found): void {
  if (path.length > MAX_DEPTH) throw new TooDeepError()
  if (Array.isArray(node)) {
    node.forEach((item, idx) => {
      path.push(`[${idx}]`)
      walk(item, c, i, path, found)
      path.pop()
    })
    return
  }
  if (!isMap(node)) return
  const key = c.keys[i]!
  if (typeof key === 'string') {
    if (Object.hasOwn(node, key)) step(node, key, c, i, path, found)
    return
  }
  for (const k of Object.keys(node)) if (key.test(k)) step(node, k, c, i, path, found)
}

function step(map: LiveMap, key: string, c: CompiledSpec, i: number, path: string[], found: Found): void {
  const value = map[key]!
  if (i < c.keys.length - 1) {
    path.push(pathKey(key))
    walk(value, c, i + 1, path, found)
    path.pop()
    return
  }
  const here = path.join('') + pathKey(key)
  if (Array.isArray(value)) {
    value.forEach((item, idx) => found(c, map, item, trimDot(`${here}[${idx}]`)))
  } else {
    found(c, map, value, trimDot(here))
  }
}

/**
 * Pod specs, volume lists and env holders anywhere in an object but the
 * root's `status`, as refs/find-references.ts finds them; not inside a pod
 * spec or a volume list.
 */
function findByShape(
  node: LiveValue | undefined, path: string[],
  onShape: (shape: { kind: 'podSpec' | 'volumeList' | 'envHolder'; node: LiveValue }, path: string[]) => void,
): void {
  if (path.length > MAX_DEPTH) throw new TooDeepError()
  if (Array.isArray(node)) {
    if (isVolumeList(node)) {
      onShape({ kind: 'volumeList', node }, [...path])
      return
    }
    node.forEach((item, idx) => {
      if (!isMap(item) && !Array.isArray(item)) return
      path.push(`[${idx}]`)
      findByShape(item, path, onShape)
      path.pop()
    })
    return
  }
  if (!isMap(node)) return
  const containers = field(node, 'containers')
  if (Array.isArray(containers) && (containers.length === 0 || isMap(containers[0]))) {
    onShape({ kind: 'podSpec', node }, [...path])
    return
  }
  const envHolder = isEnvHolder(node)
  if (envHolder) onShape({ kind: 'envHolder', node }, [...path])
  for (const key of Object.keys(node)) {
    const value = node[key]
    if (!isMap(value) && !Array.isArray(value)) continue
    if (key === 'status' && path.length === 0) continue
    if (envHolder && (key === 'env' || key === 'envFrom')) continue
    path.push(pathKey(key))
    findByShape(value, path, onShape)
    path.pop()
  }
}

/** As in refs/find-references.ts: some entry has a string `name` and a volume source whose value is a map. */
function isVolumeList(list: readonly LiveValue[]): boolean {
  return list.some(item => isMap(item) && scalarText(field(item, 'name')) !== undefined &&
    Object.keys(item).some(k => VOLUME_SOURCES.has(k) && isMap(item[k])))
}

/** As in refs/find-references.ts: an EnvVar from a ConfigMap or Secret in `env`, or an EnvFromSource in `envFrom`. */
function isEnvHolder(map: LiveMap): boolean {
  const has = (m: LiveValue | undefined, keys: readonly string[]) => isMap(m) && keys.some(k => isMap(field(m, k)))
  const env = field(map, 'env')
  if (Array.isArray(env) && env.some(item => isMap(item) && has(field(item, 'valueFrom'), ENV_VALUE_SOURCES))) return true
  const envFrom = field(map, 'envFrom')
  return Array.isArray(envFrom) && envFrom.some(item => has(item, ENV_FROM_SOURCES))
}

/** What a value at a reference location names, as refs/interpret-reference.ts reads it. */
function interpret(spec: ReferenceSpec, holder: LiveMap, raw: LiveValue, path: string, namespace: string | undefined): LiveRef | undefined {
  const value = scalarText(raw)
  if (value === undefined) return undefined
  const target = targetOf(spec, holder)
  if (!target) return undefined
  let name = value
  let targetNs = namespace === undefined || spec.anyNamespace ? undefined : namespace
  if (spec.format === 'namespaced-name' && value.includes('/')) {
    const slash = value.indexOf('/')
    name = value.slice(slash + 1)
    targetNs = value.slice(0, slash)
  }
  if (!name || isTemplated(name)) return undefined
  if (spec.where) {
    const { key, anyOf } = spec.where
    if (!anyOf) {
      if (!Object.hasOwn(holder, key)) return undefined
    } else {
      const v = field(holder, key)
      const values = Array.isArray(v) ? v.map(scalarText) : [scalarText(v)]
      if (!values.some(x => x !== undefined && anyOf.includes(x.toLowerCase()))) return undefined
    }
  }
  if (spec.namespaceKey) {
    const ns = scalarText(field(holder, spec.namespaceKey))
    if (ns && !isTemplated(ns)) targetNs = ns
    else if (ns) return undefined
  }
  return { target, namespace: targetNs, name, path }
}

function targetOf(spec: ReferenceSpec, holder: LiveMap): TargetKind | undefined {
  if (typeof spec.target === 'string') return spec.target
  const { key, groupKey } = spec.target
  if (groupKey) {
    const group = scalarText(field(holder, groupKey))
    if (group !== undefined && group !== '' && group !== 'core') return undefined
  }
  const kind = scalarText(field(holder, key)) ?? spec.target.default
  return kind === 'ConfigMap' || kind === 'Secret' ? kind : undefined
}

function hasAnnotation(root: LiveMap, keys: readonly string[]): boolean {
  const metadata = field(root, 'metadata')
  const annotations = isMap(metadata) ? field(metadata, 'annotations') : undefined
  return isMap(annotations) && keys.some(k => Object.hasOwn(annotations, k))
}

/** As in refs/interpret-reference.ts: placeholders, not names. */
function isTemplated(s: string): boolean {
  return /[${}<>%\s]/.test(s)
}

function pathKey(key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}

function trimDot(s: string): string {
  return s.startsWith('.') ? s.slice(1) : s
}
