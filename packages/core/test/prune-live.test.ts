// prune's live state: what it refuses (every doubt ends in a refusal or a
// "keep"), how it reads JSON and YAML, duplicates, timestamps, and the kinds
// it must see. Regression tests for issue 12.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { CmhashError, prune, pruneKinds, REFERENCE_SPECS, type BuildInput, type PruneOptions } from '@cmhash/core'

const root = new URL('../../../', import.meta.url).pathname
const liveText = readFileSync(join(root, 'fixtures/prune/live.yaml'), 'utf8')
const desiredDir = join(root, 'examples/basic/k8s')
const desired: BuildInput[] = readdirSync(desiredDir).sort().map(f => ({ path: f, content: readFileSync(join(desiredDir, f), 'utf8') }))
const ALL = pruneKinds().map(k => k.resource)
const run = (live: BuildInput[], options: PruneOptions = {}) => prune(live, desired, { liveKinds: ALL, ...options })
const file = (path: string, content: string): BuildInput => ({ path, content })
const verdicts = (r: ReturnType<typeof prune>) => Object.fromEntries(r.candidates.map(c => [`${c.kind} ${c.namespace}/${c.name}`, c.verdict]))
const reasonsOf = (r: ReturnType<typeof prune>, name: string) => r.candidates.find(c => c.name === name)!.reasons

/** The fixture's List as plain values, and as `kubectl get -o json` writes it. */
const list = (): { items: any[] } & Record<string, unknown> => parse(liveText)
const asJson = (value: unknown) => `${JSON.stringify(value, null, 4)}\n`
const asList = (items: unknown[]) => asJson({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } })
const itemNamed = (l: { items: any[] }, name: string) => l.items.find(i => i.metadata.name === name)

/** The error prune throws, with the fields tests assert. */
function failure(f: () => unknown): { code: string; file?: string; line?: number; resource?: unknown; codes: string[] } {
  try {
    f()
  } catch (e) {
    if (!(e instanceof CmhashError)) throw e
    return { code: e.code, file: e.location?.file, line: e.location?.line, resource: e.resource, codes: e.errors.map(x => x.code) }
  }
  throw new Error('prune did not refuse')
}

const baseline = run([file('live.yaml', liveText)])

describe('a live state prune cannot trust is refused', () => {
  const cut = liveText.indexOf('- apiVersion: apps/v1\n  kind: ReplicaSet')
  it.each([
    ['an empty file beside a good one', [file('live.yaml', liveText), file('rs.yaml', '')], 'EMPTY_LIVE_STATE', 'rs.yaml'],
    ['a file of blank lines', [file('live.yaml', liveText), file('rs.yaml', '\n  \n')], 'EMPTY_LIVE_STATE', 'rs.yaml'],
    ['a file of comments', [file('live.yaml', liveText), file('rs.yaml', '# kubectl failed\n')], 'EMPTY_LIVE_STATE', 'rs.yaml'],
    ['a file with an empty document', [file('live.yaml', liveText), file('rs.yaml', '---\n')], 'EMPTY_LIVE_STATE', 'rs.yaml'],
    ['a file of comments and empty documents', [file('live.yaml', liveText), file('rs.yaml', '# none\n---\n---\n')], 'EMPTY_LIVE_STATE', 'rs.yaml'],
    ['a List cut between two items', [file('live.yaml', liveText.slice(0, cut))], 'INVALID_LIVE_STATE', 'live.yaml'],
    ['a List cut inside an item', [file('live.yaml', liveText.slice(0, cut + 60))], 'INVALID_LIVE_STATE', 'live.yaml'],
    ['a List cut short whose kind came first', [file('live.yaml', `kind: List\napiVersion: v1\n${liveText.slice(liveText.indexOf('items:'), cut)}`)], 'INVALID_LIVE_STATE', 'live.yaml'],
    ['a JSON export cut short', [file('live.json', asJson(list()).slice(0, 5000))], 'YAML_SYNTAX', 'live.json'],
    ['YAML that does not parse', [file('live.yaml', 'items: [\n')], 'YAML_SYNTAX', 'live.yaml'],
    ['a YAML object alone (it may have lost its last lines)', [file('live.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: shop\n  creationTimestamp: "2026-01-01T00:00:00Z"\n')], 'INVALID_LIVE_STATE', 'live.yaml'],
    ['a document that is not an object', [file('live.yaml', `${liveText}---\n- a\n`)], 'INVALID_LIVE_STATE', 'live.yaml'],
    ['a List without items', [file('live.json', asJson({ apiVersion: 'v1', kind: 'List' }))], 'INVALID_LIVE_STATE', 'live.json'],
  ] as const)('%s', (_, inputs, code, at) => {
    const f = failure(() => run([...inputs]))
    expect(f.code).toBe(code)
    expect(f.file).toBe(at)
  })

  it('an item without a name', () => {
    const l = list()
    delete itemNamed(l, 'web-7d4b9c8f6q').metadata.name
    expect(failure(() => run([file('live.json', asJson(l))])).code).toBe('INVALID_LIVE_STATE')
  })

  it('reads a single JSON object, which cannot be cut short without failing to parse', () => {
    const pod = itemNamed(list(), 'web-7d4b9c8f6q-8xk2p')
    const r = run([file('live.yaml', liveText), file('pod.json', asJson(pod))])
    expect(r.output).toBe(baseline.output)
  })
})

