// Which old ConfigMap/Secret versions can go: every live object cmhash
// manages that is not desired, not referenced by anything live (Pods,
// ReplicaSets kept as rollout history, ControllerRevisions, Jobs, CronJobs,
// custom resources), and not among the newest few versions of its name.
import { analyze, asInputs } from '../analyze.js'
import { checkBuildArguments, checkPruneOptions } from '../check-options.js'
import { CmhashError } from '../errors.js'
import { resolveOptions } from '../options.js'
import { idOf } from '../read/identity.js'
import { compare } from '../text/compare.js'
import type { BuildInput, PruneOptions, PruneResult } from '../types.js'
import { decideCandidates } from './decide-candidates.js'
import { readLive } from './read-live.js'
import { renderDeletions } from './render-deletions.js'

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
 * a bad export never deletes anything; refuses inputs and options as
 * `build` does (and a `keep` that is not a whole number). Pure, like `build`.
 */
export function prune(live: string | readonly BuildInput[], desired: string | readonly BuildInput[], options: PruneOptions = {}): PruneResult {
  checkBuildArguments({ live, desired }, options, checkPruneOptions)
  const keep = options.keep ?? 3
  const { files, plan, report } = analyze(asInputs(desired), options)
  if (!plan || report.errors.length > 0) throw new CmhashError(report.errors)
  const liveObjects = readLive(asInputs(live, '<live>'), resolveOptions(options).readOptions)

  const desiredObjects = files.flatMap(f => f.docs.flatMap(d => d.objects))
  const renamed = new Map(plan.renames.map(r => [idOf(r.kind, r.namespace, r.from), r.to]))
  const names = new Set(desiredObjects.filter(o => o.target).map(o => {
    const id = idOf(o.kind, o.namespace, o.name ?? '')
    const to = renamed.get(id)
    return to === undefined ? id : idOf(o.kind, o.namespace, to)
  }))
  const namespaces = new Set(desiredObjects.map(o => o.namespace).filter((ns): ns is string => ns !== undefined))

  const candidates = decideCandidates(liveObjects, { names, namespaces }, keep, options.allNamespaces ?? false)
  const deletions = candidates.filter(c => c.verdict === 'delete')
    .map(c => ({ kind: c.kind, namespace: c.namespace, name: c.name }))
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.namespace, b.namespace) || compare(a.name, b.name))
  return {
    candidates,
    deletions,
    output: renderDeletions(deletions),
    names: deletions.map(d => `${d.kind.toLowerCase()}/${d.name} -n ${d.namespace}\n`).join(''),
    warnings: report.warnings.filter(w => w.code !== 'MISSING_REFERENCE'),
  }
}
