// Which old ConfigMap/Secret versions can go: every live object cmhash
// manages that is not desired, not referenced by anything live (Pods,
// ReplicaSets kept as rollout history, ControllerRevisions, Jobs, CronJobs,
// custom resources), and not among the newest few versions of its name.
import { build, distinctPaths, resolveOptions, type BuildInput, type BuildOptions } from './build.js'
import { CmhashError, type CmhashWarning, type ResourceRef } from './errors.js'
import type { ObjectFacts } from './_model.js'
import type { TargetKind } from './refs/table.js'
import { scanFile } from './scan.js'
import { Reporter } from './_report.js'
import { renderString } from './_render.js'

export interface PruneOptions extends BuildOptions {
  /** How many of the newest versions of each original name to keep whatever else holds; default 3. */
  readonly keep?: number
  /** Consider namespaces that the desired input does not touch too; default false. */
  readonly allNamespaces?: boolean
}

/** A live ConfigMap/Secret labelled cmhash.dev/managed: "true", and what to do with it. */
export interface PruneCandidate {
  readonly kind: TargetKind
  readonly namespace: string
  readonly name: string
  /** Annotation cmhash.dev/name (the name before hashing). */
  readonly originalName: string
  readonly created: string | undefined
  readonly verdict: 'keep' | 'delete'
  /** Why it is kept (every reason that holds), or why it may go. */
  readonly reasons: readonly string[]
}

export interface PruneResult {
  /** Every candidate, sorted by kind, namespace, original name, then newest first. */
  readonly candidates: readonly PruneCandidate[]
  /** The candidates to delete, sorted by kind, namespace and name. */
  readonly deletions: readonly ResourceRef[]
  /** The deletions as a `v1` `List` (apiVersion, kind, name and namespace only), for `kubectl delete -f -`. */
  readonly output: string
  /** The deletions as `kind/name -n namespace` lines. */
  readonly names: string
  readonly warnings: readonly CmhashWarning[]
}

/**
 * Decides which old versions of hashed ConfigMaps/Secrets can be deleted.
 * `live` is what `kubectl get configmaps,secrets,pods,replicasets,
 * controllerrevisions,jobs,cronjobs -A -o yaml` prints (any objects, Lists
 * included); `desired` is anything `build` takes, compared after hashing.
 *
 * A candidate (a live ConfigMap/Secret labelled `cmhash.dev/managed: "true"`)
 * is kept when it is in the desired output, when any live object references
 * it through any location of the reference table, or when it is among the
 * `keep` newest (by creationTimestamp; one without a timestamp is always
 * kept) of its original name in its namespace. Candidates in namespaces the
 * desired input does not touch are kept unless `allNamespaces`. Throws
 * {@link CmhashError} when the live state holds no objects, cannot be
 * parsed, or has a document that is not an object (an export cut short), so
 * a bad export never deletes anything. Pure, like `build`.
 */