describe('creationTimestamp', () => {
  it.each([
    ['null', 'null'], ['~', '~'], ['empty', ''], ['garbage', '"yesterday"'], ['a day April does not have', '"2026-04-31T10:00:00Z"'],
    ['an offset (not as Kubernetes writes it)', '"2026-10-01T12:00:00+02:00"'], ['fractional seconds', '"2026-10-01T12:00:00.5Z"'],
    ['a space for the T', '"2026-10-01 12:00:00Z"'], ['hour 24', '"2026-10-01T24:00:00Z"'],
  ])('%s is an error naming the object', (_, value) => {
    const text = liveText.replace('    creationTimestamp: "2026-10-01T12:00:00Z"\n', `    creationTimestamp: ${value}\n`)
    expect(text).not.toBe(liveText)
    const f = failure(() => run([file('live.yaml', text)]))
    expect(f).toMatchObject({ code: 'INVALID_TIMESTAMP', resource: { kind: 'ConfigMap', namespace: 'shop', name: 'web-config-9m8n7b6v5c' } })
  })

  it('missing, or null in JSON, is an error naming the object', () => {
    for (const value of [undefined, null]) {
      const l = list()
      itemNamed(l, 'web-7d4b9c8f6q').metadata.creationTimestamp = value
      expect(failure(() => run([file('live.json', asJson(l))]))).toMatchObject({ code: 'INVALID_TIMESTAMP', resource: { kind: 'ReplicaSet', namespace: 'shop', name: 'web-7d4b9c8f6q' } })
    }
  })

  it('a leap day is a day', () => {
    const text = liveText.replace('"2026-10-01T12:00:00Z"', '"2024-02-29T12:00:00Z"')
    expect(verdicts(run([file('live.yaml', text)]))['ConfigMap shop/web-config-9m8n7b6v5c']).toBe('delete')
  })

  it('versions as new as the last one kept are all kept', () => {
    // web-config-2b4d6f8h9k becomes exactly as old as web-config-5h8k2m9t4c, the third newest.
    const created = (name: string) => itemNamed(list(), name).metadata.creationTimestamp as string
    const text = liveText.replace(`creationTimestamp: "${created('web-config-2b4d6f8h9k')}"`, `creationTimestamp: "${created('web-config-5h8k2m9t4c')}"`)
    const r = run([file('live.yaml', text)])
    expect(verdicts(r)['ConfigMap shop/web-config-2b4d6f8h9k']).toBe('keep')
    expect(reasonsOf(r, 'web-config-2b4d6f8h9k')).toEqual(['one of the 3 newest versions of web-config'])
    expect(verdicts(r)['ConfigMap shop/web-config-9m8n7b6v5c']).toBe('delete')
  })
})

