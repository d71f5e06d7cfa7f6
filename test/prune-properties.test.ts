// Property tests (fast-check) for cmhash prune, over random live states:
// versions of several ConfigMaps and Secrets in two namespaces with random
// (often equal) creationTimestamps, and objects of every kind that uses
// them: Pods, Deployments, ReplicaSets (some at zero replicas), StatefulSets
// and their ControllerRevisions, DaemonSets, CronJobs and the Jobs they
// left, ReplicationControllers, PodTemplates, Argo Rollouts,
// PersistentVolumes, StorageClasses, ServiceAccounts, Ingresses.
//
// 1. prune never proposes a version that is desired, referenced by any live
//    object (as the model says, not as cmhash's table says), among the
//    newest --keep of its name, unmanaged, or (without --all-namespaces) in
//    a namespace the desired input does not touch;
// 2. its answer does not depend on how the export is split into files,
//    ordered, written (JSON, kubectl's YAML, other YAML) or duplicated.
//
// CI runs a short budget; `pnpm fuzz` a long one (CMHASH_FUZZ_RUNS). Replay
// a failure with CMHASH_FC_SEED=<seed> CMHASH_FC_PATH=<path>.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Document } from 'yaml'
import { build, prune, pruneKinds, type BuildInput, type PruneResult } from '@cmhash/core'
import { fuzzParams, fuzzRuns } from './_utils/fuzz.js'

const RUNS = fuzzRuns()
const params = (runs = RUNS) => fuzzParams(runs)
const ALL = pruneKinds().map(k => k.resource)

// --- the model ---

type Target = 'ConfigMap' | 'Secret'
const NAMESPACES = ['shop', 'other'] as const
const ORIGINALS: ReadonlyArray<readonly [Target, string]> = [['ConfigMap', 'web-config'], ['ConfigMap', 'queue-config'], ['Secret', 'db-credentials']]
const USERS = ['Pod', 'Deployment', 'ReplicaSet', 'ReplicaSet0', 'StatefulSet', 'ControllerRevision', 'DaemonSet', 'CronJob', 'Job',
  'ReplicationController', 'PodTemplate', 'Rollout', 'PersistentVolume', 'StorageClass', 'ServiceAccount', 'Ingress'] as const
type User = typeof USERS[number]

interface Version { target: Target; ns: string; original: string; name: string; created: string; managed: boolean }
interface Use { user: User; ns: string; version: number }
interface Model { versions: Version[]; uses: Use[]; desired: Array<[Target, string]>; keep: number; allNamespaces: boolean }

const suffix = fc.stringMatching(/^[bcdfghkmt2-9]{10}$/)
// Few distinct days, so that versions often share a creationTimestamp.
const created = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 })).map(([d, h]) => `2026-10-0${d}T0${h}:00:00Z`)

const modelArb: fc.Arbitrary<Model> = fc.uniqueArray(
  fc.record({ which: fc.nat(ORIGINALS.length - 1), ns: fc.constantFrom(...NAMESPACES), suffix, created, managed: fc.nat(5).map(n => n > 0) }),
  { minLength: 1, maxLength: 14, selector: v => `${v.which}/${v.ns}/${v.suffix}` },
).chain(raw => {
  const versions: Version[] = raw.map(v => {
    const [target, original] = ORIGINALS[v.which]!
    return { target, ns: v.ns, original, name: `${original}-${v.suffix}`, created: v.created, managed: v.managed }
  })
  return fc.record({
    versions: fc.constant(versions),
    uses: fc.array(fc.record({ user: fc.constantFrom(...USERS), ns: fc.constantFrom(...NAMESPACES), version: fc.nat(versions.length - 1) }), { maxLength: 10 }),
    desired: fc.subarray([...ORIGINALS]).map(xs => xs.map(([t, n]) => [t, n] as [Target, string])),
    keep: fc.integer({ min: 0, max: 3 }),
    allNamespaces: fc.boolean(),
  })
})

/** Desired manifests: the chosen originals in namespace shop, with content whose hash one live version may carry. */
function desiredOf(model: Model): BuildInput[] {
  return model.desired.map(([target, name]) => ({
    path: `${name}.yaml`,
    content: target === 'ConfigMap'
      ? `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  k: v\n`
      : `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: shop\ntype: Opaque\ndata:\n  k: dg==\n`,
  }))
}

/** The hashed names the desired input builds to (with --select all). */
function desiredNames(model: Model): Set<string> {
  const inputs = desiredOf(model)
  if (inputs.length === 0) return new Set()
  return new Set(build(inputs, { select: 'all' }).renames.map(r => `${r.kind}/${r.namespace}/${r.to}`))
}

let uid = 0
const meta = (name: string, ns: string | undefined, createdAt = '2026-09-01T00:00:00Z', extra: object = {}) =>
  ({ name, ...(ns ? { namespace: ns } : {}), creationTimestamp: createdAt, uid: `00000000-0000-4000-8000-${String(++uid).padStart(12, '0')}`, ...extra })

