import type { ObjectFacts } from '../facts.js'
import type { CompiledTable } from '../refs/compile-table.js'
import { CLUSTER_SCOPED_KINDS } from '../refs/table.js'
import type { PruneKind, TargetKind } from '../types.js'

// --- internal ---

const BOTH: readonly TargetKind[] = ['ConfigMap', 'Secret']

/**
 * Kinds whose objects hold pod templates, found by shape wherever they are:
 * the built-in workloads and what they keep as rollout history
 * (ReplicaSets, ControllerRevisions, Jobs a CronJob made), and the custom
 * resources of presets whose operators make pods from a template.
 */
const POD_TEMPLATE_KINDS: ReadonlyArray<readonly [kind: string, group: string, preset?: string]> = [
  ['Pod', ''], ['PodTemplate', ''], ['ReplicationController', ''],
  ['Deployment', 'apps'], ['ReplicaSet', 'apps'], ['StatefulSet', 'apps'], ['DaemonSet', 'apps'], ['ControllerRevision', 'apps'],
  ['Job', 'batch'], ['CronJob', 'batch'],
  ...['Rollout', 'Experiment', 'AnalysisRun', 'AnalysisTemplate', 'ClusterAnalysisTemplate'].map(k => [k, 'argoproj.io', 'argo-rollouts'] as const),
  ...['Service', 'Configuration', 'Revision'].map(k => [k, 'serving.knative.dev', 'knative'] as const),
  ['ScaledJob', 'keda.sh', 'keda'],
]

/**
 * Every kind the live state must hold all objects of for prune to decide:
 * ConfigMaps and Secrets (the candidates), every kind that holds pod
 * templates, every kind the reference table (built-in, enabled presets'
 * and configured references) starts from, and every other kind of the
 * `desired` objects in which a reference was found (a custom resource
 * holding a pod spec or a volume list, found by shape: its live objects
 * can name old versions too); with what each can reference and whether it
 * can reference another namespace.
 */
export function pruneKindsFor(table: CompiledTable, presets: readonly string[], desired: readonly ObjectFacts[] = []): PruneKind[] {
  const kinds = new Map<string, { kind: string; group: string | undefined; targets: Set<TargetKind>; crossNamespace: boolean; resource?: string }>()
  const add = (kind: string, group: string | undefined, targets: readonly TargetKind[], crossNamespace: boolean) => {
    const key = `${kind}.${group ?? '*'}`
    let k = kinds.get(key)
    if (!k) kinds.set(key, k = { kind, group, targets: new Set(), crossNamespace: false })
    for (const t of targets) k.targets.add(t)
    if (crossNamespace || CLUSTER_SCOPED_KINDS.has(kind)) k.crossNamespace = true
    return k
  }
  add('ConfigMap', '', [], false)
  add('Secret', '', [], false)
  if (table.podSpec.length > 0) {
    for (const [kind, group, preset] of POD_TEMPLATE_KINDS) {
      if (preset === undefined || presets.includes(preset)) add(kind, group, BOTH, kind === 'ClusterAnalysisTemplate')
    }
  }
  for (const [kind, specs] of table.byKind) {
    for (const { spec } of specs) {
      const targets = typeof spec.target === 'string' ? [spec.target] : BOTH
      const crossNamespace = spec.namespaceKey !== undefined || spec.format === 'namespaced-name' || spec.anyNamespace === true
      const groups = typeof spec.on === 'object' ? spec.on.groups : undefined
      for (const group of groups ?? [undefined]) add(kind, group, targets, crossNamespace)
    }
  }
  const found = new Set<string>()
  for (const o of desired) {
    const key = `${o.kind}.${o.group}`
    if (o.refs.length === 0 || kinds.has(`${o.kind}.*`) || (kinds.has(key) && !found.has(key))) continue
    found.add(key)
    // A pod spec or a volume list can name either target. The plural is the
    // CRD's to choose; kubectl takes the singular: the kind in lower case.
    add(o.kind, o.group, BOTH, o.namespace === undefined || o.refs.some(r => r.namespace !== o.namespace))
      .resource = o.group ? `${o.kind.toLowerCase()}.${o.group}` : o.kind.toLowerCase()
  }
  return [...kinds.values()].map(k => ({
    kind: k.kind,
    ...(k.group !== undefined ? { group: k.group } : {}),
    resource: k.resource ?? resourceName(k.kind, k.group),
    targets: BOTH.filter(t => k.targets.has(t)),
    crossNamespace: k.crossNamespace,
  }))
}

/**
 * Whether a name as `kubectl get` takes it (`pods`, `pod`,
 * `replicasets.apps`, `rollout.argoproj.io`) names this kind: its plural or
 * singular resource, with its group (none for the core group).
 */
export function namesKind(name: string, kind: PruneKind): boolean {
  const dot = name.indexOf('.')
  const resource = (dot < 0 ? name : name.slice(0, dot)).toLowerCase()
  const group = dot < 0 ? '' : name.slice(dot + 1)
  if (kind.group !== undefined && group !== kind.group) return false
  return resource === kind.kind.toLowerCase() || resource === plural(kind.kind)
}

/** `replicasets.apps`, `pods`: the plural resource as kubectl guesses it from the kind, with the group. */
function resourceName(kind: string, group: string | undefined): string {
  return group ? `${plural(kind)}.${group}` : plural(kind)
}

/**
 * The plural resource name of a kind: its lower case with English plural
 * rules, as every kind prune needs spells it (Kubernetes' own guess,
 * meta.UnsafeGuessKindToResource, would say "gatewaies").
 */
function plural(kind: string): string {
  const k = kind.toLowerCase()
  if (/(s|x|ch|sh)$/.test(k)) return `${k}es`
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`
  return `${k}s`
}