export function prune(live: string | readonly BuildInput[], desired: string | readonly BuildInput[], options: PruneOptions = {}): PruneResult {
  const keep = options.keep ?? 3
  const liveInputs = distinctPaths(typeof live === 'string' ? [{ path: '<live>', content: live }] : live)
  const built = build(desired, options)
  const { scanOptions } = resolveOptions(options)

  const report = new Reporter()
  const desiredObjects = objectsOf([scanFile('<desired>', built.output, scanOptions, new Reporter())])
  const liveObjects = objectsOf(liveInputs.map(f => scanFile(f.path, f.content, scanOptions, report)))
  // A document that is not an object is most likely an export cut short
  // (kubectl writes `kind: List` last): what it held is unknown, so nothing
  // may be decided.
  for (const w of report.warnings.filter(x => x.code === 'NOT_A_RESOURCE')) {
    report.error('INVALID_LIVE_STATE', {
      message: 'a document of the live state is not a Kubernetes object (a truncated export?); refusing to propose deletions',
      ...(w.location ? { at: { file: w.location.file, text: liveInputs.find(i => i.path === w.location!.file)?.content ?? '', offset: w.location.offset } } : {}),
    })
  }
  if (report.errors.length > 0) throw new CmhashError(report.errors)
  if (liveObjects.length === 0) {
    throw new CmhashError([{ code: 'EMPTY_LIVE_STATE', message: 'the live state holds no objects; refusing to propose deletions from an empty or failed export' }])
  }

  const desiredNames = new Set(desiredObjects.filter(o => o.config).map(o => id(o.kind, o.namespace, o.name ?? '')))
  const desiredNamespaces = new Set(desiredObjects.map(o => o.namespace).filter((ns): ns is string => ns !== undefined))
  const referencedBy = new Map<string, string[]>()
  for (const o of liveObjects) {
    for (const ref of o.refs) {
      const who = `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name ?? ''} (${ref.path})`
      const namespaces = ref.namespace === undefined ? [...new Set(liveObjects.map(x => x.namespace))] : [ref.namespace]
      for (const ns of namespaces) {
        const k = id(ref.target, ns, ref.name)
        const list = referencedBy.get(k)
        if (list) list.push(who)
        else referencedBy.set(k, [who])
      }
    }
  }

  const groups = new Map<string, ObjectFacts[]>()
  for (const o of liveObjects) {
    if (!o.config?.managed || o.namespace === undefined) continue
    const k = id(o.config.kind, o.namespace, o.config.baseName)
    const list = groups.get(k)
    if (list) list.push(o)
    else groups.set(k, [o])
  }

  const candidates: PruneCandidate[] = []
  for (const group of [...groups.values()]) {
    group.sort((a, b) => compareDesc(a.config!.created ?? '', b.config!.created ?? '') || compare(a.name ?? '', b.name ?? ''))
    group.forEach((o, rank) => {
      const config = o.config!
      const ns = o.namespace!
      const reasons: string[] = []
      if (desiredNames.has(id(config.kind, ns, config.name))) reasons.push('desired')
      for (const who of referencedBy.get(id(config.kind, ns, config.name)) ?? []) reasons.push(`referenced by ${who}`)
      if (config.created === undefined) reasons.push('it has no creationTimestamp, so its age is unknown')
      else if (rank < keep) reasons.push(`one of the ${keep} newest versions of ${config.baseName}`)
      if (!options.allNamespaces && !desiredNamespaces.has(ns)) reasons.push(`namespace ${ns} is not in the desired input`)
      candidates.push({
        kind: config.kind, namespace: ns, name: config.name, originalName: config.baseName, created: config.created,
        verdict: reasons.length > 0 ? 'keep' : 'delete',
        reasons: reasons.length > 0 ? reasons : [`not desired, not referenced, older than the ${keep} newest versions of ${config.baseName}`],
      })
    })
  }
  candidates.sort((a, b) => compare(a.kind, b.kind) || compare(a.namespace, b.namespace) || compare(a.originalName, b.originalName) ||
    compareDesc(a.created ?? '', b.created ?? '') || compare(a.name, b.name))

  const deletions = candidates.filter(c => c.verdict === 'delete')
    .map(c => ({ kind: c.kind, namespace: c.namespace, name: c.name }))
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.namespace, b.namespace) || compare(a.name, b.name))
  return {
    candidates,
    deletions,
    output: renderList(deletions),
    names: deletions.map(d => `${d.kind.toLowerCase()}/${d.name} -n ${d.namespace}\n`).join(''),
    warnings: built.warnings.filter(w => w.code !== 'MISSING_REFERENCE'),
  }
}

// --- internal ---

function objectsOf(files: ReturnType<typeof scanFile>[]): ObjectFacts[] {
  return files.flatMap(f => f.docs.flatMap(d => d.objects))
}

function id(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\0${namespace ?? ''}\0${name}`
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function compareDesc(a: string, b: string): number {
  return compare(b, a)
}

function renderList(deletions: readonly ResourceRef[]): string {
  if (deletions.length === 0) return 'apiVersion: v1\nkind: List\nitems: []\n'
  const items = deletions.map(d =>
    `- apiVersion: v1\n  kind: ${d.kind}\n  metadata:\n    name: ${renderString(d.name, false)}\n    namespace: ${renderString(d.namespace ?? '', false)}\n`).join('')
  return `apiVersion: v1\nkind: List\nitems:\n${items}`
}
