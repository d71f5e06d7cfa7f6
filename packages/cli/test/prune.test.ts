import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pruneKinds } from '@cmhash/core'
import { cli } from './_run.js'
import { ROOT, scratch, tree } from './_fixtures.js'

describe('prune', () => {
  const root = ROOT
  const liveFile = join(root, 'fixtures/prune/live.yaml')
  const desired = join(root, 'examples/basic/k8s')
  // The fixture's cluster has no objects of the other kinds prune needs: its export holds every one.
  const kinds = ['--live-kinds', pruneKinds().map(k => k.resource).join(',')]

  it('prints a List to delete on stdout and a table of every candidate on stderr', async () => {
    const r = await cli(['prune', '--live', liveFile, ...kinds, desired])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('kind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: queue-config-994f5g6h7k\n    namespace: shop\n')
    expect(r.stderr).toMatch(/^KIND +NAMESPACE +NAME +VERDICT +WHY$/m)
    expect(r.stderr).toMatch(/^ConfigMap +shop +web-config-7c9d2f5b8k +keep +referenced by Pod shop\/web-7d4b9c8f6q-8xk2p .*; referenced by ReplicaSet shop\/web-7d4b9c8f6q/m)
    expect(r.stderr).toMatch(/^Secret +shop +db-credentials-8k7j6h5g4f +delete +not desired/m)
  })

  it('reads the live state from stdin and prints names with --output names', async () => {
    const r = await cli(['prune', '--live', '-', ...kinds, '--output', 'names', '--keep', '4', '-q', desired], { stdin: readFileSync(liveFile) })
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'configmap/queue-config-994f5g6h7k -n shop\nconfigmap/web-config-9m8n7b6v5c -n shop\n' })
  })

  it('exits 1 and prints nothing for an empty live state', async () => {
    const r = await cli(['prune', '--live', '-', desired], { stdin: '' })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('EMPTY_LIVE_STATE')
  })

  it.each([
    [['prune', desired], /needs the live state: --kubectl .* or --live/],
    [['prune', '--live', liveFile], /needs the desired manifests/],
    [['prune', '--live', '-', '-'], /only once/],
    [['prune', '--live', liveFile, '--keep', 'many', desired], /--keep/],
    [['prune', '--live', liveFile, '--output', 'json', desired], /--output/],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const r = await cli(argv)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })

  it('prune reads every file of a live-state directory', async () => {
    const live = readFileSync(liveFile, 'utf8')
    const cut = live.indexOf('- apiVersion: apps/v1\n  kind: ReplicaSet')
    tree({
      'live/a-configs.yaml': `${live.slice(0, cut)}kind: List\nmetadata:\n  resourceVersion: ""\n`,
      'live/b-workloads.yaml': `apiVersion: v1\nitems:\n${live.slice(cut)}`,
    })
    const split = await cli(['prune', '--live', join(scratch.dir, 'live'), ...kinds, '--output', 'names', '-q', desired])
    const whole = await cli(['prune', '--live', liveFile, ...kinds, '--output', 'names', '-q', desired])
    expect(split.code).toBe(0)
    expect(split.stdout).toBe(whole.stdout)
  })

  it('prune refuses a live state cut short', async () => {
    const live = readFileSync(liveFile, 'utf8')
    const truncated = await cli(['prune', '--live', '-', ...kinds, desired], { stdin: `${live}---\napiVersion: v1\nitems:\n- apiVersion: apps/v1\n` })
    expect(truncated.code).toBe(1)
    expect(truncated.stdout).toBe('')
    expect(truncated.stderr).toContain('INVALID_LIVE_STATE')
  })

  it('prune refuses a directory with an empty file in it, as a failed kubectl get > file leaves', async () => {
    const live = readFileSync(liveFile, 'utf8')
    tree({ 'live/all.yaml': live, 'live/persistentvolumes.json': '' })
    const r = await cli(['prune', '--live', join(scratch.dir, 'live'), ...kinds, desired])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^error: .*live\/persistentvolumes\.json:1:1: EMPTY_LIVE_STATE: /m)
  })

  it('prune counts the same export given twice once', async () => {
    const live = readFileSync(liveFile, 'utf8')
    tree({ 'live/a.yaml': live, 'live/b.yaml': live })
    const twice = await cli(['prune', '--live', join(scratch.dir, 'live'), ...kinds, '--output', 'names', '-q', desired])
    const once = await cli(['prune', '--live', liveFile, ...kinds, '--output', 'names', '-q', desired])
    expect(twice).toEqual(once)
    expect(once.stdout.split('\n').filter(Boolean)).toHaveLength(5)
  })

  it('prune refuses an object whose creationTimestamp is null, and names it', async () => {
    const live = readFileSync(liveFile, 'utf8').replace(/ {4}creationTimestamp: "2026-10-01T12:00:00Z"\n/, '    creationTimestamp: null\n')
    const r = await cli(['prune', '--live', '-', ...kinds, '--output', 'names', desired], { stdin: live })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^error: INVALID_TIMESTAMP: ConfigMap shop\/web-config-9m8n7b6v5c in <stdin> has metadata.creationTimestamp "null"/m)
  })

  it('prune keeps what undeclared kinds could reference, says so, and fails with --strict', async () => {
    const exported = 'configmaps,secrets,pods,replicasets.apps,controllerrevisions.apps,jobs.batch,cronjobs.batch'
    const r = await cli(['prune', '--live', liveFile, '--live-kinds', exported, '--output', 'names', desired])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^warning: INCOMPLETE_LIVE_STATE: the live state is not known to hold every object of podtemplates, replicationcontrollers, deployments.apps, statefulsets.apps, /m)
    expect(r.stderr).toContain('cmhash: name what your export holds with --live-kinds (cmhash prune --print-kinds lists what prune needs), or let cmhash list it: --kubectl')
    expect(r.stderr).toMatch(/^Secret +shop +db-credentials-8k7j6h5g4f +keep +not decided: the live state is not known to hold every object of /m)
    const strict = await cli(['prune', '--live', liveFile, '--live-kinds', exported, '--strict', desired])
    expect(strict.code).toBe(1)
    expect(strict.stdout).toBe('')
  })

  it('prune gives INCOMPLETE_LIVE_STATE the level --warning or the configuration sets', async () => {
    const exported = ['--live-kinds', 'configmaps,secrets,pods']
    const failed = await cli(['prune', '--live', liveFile, ...exported, '--warning', 'INCOMPLETE_LIVE_STATE=error', '-q', desired])
    expect(failed.code).toBe(1)
    expect(failed.stdout).toBe('')
    expect(failed.stderr).toMatch(/^error: INCOMPLETE_LIVE_STATE: the live state is not known to hold every object of podtemplates/m)
    // Ignored: not said, and --strict has nothing to fail on; what those kinds could reference is still kept.
    const ignored = await cli(['prune', '--live', liveFile, ...exported, '--warning', 'INCOMPLETE_LIVE_STATE=ignore', '--strict', '--output', 'names', desired])
    expect(ignored.code).toBe(0)
    expect(ignored.stdout).toBe('')
    expect(ignored.stderr).not.toContain('INCOMPLETE_LIVE_STATE')
    expect(ignored.stderr).not.toContain('--live-kinds')
    // The configuration's warnings: apply too, and the flag wins over them.
    const k8s = join(scratch.dir, 'k8s')
    cpSync(desired, k8s, { recursive: true })
    tree({ 'k8s/cmhash.config.yaml': 'warnings:\n  INCOMPLETE_LIVE_STATE: error\n' })
    const configured = await cli(['prune', '--live', liveFile, ...exported, '-q', k8s])
    expect(configured.code).toBe(1)
    expect(configured.stderr).toMatch(/^error: INCOMPLETE_LIVE_STATE: /m)
    expect((await cli(['prune', '--live', liveFile, ...exported, '--warning', 'INCOMPLETE_LIVE_STATE=warn', '-q', k8s])).code).toBe(0)
  })

  it('prune --print-kinds prints what an export must hold, following the configuration', async () => {
    const r = await cli(['prune', '--print-kinds'])
    expect(r).toEqual({ code: 0, stderr: '', stdout: `${pruneKinds().map(k => k.resource).join(',')}\n` })
    expect(r.stdout).toMatch(/^configmaps,secrets,pods,.*,statefulsets\.apps,.*,persistentvolumes,storageclasses\.storage\.k8s\.io,/)
    tree({ 'k8s/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n', 'k8s/cmhash.config.yaml': 'presets:\n  flux: false\n' })
    const noFlux = await cli(['prune', '--print-kinds', join(scratch.dir, 'k8s')])
    expect(noFlux.stdout).not.toContain('helmreleases')
    expect(noFlux.stdout).toContain('rollouts.argoproj.io')
  })

  it('prune --print-kinds adds the kinds of the desired input whose references build rewrites, and prune asks for them', async () => {
    const nightly = join(root, 'fixtures/prune/nightly.yaml')
    const r = await cli(['prune', '--print-kinds', nightly])
    expect(r).toEqual({ code: 0, stderr: '', stdout: `${pruneKinds().map(k => k.resource).join(',')},nightlybatch.batch.example.com\n` })
    const unsure = await cli(['prune', '--live', liveFile, ...kinds, '--output', 'names', nightly])
    expect(unsure.stdout).toBe('')
    expect(unsure.stderr).toMatch(/^warning: INCOMPLETE_LIVE_STATE: the live state is not known to hold every object of nightlybatch\.batch\.example\.com;/m)
    const declared = await cli(['prune', '--live', liveFile, '--live-kinds', r.stdout.trim(), '--output', 'names', nightly])
    expect(declared.stderr).not.toContain('INCOMPLETE_LIVE_STATE')
    // An invalid desired input is refused, as prune refuses it.
    tree({ 'bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: 1}\n' })
    expect((await cli(['prune', '--print-kinds', join(scratch.dir, 'bad.yaml')])).code).toBe(1)
  })

  it('prune bounds the live state by --max-input, on its own', async () => {
    // The export is 26K, the desired manifests under 2K.
    for (const live of [liveFile, '-']) {
      const small = await cli(['prune', '--live', live, ...kinds, '--max-input', '4K', '-q', desired], { stdin: readFileSync(liveFile) })
      expect(small.code).toBe(2)
      expect(small.stdout).toBe('')
      expect(small.stderr).toMatch(/larger than 4K; raise the bound with --max-input SIZE/)
    }
    const raised = await cli(['prune', '--live', liveFile, ...kinds, '--max-input', '32K', '--output', 'names', '-q', desired])
    expect(raised).toMatchObject({ code: 0, stderr: '' })
    expect(raised.stdout).toContain('configmap/queue-config-994f5g6h7k -n shop\n')
    // Each fits 27K, both together do not: the export does not share the manifests' bound.
    expect((await cli(['prune', '--live', liveFile, ...kinds, '--max-input', '27K', '-q', desired])).code).toBe(0)
  })

  it.each([[''], ['0x2'], ['1e1'], ['-1']])('prune rejects --keep %j', async keep => {
    expect((await cli(['prune', '--live', liveFile, '--keep', keep, desired])).code).toBe(2)
  })
})
