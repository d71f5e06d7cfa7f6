import { isMap, isSeq, type YAMLMap } from 'yaml'
import type { RefSite } from '../facts.js'
import { scalarSite } from '../read/edit-sites.js'
import type { ReferenceSpec, TargetKind } from '../types.js'
import { deref, get, getPair, isOptional, scalarText, str, type ReadContext } from '../yaml/read-context.js'
import type { RefHit } from './find-references.js'

// --- internal ---

/**
 * What a reference found by the walker means: the kind, namespace and name
 * it names, read as its spec says (`target`, `format`, `namespaceKey`,
 * `anyNamespace`, `where`); undefined when the spec's conditions rule it
 * out or the value is a placeholder.
 */
export function interpretReference(hit: RefHit, namespace: string | undefined, clusterScoped: boolean, ctx: ReadContext): RefSite | undefined {
  const { spec, scalar, holder } = hit
  const target = targetOf(spec, holder, ctx)
  if (!target) return undefined
  const value = scalarText(scalar)
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
    const { key, anyOf } = spec.where
    if (!anyOf) {
      if (!getPair(holder, key, ctx)) return undefined
    } else {
      const v = deref(get(holder, key, ctx), ctx)
      const values = isSeq(v) ? v.items.map(i => str(deref(i, ctx))) : [str(v)]
      if (!values.some(x => x !== undefined && anyOf.includes(x.toLowerCase()))) return undefined
    }
  }
  if (spec.namespaceKey) {
    const ns = str(get(holder, spec.namespaceKey, ctx))
    if (ns && !isTemplated(ns)) targetNs = ns
    else if (ns) return undefined
  }
  const optional = isOptional(holder, ctx)
  const site = typeof hit.via === 'object'
    ? { start: hit.via.alias.range?.[0] ?? 0, end: hit.via.alias.range?.[1] ?? 0, style: 'plain' as const }
    : scalarSite(scalar, ctx.text)
  const found = spec.keyPath ? keysAt(holder, spec.keyPath.split('/'), ctx) : NO_KEYS
  const keys = found.length === 0 ? NO_KEYS : found
  return { spec, target, name, namespace: targetNs, optional, prefix, site, shared: hit.via === 'shared', aliases: hit.aliases, path: hit.path, keys }
}

// Kept with every reference: one empty list for all.
const NO_KEYS: RefSite['keys'] = []

/** The string values at `keys` from `node`, lists walked implicitly (`items/key`), with their paths (`items[1].key`). */
function keysAt(node: unknown, keys: readonly string[], ctx: ReadContext, path = ''): Array<{ key: string; offset: number; path: string }> {
  const n = deref(node, ctx)
  if (isSeq(n)) return n.items.flatMap((item, i) => keysAt(item, keys, ctx, `${path}[${i}]`))
  if (!isMap(n)) return []
  const [first, ...rest] = keys
  const value = deref(getPair(n, first!, ctx)?.value, ctx)
  const here = path ? `${path}.${first!}` : first!
  if (rest.length > 0) return keysAt(value, rest, ctx, here)
  const key = str(value)
  return key === undefined || key === '' ? [] : [{ key, offset: value?.range?.[0] ?? 0, path: here }]
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