describe('the same objects twice', () => {
  it('collapse when they are the same: an export given twice, or as YAML and as JSON', () => {
    for (const inputs of [
      [file('a/live.yaml', liveText), file('b/live.yaml', liveText)],
      [file('live.yaml', liveText), file('live.json', asJson(list()))],
      [file('live.yaml', liveText), file('live.yaml', liveText)],
    ]) {
      const r = run(inputs)
      expect(r.candidates).toEqual(baseline.candidates)
      expect(r.output).toBe(baseline.output)
    }
  })

  it.each([
    ['a different creationTimestamp', (l: any) => { itemNamed(l, 'web-config-9m8n7b6v5c').metadata.creationTimestamp = '2026-11-30T00:00:00Z' }, 'web-config-9m8n7b6v5c'],
    ['a different uid (deleted and created again)', (l: any) => { itemNamed(l, 'web-config-9m8n7b6v5c').metadata.uid = 'aaaaaaaa-0000-4000-8000-000000000000' }, 'web-config-9m8n7b6v5c'],
    ['a different pod template', (l: any) => { itemNamed(l, 'web-5f6d7c8b9z').spec.template.spec.volumes = [] }, 'web-5f6d7c8b9z'],
    ['another object\'s uid', (l: any) => { itemNamed(l, 'web-config-9m8n7b6v5c').metadata.uid = itemNamed(l, 'web-config-2b4d6f8h9k').metadata.uid }, 'web-config-9m8n7b6v5c'],
  ])('are an error when they differ: %s', (_, change, name) => {
    const l = list()
    change(l)
    const f = failure(() => run([file('old.yaml', liveText), file('new.json', asJson(l))]))
    expect(f.code).toBe('CONFLICTING_LIVE_OBJECT')
    expect(f.resource).toMatchObject({ name })
  })
})

describe('formats', () => {
  it('JSON as kubectl writes it gives what the same export in YAML gives', () => {
    expect(run([file('live.json', asJson(list()))]).candidates).toEqual(baseline.candidates)
  })

  it('YAML that is not as kubectl writes it is read with the yaml package, to the same result', () => {
    const commented = `# exported by hand\n${liveText.replace('  kind: ReplicaSet\n', '  kind: ReplicaSet # rollout history\n')}`
    expect(run([file('live.yaml', commented)]).candidates).toEqual(baseline.candidates)
    const flow = liveText.replace('    labels:\n      cmhash.dev/managed: "true"\n    managedFields:', '    labels: {cmhash.dev/managed: "true"}\n    managedFields:')
    expect(flow).not.toBe(liveText)
    expect(run([file('live.yaml', flow)]).candidates).toEqual(baseline.candidates)
  })
})

