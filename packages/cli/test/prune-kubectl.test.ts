// cmhash prune --kubectl: cmhash lists the live state itself, one kind at a
// time, and decides nothing when any kind cannot be listed. No cluster is
// available here: a fake kubectl on PATH replays calls recorded from the
// real kubectl (fixtures/prune/kubectl/<scenario>/), and where kubectl is
// installed the same scenarios run it for real against a fake API server,
// which also checks that the recordings are still what kubectl prints
// (CMHASH_RECORD=1 rewrites them).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { pruneKinds } from '@cmhash/core'
import { startFakeApiServer, type FakeCluster, type FakeResource } from '../../../test/_utils/fake-apiserver.js'
import { skipKubectl } from '../../../test/_utils/kubectl.js'
import { cli } from './_run.js'
import { ROOT, scratch, tree } from './_fixtures.js'

const fakeKubectl = join(ROOT, 'packages/cli/test/_fake-kubectl')
const recordings = join(ROOT, 'fixtures/prune/kubectl')
const desired = join(ROOT, 'examples/basic/k8s')

// --- the cluster the recordings were made from ---

const core = (resource: string, kind: string, namespaced = true): FakeResource => ({ group: '', version: 'v1', resource, kind, namespaced })
const resources: FakeResource[] = [
  core('configmaps', 'ConfigMap'), core('secrets', 'Secret'), core('pods', 'Pod'), core('podtemplates', 'PodTemplate'),
  core('replicationcontrollers', 'ReplicationController'), core('serviceaccounts', 'ServiceAccount'), core('services', 'Service'),
  core('nodes', 'Node', false), core('persistentvolumes', 'PersistentVolume', false), core('namespaces', 'Namespace', false),
  ...['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision'].map(kind => ({ group: 'apps', version: 'v1', resource: `${kind.toLowerCase()}s`, kind, namespaced: true })),
  { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true },
  { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', resource: 'ingressclasses', kind: 'IngressClass', namespaced: false },
  { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', kind: 'StorageClass', namespaced: false },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', kind: 'Role', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  ...['Rollout', 'Experiment', 'AnalysisRun', 'AnalysisTemplate'].map(kind => ({ group: 'argoproj.io', version: 'v1alpha1', resource: `${kind.toLowerCase()}s`, kind, namespaced: true })),
  { group: 'argoproj.io', version: 'v1alpha1', resource: 'clusteranalysistemplates', kind: 'ClusterAnalysisTemplate', namespaced: false },
]

const liveItems = (parse(readFileSync(join(ROOT, 'fixtures/prune/live.yaml'), 'utf8')) as { items: Array<Record<string, any>> }).items
const persistentVolume = {
  apiVersion: 'v1', kind: 'PersistentVolume',
  metadata: { name: 'pvc-0d1f', creationTimestamp: '2026-09-01T00:00:00Z', uid: 'f0000000-0000-4000-8000-000000000001' },
  spec: { capacity: { storage: '1Gi' }, csi: { driver: 'secrets.example.com', volumeHandle: 'v-1', nodePublishSecretRef: { name: 'db-credentials-8k7j6h5g4f', namespace: 'shop' } } },
}
const rollout = {
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout',
  metadata: { name: 'web-canary', namespace: 'shop', creationTimestamp: '2026-09-01T00:00:00Z', uid: 'f0000000-0000-4000-8000-000000000002' },
  spec: { template: { spec: { containers: [{ name: 'web', image: 'web:1', envFrom: [{ configMapRef: { name: 'web-config-2b4d6f8h9k' } }] }] } } },
}

function objectsByResource(): Record<string, object[]> {
  const out: Record<string, object[]> = {}
  for (const o of [...liveItems, persistentVolume, rollout]) {
    const group = String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/')[0]! : ''
    const r = resources.find(x => x.kind === o.kind && x.group === group)!
    ;(out[group ? `${r.resource}.${group}` : r.resource] ??= []).push(o)
  }
  return out
}

const cluster: FakeCluster = { resources, objects: objectsByResource() }

// A custom resource no preset or configuration knows, whose pod template
// names a ConfigMap (fixtures/prune/nightly.yaml). Five versions of cfg: the
// desired one and the two next are the newest three; of the two oldest, one
// is named by NightlyBatch report-eu, removed from Git but not from the cluster.
const nightlyDesired = join(ROOT, 'fixtures/prune/nightly.yaml')
const cfg = (name: string, day: number) => ({
  apiVersion: 'v1', kind: 'ConfigMap', data: { A: String(day) }, immutable: true,
  metadata: {
    name, namespace: 'shop', creationTimestamp: `2026-11-0${day}T00:00:00Z`, uid: `f0000000-0000-4000-8000-00000000010${day}`,
    labels: { 'cmhash.dev/managed': 'true' }, annotations: { 'cmhash.dev/name': 'cfg' },
  },
})
const nightlyBatch = (name: string, uses: string, n: number) => ({
  apiVersion: 'batch.example.com/v1', kind: 'NightlyBatch',
  metadata: { name, namespace: 'shop', creationTimestamp: '2026-11-01T00:00:00Z', uid: `f0000000-0000-4000-8000-00000000020${n}` },
  spec: { schedule: '0 3 * * *', template: { spec: { containers: [{ name: 'c', image: 'x', envFrom: [{ configMapRef: { name: uses } }] }] } } },
})
const nightlyCluster: FakeCluster = {
  resources: [...resources, { group: 'batch.example.com', version: 'v1', resource: 'nightlybatches', kind: 'NightlyBatch', namespaced: true }],
  objects: {
    configmaps: [cfg('cfg-9h8g7f6d5c', 1), cfg('cfg-2m6k8d4b9f', 2), cfg('cfg-7b9c2f4g8h', 3), cfg('cfg-4t5k2m8h6d', 4), cfg('cfg-89g4tffbfk', 5)],
    'nightlybatches.batch.example.com': [nightlyBatch('report', 'cfg-89g4tffbfk', 1), nightlyBatch('report-eu', 'cfg-9h8g7f6d5c', 2)],
  },
}

/** A scenario: the cluster as kubectl sees it, the command line, and (exit 0) what is deleted. */
interface ScenarioSpec {
  readonly cluster: FakeCluster
  readonly argv: readonly string[]
  readonly code: number
  /** Default examples/basic/k8s, deleting EXPECTED_DELETIONS. */
  readonly desired?: string
  readonly deletions?: string
}
const scenarios = {
  ok: { cluster, argv: [], code: 0 },
  namespace: { cluster, argv: ['-n', 'shop'], code: 0 },
  'secrets-forbidden': { cluster: { ...cluster, forbidden: ['secrets'] }, argv: [], code: 2 },
  'discovery-unavailable': { cluster: { ...cluster, unavailableGroups: ['argoproj.io'] }, argv: [], code: 2 },
  nightly: { cluster: nightlyCluster, argv: [], code: 0, desired: nightlyDesired, deletions: 'configmap/cfg-2m6k8d4b9f -n shop\n' },
} as const satisfies Record<string, ScenarioSpec>
type Scenario = keyof typeof scenarios
const specOf = (scenario: Scenario): ScenarioSpec => scenarios[scenario]

/** The kubectl calls for the default configuration on that cluster, in order (those not served are not listed). */
const GETS = [
  'get configmaps -A -o json', 'get secrets -A -o json', 'get pods -A -o json', 'get podtemplates -A -o json',
  'get replicationcontrollers -A -o json', 'get deployments.apps -A -o json', 'get replicasets.apps -A -o json',
  'get statefulsets.apps -A -o json', 'get daemonsets.apps -A -o json', 'get controllerrevisions.apps -A -o json',
  'get jobs.batch -A -o json', 'get cronjobs.batch -A -o json', 'get rollouts.argoproj.io -A -o json',
  'get experiments.argoproj.io -A -o json', 'get analysisruns.argoproj.io -A -o json', 'get analysistemplates.argoproj.io -A -o json',
  'get clusteranalysistemplates.argoproj.io -o json', 'get serviceaccounts -A -o json', 'get ingresses.networking.k8s.io -A -o json',
  'get persistentvolumes -o json', 'get storageclasses.storage.k8s.io -o json', 'get nodes -o json',
  'get roles.rbac.authorization.k8s.io -A -o json', 'get clusterroles.rbac.authorization.k8s.io -o json',
]
const EXPECTED_DELETIONS = 'configmap/queue-config-994f5g6h7k -n shop\nconfigmap/queue-config-aa4f5g6h7k -n shop\nconfigmap/web-config-9m8n7b6v5c -n shop\n'

// --- running cmhash with a kubectl on PATH ---

const saved = { ...process.env }
function restoreEnv(): void {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
  Object.assign(process.env, saved)
}
afterEach(restoreEnv)

/** Runs `cmhash prune --kubectl ARGV desired` in-process with the fake kubectl replaying a scenario; returns the result and the calls. */
async function withFake(scenario: Scenario, argv: readonly string[]) {
  const log = join(scratch.dir, 'calls.log')
  writeFileSync(log, '')
  Object.assign(process.env, { PATH: `${fakeKubectl}:${saved.PATH}`, CMHASH_FAKE_KUBECTL_DIR: join(recordings, scenario), CMHASH_FAKE_KUBECTL_LOG: log })
  const r = await cli(['prune', '--kubectl', ...argv, '--output', 'names', specOf(scenario).desired ?? desired])
  const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean).map(l => (JSON.parse(l) as string[]).join(' '))
  return { ...r, calls }
}

describe('prune --kubectl, with a fake kubectl replaying recorded calls', () => {
  it('lists exactly the kinds prune needs that the cluster serves, one call each, and decides', async () => {
    const r = await withFake('ok', [])
    expect(r.stderr).toContain('cmhash: listed the live state with 25 kubectl calls')
    // Discovery first; then the lists, a few at a time.
    expect(r.calls[0]).toBe('api-resources -o wide')
    expect(r.calls.slice(1).sort()).toEqual([...GETS].sort())
    expect(r).toMatchObject({ code: 0, stdout: EXPECTED_DELETIONS })
    // A PersistentVolume mounts with one Secret version, a Rollout uses one ConfigMap version.
    expect(r.stderr).toMatch(/^Secret +shop +db-credentials-8k7j6h5g4f +keep +referenced by PersistentVolume pvc-0d1f/m)
    expect(r.stderr).toMatch(/^ConfigMap +shop +web-config-2b4d6f8h9k +keep +referenced by Rollout shop\/web-canary/m)
    expect(r.stderr).not.toContain('INCOMPLETE_LIVE_STATE')
  })

  it('decides as an export of the same objects with every kind declared does', async () => {
    const r = await withFake('ok', [])
    const dir = tree(Object.fromEntries(Object.entries(objectsByResource()).map(([res, items]) => [`live/${res}.json`, JSON.stringify({ apiVersion: 'v1', kind: 'List', items })])))
    const offline = await cli(['prune', '--live', join(dir, 'live'), '--live-kinds', pruneKinds().map(k => k.resource).join(','), '--output', 'names', desired])
    expect(offline.code).toBe(0)
    expect(offline.stdout).toBe(r.stdout)
  })

  it('passes --context to every call, and with -n lists namespaced kinds there unless they reach across namespaces', async () => {
    const r = await withFake('namespace', ['--context', 'other', '-n', 'shop'])
    expect(r.code).toBe(0)
    expect(r.calls.every(c => c.startsWith('--context other '))).toBe(true)
    const scoped = r.calls.map(c => c.replace('--context other ', ''))
    expect(scoped).toContain('get pods -n shop -o json')
    expect(scoped).toContain('get secrets -n shop -o json')
    // A ServiceAccount's secrets, an Ingress's annotations and a ConfigMap (Tekton's
    // git resolver settings) can name another namespace's Secret.
    expect(scoped).toContain('get configmaps -A -o json')
    expect(scoped).toContain('get serviceaccounts -A -o json')
    expect(scoped).toContain('get ingresses.networking.k8s.io -A -o json')
    expect(scoped).toContain('get persistentvolumes -o json')
    expect(r.stdout).toBe(EXPECTED_DELETIONS)
  })

  it('decides nothing when one kind cannot be listed (RBAC), even though kubectl printed an empty List for it', async () => {
    const r = await withFake('secrets-forbidden', [])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^cmhash: kubectl get secrets -A -o json failed \(exit 1\): Error from server \(Forbidden\): secrets is forbidden: User "ci" cannot list resource "secrets"/m)
    expect(r.stderr).toContain('prune decides nothing')
  })

  it('decides nothing when the API cannot say what it serves', async () => {
    const r = await withFake('discovery-unavailable', [])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.calls).toEqual(['api-resources -o wide'])
    expect(r.stderr).toContain('cmhash: kubectl api-resources -o wide failed (exit 1)')
    expect(r.stderr).toContain('argoproj.io/v1alpha1: the server is currently unable to handle the request')
  })

  it('lists a custom resource whose pod spec build rewrites, and keeps the version a live one names', async () => {
    const r = await withFake('nightly', [])
    expect(r.calls.slice(1).sort()).toEqual([...GETS, 'get nightlybatches.batch.example.com -A -o json'].sort())
    expect(r).toMatchObject({ code: 0, stdout: 'configmap/cfg-2m6k8d4b9f -n shop\n' })
    expect(r.stderr).toMatch(/^ConfigMap +shop +cfg-9h8g7f6d5c +keep +referenced by NightlyBatch shop\/report-eu \(spec\.template\.spec\.containers\[0\]\.envFrom\[0\]\.configMapRef\.name\)$/m)
    expect(r.stderr).not.toContain('INCOMPLETE_LIVE_STATE')
  })

  it('decides nothing without kubectl', async () => {
    Object.assign(process.env, { PATH: join(scratch.dir, 'nothing') })
    const r = await cli(['prune', '--kubectl', desired])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^cmhash: cannot run kubectl \(ENOENT\)/m)
  })

  it.each([
    [['--kubectl', '--live', 'x']], [['--context', 'c', '--live', 'x']], [['--kubectl', '--live-kinds', 'pods']], [['--kubectl', '-n', 'a', '-A']],
  ])('rejects %j with exit code 2', async argv => {
    const r = await cli(['prune', ...argv, desired])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
  })
})

