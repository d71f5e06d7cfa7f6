import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './_run.js'
import { ROOT, scratch, tree } from './_fixtures.js'

describe('prune', () => {
  const root = ROOT
  const liveFile = join(root, 'fixtures/prune/live.yaml')
  const desired = join(root, 'examples/basic/k8s')

  it('prints a List to delete on stdout and a table of every candidate on stderr', async () => {
    const r = await cli(['prune', '--live', liveFile, desired])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('kind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: queue-config-994f5g6h7k\n    namespace: shop\n')
    expect(r.stderr).toMatch(/^KIND +NAMESPACE +NAME +VERDICT +WHY$/m)
    expect(r.stderr).toMatch(/^ConfigMap +shop +web-config-7c9d2f5b8k +keep +referenced by ReplicaSet shop\/web-7d4b9c8f6q/m)
    expect(r.stderr).toMatch(/^Secret +shop +db-credentials-8k7j6h5g4f +delete +not desired/m)
  })

  it('reads the live state from stdin and prints names with --output names', async () => {
    const r = await cli(['prune', '--live', '-', '--output', 'names', '--keep', '4', '-q', desired], { stdin: readFileSync(liveFile) })
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'configmap/queue-config-994f5g6h7k -n shop\nconfigmap/web-config-9m8n7b6v5c -n shop\n' })
  })

  it('exits 1 and prints nothing for an empty live state', async () => {
    const r = await cli(['prune', '--live', '-', desired], { stdin: '' })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('EMPTY_LIVE_STATE')
  })

  it.each([
    [['prune', desired], /needs --live/],
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
    const split = await cli(['prune', '--live', join(scratch.dir, 'live'), '--output', 'names', '-q', desired])
    const whole = await cli(['prune', '--live', liveFile, '--output', 'names', '-q', desired])
    expect(split.code).toBe(0)
    expect(split.stdout).toBe(whole.stdout)
  })

  it('prune refuses a live state cut short, and keeps versions without a creationTimestamp', async () => {
    const live = readFileSync(liveFile, 'utf8')
    const truncated = await cli(['prune', '--live', '-', desired], { stdin: `${live}---\napiVersion: v1\nitems:\n- apiVersion: apps/v1\n` })
    expect(truncated.code).toBe(1)
    expect(truncated.stdout).toBe('')
    expect(truncated.stderr).toContain('INVALID_LIVE_STATE')
    const undated = live.replace(/ {4}creationTimestamp: "2026-10-01T12:00:00Z"\n/, '')
    const r = await cli(['prune', '--live', '-', '--output', 'names', desired], { stdin: undated })
    expect(r.stdout).not.toContain('web-config-9m8n7b6v5c')
    expect(r.stderr).toMatch(/web-config-9m8n7b6v5c +keep +it has no creationTimestamp/)
  })

  it.each([[''], ['0x2'], ['1e1'], ['-1']])('prune rejects --keep %j', async keep => {
    expect((await cli(['prune', '--live', liveFile, '--keep', keep, desired])).code).toBe(2)
  })
})