describe('kinds that can reference ConfigMaps and Secrets', () => {
  const pv = {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: { name: 'pvc-0d1f', creationTimestamp: '2026-09-01T00:00:00Z', uid: 'f0000000-0000-4000-8000-000000000001' },
    spec: { capacity: { storage: '1Gi' }, csi: { driver: 'secrets.example.com', volumeHandle: 'v-1', nodePublishSecretRef: { name: 'db-credentials-8k7j6h5g4f', namespace: 'shop' } } },
  }
  const storageClass = {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', provisioner: 'secrets.example.com',
    metadata: { name: 'encrypted', creationTimestamp: '2026-09-01T00:00:00Z', uid: 'f0000000-0000-4000-8000-000000000002' },
    parameters: { 'csi.storage.k8s.io/node-publish-secret-name': 'db-credentials-8k7j6h5g4f', 'csi.storage.k8s.io/node-publish-secret-namespace': 'shop' },
  }

  it('a Secret a PersistentVolume mounts with, or a StorageClass names, is kept', () => {
    for (const [item, who] of [[pv, 'PersistentVolume pvc-0d1f (spec.csi.nodePublishSecretRef.name)'], [storageClass, 'StorageClass encrypted (parameters["csi.storage.k8s.io/node-publish-secret-name"])']] as const) {
      const r = run([file('live.yaml', liveText), file('cluster.json', asList([item]))])
      expect(verdicts(r)['Secret shop/db-credentials-8k7j6h5g4f']).toBe('keep')
      expect(reasonsOf(r, 'db-credentials-8k7j6h5g4f')).toEqual([`referenced by ${who}`])
    }
  })

  it('when the live state is not known to hold every PersistentVolume, no Secret is decided', () => {
    const r = run([file('live.yaml', liveText)], { liveKinds: ALL.filter(k => k !== 'persistentvolumes') })
    expect(verdicts(r)['Secret shop/db-credentials-8k7j6h5g4f']).toBe('keep')
    expect(reasonsOf(r, 'db-credentials-8k7j6h5g4f')).toEqual(['not decided: the live state is not known to hold every object of persistentvolumes, which can reference Secrets'])
    // PersistentVolumes reference only Secrets: ConfigMaps are still decided.
    expect(r.deletions.map(d => d.name)).toEqual(['queue-config-994f5g6h7k', 'queue-config-aa4f5g6h7k', 'web-config-2b4d6f8h9k', 'web-config-9m8n7b6v5c'])
    expect(r.warnings.map(w => w.code)).toEqual(['INCOMPLETE_LIVE_STATE'])
  })

  it('without liveKinds nothing is deleted, and a warning says why', () => {
    const r = prune([file('live.yaml', liveText)], desired)
    expect(r.deletions).toEqual([])
    expect(r.warnings.map(w => w.code)).toEqual(['INCOMPLETE_LIVE_STATE'])
    expect(r.candidates.every(c => c.reasons.some(x => x.startsWith('not decided: ')))).toBe(true)
  })

  it('INCOMPLETE_LIVE_STATE takes the level the options set, as every warning does', () => {
    const live = [file('live.yaml', liveText)]
    const f = failure(() => prune(live, desired, { warnings: { INCOMPLETE_LIVE_STATE: 'error' } }))
    expect(f.codes).toEqual(['INCOMPLETE_LIVE_STATE'])
    // Ignored, it is not said; what the kinds could reference is still kept.
    const quiet = prune(live, desired, { warnings: { INCOMPLETE_LIVE_STATE: 'ignore' } })
    expect(quiet.warnings).toEqual([])
    expect(quiet.deletions).toEqual([])
    // With every kind declared there is nothing to fail on.
    expect(run(live, { warnings: { INCOMPLETE_LIVE_STATE: 'error' } }).deletions).toEqual(baseline.deletions)
  })

  it('the kinds of the export the README used to show are not enough', () => {
    const old = ['configmaps', 'secrets', 'pods', 'replicasets', 'controllerrevisions', 'jobs', 'cronjobs']
    const r = run([file('live.yaml', liveText)], { liveKinds: old })
    expect(r.deletions).toEqual([])
  })

  it('pruneKinds: the candidates, pod-template holders, every kind of the reference table and of the enabled presets', () => {
    const resources = ALL
    for (const r of ['configmaps', 'secrets', 'pods', 'replicasets.apps', 'statefulsets.apps', 'controllerrevisions.apps', 'jobs.batch', 'cronjobs.batch',
      'persistentvolumes', 'storageclasses.storage.k8s.io', 'serviceaccounts', 'ingresses.networking.k8s.io', 'nodes',
      'rollouts.argoproj.io', 'helmreleases.helm.toolkit.fluxcd.io', 'gateways.gateway.networking.k8s.io', 'gateways.networking.istio.io', 'prometheuses.monitoring.coreos.com']) {
      expect(resources).toContain(r)
    }
    const byKind = new Set(pruneKinds().map(k => k.kind))
    for (const spec of REFERENCE_SPECS) if (typeof spec.on === 'object') expect(byKind).toContain(spec.on.kind)
    expect(new Set(resources).size).toBe(resources.length)
    const noFlux = pruneKinds({ presets: { flux: false } }).map(k => k.resource)
    expect(noFlux).not.toContain('helmreleases.helm.toolkit.fluxcd.io')
    expect(noFlux).toContain('rollouts.argoproj.io')
    const extra = pruneKinds({ references: [{ on: { kind: 'Widget', groups: ['example.com'] }, path: 'spec/secretName', target: 'Secret', use: 'rewrite' }] })
    expect(extra.find(k => k.kind === 'Widget')).toEqual({ kind: 'Widget', group: 'example.com', resource: 'widgets.example.com', targets: ['Secret'], crossNamespace: false })
    expect(pruneKinds().find(k => k.kind === 'PersistentVolume')).toMatchObject({ targets: ['Secret'], crossNamespace: true })
    expect(pruneKinds().find(k => k.kind === 'Deployment')).toMatchObject({ targets: ['ConfigMap', 'Secret'], crossNamespace: false })
  })

  it.each([
    ['persistentvolume', true], ['PersistentVolumes', true], ['rollout.argoproj.io', true], ['ingresses.networking.k8s.io', true],
    ['ingresses', false], ['rollouts', false], ['deployments.v1.apps', false], ['persistentvolume.storage.k8s.io', false],
  ])('liveKinds names a kind as kubectl get does: %s', (name, covers) => {
    const kinds = ALL.filter(k => !['persistentvolumes', 'rollouts.argoproj.io', 'ingresses.networking.k8s.io', 'deployments.apps'].includes(k))
    const missing = (n: string) => run([file('live.yaml', liveText)], { liveKinds: [...kinds, n] }).warnings.find(w => w.code === 'INCOMPLETE_LIVE_STATE')!.message
    const target = name.toLowerCase().startsWith('persistentvolume') ? 'persistentvolumes' : name.startsWith('rollout') ? 'rollouts.argoproj.io'
      : name.startsWith('ingresses') ? 'ingresses.networking.k8s.io' : 'deployments.apps'
    expect(missing(name).includes(target)).toBe(!covers)
  })
})