describe('the README on prune --kubectl', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const block = (after: string) => {
    const at = readme.indexOf(after)
    const start = readme.indexOf('```', at)
    return readme.slice(readme.indexOf('\n', start) + 1, readme.indexOf('```', start + 3))
  }

  it('lists exactly the calls cmhash makes', () => {
    expect(block('configuration makes these calls').trim().split('\n')).toEqual(['kubectl api-resources -o wide', ...GETS.map(g => `kubectl ${g}`)])
  })

  it('gives a ClusterRole that lets it list every kind it needs', () => {
    const role = parse(block('A ClusterRole for the built-in')) as { kind: string; rules: Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }> }
    expect(role.kind).toBe('ClusterRole')
    for (const k of pruneKinds()) {
      const plural = k.resource.split('.')[0]!
      expect(role.rules.some(r => r.apiGroups.includes(k.group ?? '') && r.resources.includes(plural) && r.verbs.includes('list')), k.resource).toBe(true)
    }
  })
})

describe.skipIf(skipKubectl)('prune --kubectl with the real kubectl, against a fake API server', () => {
  it.each(Object.keys(scenarios) as Scenario[])('%s: as recorded', async scenario => {
    const { cluster: c, argv, code } = specOf(scenario)
    const api = await startFakeApiServer(c)
    const record = process.env.CMHASH_RECORD === '1'
    const dir = record ? join(recordings, scenario) : join(scratch.dir, 'recorded')
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    try {
      const real = execFileSync('bash', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim()
      Object.assign(process.env, api.env, { PATH: `${fakeKubectl}:${saved.PATH}`, CMHASH_FAKE_KUBECTL_DIR: dir, CMHASH_FAKE_KUBECTL_REAL: real })
      const r = await cli(['prune', '--kubectl', ...argv, '--output', 'names', specOf(scenario).desired ?? desired])
      restoreEnv()
      expect(r.code).toBe(code)
      expect(r.stdout).toBe(code === 0 ? specOf(scenario).deletions ?? EXPECTED_DELETIONS : '')
      expect(readdirSync(dir).length).toBeGreaterThan(0)
      const replayed = await withFake(scenario, argv)
      expect(r.stderr).toBe(replayed.stderr)
      expect(r.stdout).toBe(replayed.stdout)
      // The recordings are still what kubectl prints.
      for (const f of readdirSync(dir).sort()) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(recordings, scenario, f), 'utf8'))
      expect(readdirSync(dir).sort()).toEqual(readdirSync(join(recordings, scenario)).sort())
    } finally {
      await api.close()
    }
  })
})