/** Every live object of the model, as kubectl would serve it. */
function liveOf(model: Model): Array<Record<string, unknown>> {
  const hashedDesired = [...desiredNames(model)]
  const out: Array<Record<string, unknown>> = []
  const taken = new Set(model.versions.map(v => v.name))
  model.versions.forEach((v, i) => {
    // Some versions carry the desired version's name: they are the desired one.
    const desired = hashedDesired.find(d => d.startsWith(`${v.target}/${v.ns}/${v.original}-`))?.split('/')[2]
    const name = i % 3 === 0 && desired !== undefined && !taken.has(desired) ? desired : v.name
    taken.add(name)
    const m = meta(name, v.ns, v.created, {
      ...(v.managed ? { labels: { 'cmhash.dev/managed': 'true' } } : {}),
      annotations: { 'cmhash.dev/name': v.original },
    })
    out.push(v.target === 'ConfigMap' ? { apiVersion: 'v1', kind: 'ConfigMap', metadata: m, data: { k: 'v' }, immutable: true } : { apiVersion: 'v1', kind: 'Secret', metadata: m, type: 'Opaque', data: { k: 'dg==' } })
  })
  // An unmanaged ConfigMap in every namespace, as clusters have.
  for (const ns of NAMESPACES) out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kube-root-ca.crt', ns), data: { 'ca.crt': 'x' } })
  model.uses.forEach((use, i) => {
    const v = out[use.version] as { kind: Target; metadata: { name: string; namespace: string } }
    const target = v.kind
    const name = v.metadata.name
    // A pod spec can only use its own namespace's versions; the cluster-scoped users name the namespace.
    const ns = v.metadata.namespace
    const container = { name: 'main', image: 'app:1', envFrom: [target === 'ConfigMap' ? { configMapRef: { name } } : { secretRef: { name } }] }
    const podSpec = { containers: [container] }
    const template = { metadata: { labels: { app: `u${i}` } }, spec: podSpec }
    const n = `user-${i}`
    switch (use.user) {
      case 'Pod': out.push({ apiVersion: 'v1', kind: 'Pod', metadata: meta(`${n}-x7k2p`, ns), spec: podSpec }); break
      case 'Deployment': case 'StatefulSet': case 'DaemonSet':
        out.push({ apiVersion: 'apps/v1', kind: use.user, metadata: meta(n, ns), spec: { selector: { matchLabels: { app: n } }, template } }); break
      case 'ReplicaSet': case 'ReplicaSet0':
        out.push({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta(`${n}-6b8f9d7c5x`, ns), spec: { replicas: use.user === 'ReplicaSet0' ? 0 : 2, template } }); break
      case 'ControllerRevision':
        out.push({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: meta(`${n}-7f9c6b8d4`, ns), revision: 3, data: { spec: { template: { $patch: 'replace', ...template } } } }); break
      case 'CronJob': out.push({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta(n, ns), spec: { schedule: '@daily', jobTemplate: { spec: { template } } } }); break
      case 'Job':
        out.push({ apiVersion: 'batch/v1', kind: 'Job', metadata: meta(`${n}-29400300`, ns, undefined, { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: n, controller: true }] }), spec: { template } }); break
      case 'ReplicationController': out.push({ apiVersion: 'v1', kind: 'ReplicationController', metadata: meta(n, ns), spec: { replicas: 1, template } }); break
      case 'PodTemplate': out.push({ apiVersion: 'v1', kind: 'PodTemplate', metadata: meta(n, ns), template }); break
      case 'Rollout': out.push({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: meta(n, ns), spec: { template } }); break
      case 'PersistentVolume':
        if (target === 'Secret') out.push({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta(`pvc-${i}`, undefined), spec: { csi: { driver: 'd', volumeHandle: 'h', nodePublishSecretRef: { name, namespace: ns } } } })
        break
      case 'StorageClass':
        if (target === 'Secret') out.push({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(`sc-${i}`, undefined), provisioner: 'd', parameters: { 'csi.storage.k8s.io/node-stage-secret-name': name, 'csi.storage.k8s.io/node-stage-secret-namespace': ns } })
        break
      case 'ServiceAccount': if (target === 'Secret') out.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(n, ns), imagePullSecrets: [{ name }] }); break
      case 'Ingress': if (target === 'Secret') out.push({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta(n, ns), spec: { tls: [{ hosts: ['a.example.com'], secretName: name }] } }); break
    }
  })
  return out
}

/** What the model says each version is used by: `Kind/namespace/name`. */
function referenced(live: Array<Record<string, unknown>>): Set<string> {
  const refs = new Set<string>()
  for (const o of live) {
    const ns = (o.metadata as { namespace?: string }).namespace
    JSON.stringify(o, (k, v: any) => {
      if (k === 'configMapRef') refs.add(`ConfigMap/${ns}/${v.name}`)
      if (k === 'secretRef' || k === 'imagePullSecrets') for (const x of [v].flat()) refs.add(`Secret/${ns}/${x.name}`)
      if (k === 'nodePublishSecretRef') refs.add(`Secret/${v.namespace}/${v.name}`)
      if (k === 'parameters') refs.add(`Secret/${v['csi.storage.k8s.io/node-stage-secret-namespace']}/${v['csi.storage.k8s.io/node-stage-secret-name']}`)
      if (k === 'tls') for (const t of v) refs.add(`Secret/${ns}/${t.secretName}`)
      return v
    })
  }
  return refs
}