describe('kinds found in the desired input (review finding 10)', () => {
  // A custom resource no preset or configuration names, whose pod template
  // build rewrites (found by shape); it is cfg's only user.
  const nightly = readFileSync(join(root, 'fixtures/prune/nightly.yaml'), 'utf8')
  const cfg = (name: string, day: number) => ({
    apiVersion: 'v1', kind: 'ConfigMap', data: { A: String(day) },
    metadata: { name, namespace: 'shop', creationTimestamp: `2026-11-0${day}T00:00:00Z`, labels: { 'cmhash.dev/managed': 'true' }, annotations: { 'cmhash.dev/name': 'cfg' } },
  })
  const batch = (name: string, uses: string) => ({
    apiVersion: 'batch.example.com/v1', kind: 'NightlyBatch', metadata: { name, namespace: 'shop', creationTimestamp: '2026-11-01T00:00:00Z' },
    spec: { template: { spec: { containers: [{ name: 'c', image: 'x', envFrom: [{ configMapRef: { name: uses } }] }] } } },
  })
  // Five versions: the newest three are kept anyway; NightlyBatch report-eu, gone from Git, still names the oldest.
  const live = [file('live.json', asList([
    cfg('cfg-9h8g7f6d5c', 1), cfg('cfg-2m6k8d4b9f', 2), cfg('cfg-7b9c2f4g8h', 3), cfg('cfg-4t5k2m8h6d', 4), cfg('cfg-89g4tffbfk', 5),
    batch('report', 'cfg-89g4tffbfk'), batch('report-eu', 'cfg-9h8g7f6d5c'),
  ]))]

  it('pruneKinds with the desired input adds the kind, named as kubectl get takes it without knowing its plural', () => {
    expect(pruneKinds().some(k => k.kind === 'NightlyBatch')).toBe(false)
    const kinds = pruneKinds({}, nightly)
    expect(kinds.find(k => k.kind === 'NightlyBatch')).toEqual({
      kind: 'NightlyBatch', group: 'batch.example.com', resource: 'nightlybatch.batch.example.com', targets: ['ConfigMap', 'Secret'], crossNamespace: false,
    })
    expect(kinds.map(k => k.resource)).toEqual([...ALL, 'nightlybatch.batch.example.com'])
    // Kinds the options already list are not repeated or widened; a kind with no reference is not added.
    expect(pruneKinds({}, desired)).toEqual(pruneKinds())
    expect(pruneKinds({}, 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n')).toEqual(pruneKinds())
    // A volume list found by shape counts too.
    const volumes = 'apiVersion: example.com/v1\nkind: Cache\nmetadata: {name: c}\nspec: {volumes: [{name: v, secret: {secretName: s}}]}\n'
    expect(pruneKinds({}, volumes).find(k => k.kind === 'Cache')).toMatchObject({ group: 'example.com', resource: 'cache.example.com' })
  })

  it('pruneKinds refuses a desired input prune would refuse', () => {
    expect(failure(() => pruneKinds({}, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: 1}\n')).code).toBe('DATA_NOT_STRING')
  })

  it('prune decides nothing such a kind could reference until the live state is known to hold it, then keeps what it names', () => {
    const unsure = prune(live, nightly, { liveKinds: ALL })
    expect(unsure.deletions).toEqual([])
    expect(unsure.warnings.map(w => w.message)).toEqual([expect.stringContaining('hold every object of nightlybatch.batch.example.com;')])
    for (const name of ['nightlybatches.batch.example.com', 'nightlybatch.batch.example.com']) {
      const r = prune(live, nightly, { liveKinds: [...ALL, name] })
      expect(r.warnings).toEqual([])
      expect(r.deletions.map(d => d.name)).toEqual(['cfg-2m6k8d4b9f'])
      expect(reasonsOf(r, 'cfg-9h8g7f6d5c')).toEqual(['referenced by NightlyBatch shop/report-eu (spec.template.spec.containers[0].envFrom[0].configMapRef.name)'])
    }
  })
})
