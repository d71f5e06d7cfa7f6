import type { YAMLMap } from 'yaml'
import type { ResourceRef } from '../errors.js'
import type { ObjectFacts, RefSite } from '../facts.js'
import { findPossibleReferences } from '../refs/find-possible-references.js'
import { findReferences } from '../refs/find-references.js'
import { interpretReference } from '../refs/interpret-reference.js'
import { CLUSTER_SCOPED_KINDS } from '../refs/table.js'
import type { Reporter } from '../report/reporter.js'
import { getPair, get, mapOf, str, type ReadContext } from '../yaml/read-context.js'
import { readTarget } from './read-target.js'
import type { DocScope, ReadOptions } from './scope.js'

// --- internal ---

const NONE: readonly RefSite[] = []
const NO_OFFSETS: ReadonlySet<number> = new Set()

/**
 * The facts of one Kubernetes object: its identity, the references it
 * makes, and, for a ConfigMap or Secret, what hashing and renaming it needs.
 * `defaults` are a List's: its items' kind (for typed lists) and apiVersion.
 */
export function readObject(
  map: YAMLMap, defaults: { itemKind?: string | undefined; apiVersion?: string },
  scope: DocScope, ctx: ReadContext, options: ReadOptions, report: Reporter, out: ObjectFacts[],
): void {
  const kind = str(get(map, 'kind', ctx)) ?? defaults.itemKind
  const apiVersion = str(get(map, 'apiVersion', ctx)) ?? defaults.apiVersion
  if (!kind || !apiVersion) return
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''
  const metadata = mapOf(getPair(map, 'metadata', ctx)?.value, ctx)
  const name = metadata ? str(get(metadata, 'name', ctx)) || undefined : undefined
  if (name === undefined && !(metadata && str(get(metadata, 'generateName', ctx)))) {
    report.warn('NOT_A_RESOURCE', {
      message: `${kind} has no metadata.name, so kubectl refuses it and nothing can reference it; passed through unchanged`,
      at: { ...scope, offset: map.range?.[0] ?? scope.start },
    })
  }
  const clusterScoped = CLUSTER_SCOPED_KINDS.has(kind)
  const namespace = clusterScoped
    ? undefined
    : (metadata && str(get(metadata, 'namespace', ctx))) || options.defaultNamespace
  const offset = map.range?.[0] ?? scope.start
  const resource: ResourceRef = namespace === undefined ? { kind, name: name ?? '' } : { kind, namespace, name: name ?? '' }
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1)
  const hits = findReferences(map, kind, group, version, options.table, ctx)
  // Kept for the whole build: no room left by push(), one empty list for all.
  let refs: readonly RefSite[] = NONE
  if (hits.length > 0) {
    const found: RefSite[] = []
    for (const hit of hits) {
      const ref = interpretReference(hit, namespace, clusterScoped, ctx)
      if (ref) found.push(ref)
    }
    if (found.length > 0) refs = found.slice()
  }
  const possibleRefs = findPossibleReferences(map, kind, group, refs.length === 0 ? NO_OFFSETS : new Set(refs.map(r => r.site.start)), ctx)
  const isTarget = group === '' && apiVersion === 'v1' && (kind === 'ConfigMap' || kind === 'Secret')
  const target = isTarget && name && metadata
    ? readTarget(map, metadata, kind, name, resource, scope, ctx, report, options.keepValues === true, options.entryKeys)
    : undefined
  out.push({ file: scope.file, offset, group, kind, name, namespace, refs, possibleRefs, target })
}
