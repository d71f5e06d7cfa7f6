// Which old ConfigMap/Secret versions can go: every live object cmhash
// manages that is not desired, not referenced by anything live (Pods,
// ReplicaSets kept as rollout history, ControllerRevisions, Jobs, CronJobs,
// PersistentVolumes, custom resources), and not among the newest few
// versions of its name. Every doubt ends in "keep" or in a refusal.
import { analyze, asInputs, settleWarnings } from '../analyze.js'
import { checkBuildArguments, checkPruneOptions } from '../check-options.js'
import { CmhashError } from '../errors.js'
import type { FileFacts } from '../facts.js'
import { resolveOptions } from '../options.js'
import { idOf } from '../read/identity.js'
import { PRESETS } from '../refs/presets/index.js'
import { compare } from '../text/compare.js'
import type { BuildInput, BuildOptions, PruneKind, PruneOptions, PruneResult, TargetKind } from '../types.js'
import { decideCandidates } from './decide-candidates.js'
import { namesKind, pruneKindsFor } from './live-kinds.js'
import { readLive } from './read-live.js'
import { renderDeletions } from './render-deletions.js'

/**
 * Decides which old versions of hashed ConfigMaps/Secrets can be deleted.
 * `live` is what `kubectl get <kinds> -A -o json` (or `-o yaml`) prints,
 * one or more files of `List`s; `desired` is anything `build` takes,
 * compared after hashing.
 *
 * A candidate (a live ConfigMap/Secret labelled `cmhash.dev/managed: "true"`)
 * is kept when it is in the desired output, when any live object references
 * it through any location of the reference table, when fewer than `keep`
 * versions of its original name in its namespace are newer (by
 * creationTimestamp), when its namespace is not in the desired input
 * (unless `allNamespaces`), or when a kind that could reference it is not
 * named in `options.liveKinds` (the resources the live state holds every
 * object of; see {@link pruneKinds}, given the same `desired`). Without `liveKinds` nothing is
 * deleted, and an `INCOMPLETE_LIVE_STATE` warning says what is missing.
 *
 * Throws {@link CmhashError} when the live state cannot be trusted: it
 * holds no objects, a file holds nothing or does not parse, a document is
 * not a `List` as kubectl writes it (YAML cut short), an object has no
 * valid creationTimestamp, or the same object appears twice with different
 * content; refuses inputs and options as `build` does (and a `keep` that is
 * not a whole number). Pure, like `build`.
 */
export function prune(live: string | readonly BuildInput[], desired: string | readonly BuildInput[], options: PruneOptions = {}): PruneResult {
  checkBuildArguments({ live, desired }, options, checkPruneOptions)
  const keep = options.keep ?? 3
  const analysis = analyze(asInputs(desired), options)
  const { files, plan, report } = analysis

  const declared = options.liveKinds ?? []
  const missing = kindsFor(options, files).filter(k => !declared.some(name => namesKind(name, k)))
  const unknown = new Map<TargetKind, string[]>((['ConfigMap', 'Secret'] as const).map(t => [t, missing.filter(k => k.targets.includes(t)).map(k => k.resource)]))
  const notHeld = missing.filter(k => k.targets.length > 0)
  if (notHeld.length > 0) {
    report.warn('INCOMPLETE_LIVE_STATE', {
      message: `the live state is not known to hold every object of ${listSome(notHeld.map(k => k.resource))}; every ${
        [...unknown].filter(([, ks]) => ks.length > 0).map(([t]) => t).join(' and every ')} they could reference is kept`,
    })
  }
  // Prune's own warnings too get the level the options set.
  settleWarnings(analysis, options)
  if (!plan || report.errors.length > 0) throw new CmhashError(report.errors)
  const { readOptions } = resolveOptions(options)
  const liveObjects = readLive(asInputs(live, '<live>'), { table: readOptions.table })

  const desiredObjects = files.flatMap(f => f.docs.flatMap(d => d.objects))
  const renamed = new Map(plan.renames.map(r => [idOf(r.kind, r.namespace, r.from), r.to]))
  const names = new Set(desiredObjects.filter(o => o.target).map(o => {
    const to = renamed.get(idOf(o.kind, o.namespace, o.name ?? '')) ?? o.name ?? ''
    return `${o.kind}\0${o.namespace ?? ''}\0${to}`
  }))
  const namespaces = new Set(desiredObjects.map(o => o.namespace).filter((ns): ns is string => ns !== undefined))

  const warnings = report.warnings.filter(w => w.code !== 'MISSING_REFERENCE')

  const candidates = decideCandidates(liveObjects, { names, namespaces }, { keep, allNamespaces: options.allNamespaces ?? false, unknown })
  const deletions = candidates.filter(c => c.verdict === 'delete')
    .map(c => ({ kind: c.kind, namespace: c.namespace, name: c.name }))
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.namespace, b.namespace) || compare(a.name, b.name))
  return {
    candidates,
    deletions,
    output: renderDeletions(deletions),
    names: deletions.map(d => `${d.kind.toLowerCase()}/${d.name} -n ${d.namespace}\n`).join(''),
    warnings,
  }
}

/**
 * The kinds the live state must hold every object of for {@link prune} to
 * decide, with these options (enabled presets, configured references) and
 * this desired input: ConfigMaps and Secrets, every kind that holds pod
 * templates (workloads, ReplicaSets, ControllerRevisions, Jobs; presets'
 * custom resources), every kind the reference table starts from
 * (PersistentVolumes, StorageClasses, ServiceAccounts, Ingresses, RBAC
 * roles, presets' custom resources), and every other kind of `desired` in
 * which `build` finds a reference (a custom resource with a pod spec or a
 * volume list, found by shape). `resource` is the name `kubectl get`
 * takes; pass the names of those the live state holds as `liveKinds`.
 *
 * Without `desired`, the kinds of the options alone: a custom resource
 * that only the desired input shows is then missing. Throws
 * {@link CmhashError} when `desired` or the options are invalid, as
 * `prune` does.
 */
export function pruneKinds(options: BuildOptions = {}, desired?: string | readonly BuildInput[]): PruneKind[] {
  checkBuildArguments(desired === undefined ? {} : { desired }, options)
  if (desired === undefined) return kindsFor(options, [])
  const { files, report } = analyze(asInputs(desired), options)
  if (report.errors.length > 0) throw new CmhashError(report.errors)
  return kindsFor(options, files)
}

// --- internal ---

function kindsFor(options: BuildOptions, desired: readonly FileFacts[]): PruneKind[] {
  const presets = PRESETS.filter(p => options.presets?.[p.name] !== false).map(p => p.name)
  return pruneKindsFor(resolveOptions(options).readOptions.table, presets, desired.flatMap(f => f.docs.flatMap(d => d.objects)))
}

function listSome(names: readonly string[]): string {
  return names.length <= 8 ? names.join(', ') : `${names.slice(0, 8).join(', ')} and ${names.length - 8} more`
}