// --- ways to write the same export ---

const asList = (items: unknown[]) => ({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } })
type Format = 'json' | 'kubectl-yaml' | 'yaml'
function write(items: unknown[], format: Format): string {
  if (format === 'json') return `${JSON.stringify(asList(items), null, 4)}\n`
  const text = new Document(asList(items)).toString({ indentSeq: false, lineWidth: 0 })
  // Anything but kubectl's subset goes to the yaml package.
  return format === 'yaml' ? `# an export\n${text}` : text
}

interface Split { files: number[]; formats: Format[]; order: number; duplicates: number[] }
const splitArb: fc.Arbitrary<Split> = fc.record({
  files: fc.array(fc.nat(3), { minLength: 60, maxLength: 60 }),
  formats: fc.array(fc.constantFrom<Format>('json', 'kubectl-yaml', 'yaml'), { minLength: 4, maxLength: 4 }),
  order: fc.nat(),
  duplicates: fc.array(fc.nat(59), { maxLength: 6 }),
})

/** The same objects in up to four files, shuffled, some in two files. */
function splitExport(live: Array<Record<string, unknown>>, s: Split): BuildInput[] {
  const files: unknown[][] = [[], [], [], []]
  live.forEach((o, i) => files[s.files[i % s.files.length]!]!.push(o))
  for (const d of s.duplicates) if (d < live.length) files[(s.files[d % s.files.length]! + 1) % 4]!.push(live[d])
  const shuffled = files.map((items, f) => [...items].sort((a, b) => hash(JSON.stringify(a), s.order + f) - hash(JSON.stringify(b), s.order + f)))
  return shuffled.flatMap((items, f) => (items.length === 0 ? [] : [{ path: `live-${f}.${s.formats[f] === 'json' ? 'json' : 'yaml'}`, content: write(items, s.formats[f]!) }]))
}

function hash(s: string, seed: number): number {
  let h = seed | 0
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995)
  return h
}

const decide = (live: BuildInput[], model: Model): PruneResult =>
  prune(live, desiredOf(model), { select: 'all', keep: model.keep, allNamespaces: model.allNamespaces, liveKinds: ALL })

describe('prune properties', () => {
  let deleted = 0

  it('never proposes a version that is desired, in use, among the newest, unmanaged or out of scope', () => {
    fc.assert(fc.property(modelArb, model => {
      const live = liveOf(model)
      const result = decide([{ path: 'live.json', content: write(live, 'json') }], model)
      const desired = desiredNames(model)
      const used = referenced(live)
      const versions = live.filter(o => o.kind === 'ConfigMap' || o.kind === 'Secret') as Array<{ kind: Target; metadata: { name: string; namespace: string; creationTimestamp: string; labels?: Record<string, string>; annotations?: Record<string, string> } }>
      for (const d of result.deletions) {
        const id = `${d.kind}/${d.namespace}/${d.name}`
        const v = versions.find(x => `${x.kind}/${x.metadata.namespace}/${x.metadata.name}` === id)!
        expect(v.metadata.labels?.['cmhash.dev/managed']).toBe('true')
        expect(desired, id).not.toContain(id)
        expect(used, id).not.toContain(id)
        const original = v.metadata.annotations?.['cmhash.dev/name']
        const newer = versions.filter(x => x.kind === v.kind && x.metadata.namespace === v.metadata.namespace && x.metadata.annotations?.['cmhash.dev/name'] === original &&
          x.metadata.labels?.['cmhash.dev/managed'] === 'true' && x.metadata.creationTimestamp > v.metadata.creationTimestamp)
        expect(newer.length, id).toBeGreaterThanOrEqual(model.keep)
        if (!model.allNamespaces) expect(d.namespace).toBe('shop')
      }
      // Every managed version is a candidate, and nothing else is.
      for (const v of versions) {
        const id = `${v.kind}/${v.metadata.namespace}/${v.metadata.name}`
        const c = result.candidates.find(x => `${x.kind}/${x.namespace}/${x.name}` === id)
        expect(c === undefined).toBe(v.metadata.labels?.['cmhash.dev/managed'] !== 'true')
      }
      deleted += result.deletions.length
    }), params())
    // The property is not vacuous: prune does delete things.
    expect(deleted).toBeGreaterThan(0)
  })

  it('gives the same answer however the export is split, ordered, written or duplicated', () => {
    fc.assert(fc.property(modelArb, splitArb, (model, split) => {
      const live = liveOf(model)
      const whole = decide([{ path: 'live.json', content: write(live, 'json') }], model)
      const parts = decide(splitExport(live, split), model)
      expect(parts.candidates).toEqual(whole.candidates)
      expect(parts.output).toBe(whole.output)
      expect(parts.names).toBe(whole.names)
    }), params())
  })
})
