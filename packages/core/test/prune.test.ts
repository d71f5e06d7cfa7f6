// prune: which old versions of hashed ConfigMaps/Secrets may go, on a live
// dump in kubectl's output format (fixtures/prune/live.yaml, described in
// its README) against the desired state of examples/basic.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { CmhashError, prune, pruneKinds, type BuildInput, type PruneOptions } from '@cmhash/core'

const root = new URL('../../../', import.meta.url).pathname
const live = [{ path: 'live.yaml', content: readFileSync(join(root, 'fixtures/prune/live.yaml'), 'utf8') }]
const desiredDir = join(root, 'examples/basic/k8s')
const desired: BuildInput[] = readdirSync(desiredDir).sort().map(f => ({ path: f, content: readFileSync(join(desiredDir, f), 'utf8') }))

// The fixture's cluster has no objects of the other kinds prune needs: it holds every one.
const ALL = { liveKinds: pruneKinds().map(k => k.resource) }
const run = (l: string | BuildInput[], options: PruneOptions = {}) => prune(l, desired, { ...ALL, ...options })

const verdicts = (r: ReturnType<typeof prune>) => Object.fromEntries(r.candidates.map(c => [`${c.kind} ${c.namespace}/${c.name}`, c.verdict]))
const reasons = (r: ReturnType<typeof prune>, name: string) => r.candidates.find(c => c.name === name)!.reasons

describe('prune', () => {
  const result = run(live)

  it('keeps the desired version, versions in use, and the newest three; deletes the rest', () => {
    expect(verdicts(result)).toEqual({
      'ConfigMap billing/billing-config-1m2n3b4v5c': 'keep',
      'ConfigMap billing/billing-config-6m7n8b9v2c': 'keep',
      'ConfigMap billing/billing-config-7m8n9b2v3c': 'keep',
      'ConfigMap billing/billing-config-8m9n2b3v4c': 'keep',
      'ConfigMap shop/queue-config-dd4f5g6h7k': 'keep',
      'ConfigMap shop/queue-config-cc4f5g6h7k': 'keep',
      'ConfigMap shop/queue-config-bb4f5g6h7k': 'keep',
      'ConfigMap shop/queue-config-aa4f5g6h7k': 'delete',
      'ConfigMap shop/queue-config-994f5g6h7k': 'delete',
      'ConfigMap shop/web-config-6759426794': 'keep',
      'ConfigMap shop/web-config-7c9d2f5b8k': 'keep',
      'ConfigMap shop/web-config-5h8k2m9t4c': 'keep',
      'ConfigMap shop/web-config-2b4d6f8h9k': 'delete',
      'ConfigMap shop/web-config-9m8n7b6v5c': 'delete',
      'Secret shop/db-credentials-bbggc66m5m': 'keep',
      'Secret shop/db-credentials-4f5g6h7j8k': 'keep',
      'Secret shop/db-credentials-7t6r5h4w3q': 'keep',
      'Secret shop/db-credentials-8k7j6h5g4f': 'delete',
    })
  })

  it('says why each is kept', () => {
    expect(reasons(result, 'web-config-6759426794')).toEqual(expect.arrayContaining(['desired']))
    expect(reasons(result, 'web-config-7c9d2f5b8k')).toEqual(expect.arrayContaining([
      'referenced by ReplicaSet shop/web-7d4b9c8f6q (spec.template.spec.containers[0].envFrom[0].configMapRef.name)',
      'referenced by Pod shop/web-7d4b9c8f6q-8xk2p (spec.containers[0].envFrom[0].configMapRef.name)',
    ]))
    expect(reasons(result, 'queue-config-cc4f5g6h7k')).toContain('referenced by ControllerRevision shop/queue-6d8f7c9b5 (data.spec.template.spec.containers[0].envFrom[0].configMapRef.name)')
    expect(reasons(result, 'db-credentials-4f5g6h7j8k')).toContain('referenced by Job shop/nightly-report-29400300 (spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name)')
    expect(reasons(result, 'db-credentials-7t6r5h4w3q')).toEqual(['one of the 3 newest versions of db-credentials'])
    expect(reasons(result, 'billing-config-8m9n2b3v4c')).toEqual(['namespace billing is not in the desired input'])
    expect(reasons(result, 'web-config-2b4d6f8h9k')).toEqual(['not desired, not referenced, older than the 3 newest versions of web-config'])
  })

  it('keeps referenced versions (a rollout in progress, rollback history) even with --keep 0', () => {
    const r = run(live, { keep: 0 })
    expect(verdicts(r)['ConfigMap shop/web-config-7c9d2f5b8k']).toBe('keep')
    expect(verdicts(r)['ConfigMap shop/web-config-5h8k2m9t4c']).toBe('keep')
    expect(verdicts(r)['Secret shop/db-credentials-7t6r5h4w3q']).toBe('delete')
    expect(verdicts(r)['ConfigMap shop/queue-config-bb4f5g6h7k']).toBe('delete')
  })

  it('reaches other namespaces only when asked', () => {
    const r = run(live, { allNamespaces: true })
    expect(verdicts(r)['ConfigMap billing/billing-config-8m9n2b3v4c']).toBe('delete')
    expect(verdicts(r)['ConfigMap billing/billing-config-7m8n9b2v3c']).toBe('keep')
  })

  it('never proposes unmanaged objects', () => {
    const names = result.candidates.map(c => c.name)
    for (const name of ['feature-flags', 'kube-root-ca.crt', 'default-token-x7k2p']) expect(names).not.toContain(name)
  })

  it('prints a v1 List to delete, in a stable order, and kubectl-style names', () => {
    expect(parse(result.output)).toEqual({
      apiVersion: 'v1', kind: 'List', items: [
        ['ConfigMap', 'queue-config-994f5g6h7k'], ['ConfigMap', 'queue-config-aa4f5g6h7k'],
        ['ConfigMap', 'web-config-2b4d6f8h9k'], ['ConfigMap', 'web-config-9m8n7b6v5c'], ['Secret', 'db-credentials-8k7j6h5g4f'],
      ].map(([kind, name]) => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'shop' } })),
    })
    expect(result.names).toBe('configmap/queue-config-994f5g6h7k -n shop\nconfigmap/queue-config-aa4f5g6h7k -n shop\n' +
      'configmap/web-config-2b4d6f8h9k -n shop\nconfigmap/web-config-9m8n7b6v5c -n shop\nsecret/db-credentials-8k7j6h5g4f -n shop\n')
    expect(run(live).output).toBe(result.output)
  })

  it('refuses to decide anything from an empty or unparsable live state', () => {
    for (const bad of ['', 'apiVersion: v1\nitems: []\nkind: List\nmetadata: {resourceVersion: ""}\n']) {
      expect(() => run(bad)).toThrow(expect.objectContaining({ code: 'EMPTY_LIVE_STATE' }))
    }
    expect(() => run('items: [\n')).toThrow(CmhashError)
  })

  it('deletes nothing when nothing is old', () => {
    const r = run(live, { keep: 10 })
    expect(r.deletions.filter(d => d.name.startsWith('web-config'))).toEqual([])
    const one = 'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: x, namespace: shop, creationTimestamp: "2026-01-01T00:00:00Z"}\nkind: List\n'
    expect(run(one).output).toBe('apiVersion: v1\nkind: List\nitems: []\n')
  })
})
