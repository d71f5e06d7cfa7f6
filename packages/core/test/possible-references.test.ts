// POSSIBLE_REFERENCE, the net for references no table knows: what it
// notices, and a message that stays readable however many fields it lists.
import { describe, expect, it } from 'vitest'
import { source } from '../../../test/_utils/source.js'
import { run } from './_build.js'

const secret = (name: string, ns = 'p') => `apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}, namespace: ${ns}}\nstringData: {password: x}\n`
const usedBy = (name: string, ns = 'p') => source`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: app, namespace: ${ns}}
  spec:
    template:
      spec:
        containers: [{name: a, image: a, envFrom: [{secretRef: {name: ${name}}}]}]
`
const possible = (r: ReturnType<typeof run>) => r.warnings.filter(w => w.code === 'POSSIBLE_REFERENCE')

describe('the POSSIBLE_REFERENCE message', () => {
  // Keys that say "secret", under custom resources no preset knows (ECK's shapes).
  const cr = (i: number) => source`
    apiVersion: example.com/v1
    kind: Widget
    metadata: {name: w${i}, namespace: p}
    spec: {auth: {roles: [{secretName: shared}]}, http: {tls: {certificate: {secretName: shared}}}}
  `
  const input = [secret('shared'), usedBy('shared'), cr(1), cr(2), cr(3)].join('---\n')

  it('names the first three places and counts the rest, on one line', () => {
    const [w, ...others] = possible(run(input))
    expect(others).toEqual([])
    expect(w!.message).toContain('but 6 fields no reference table knows still say shared: Widget p/w1 at spec.auth.roles[0].secretName, ' +
      'Widget p/w1 at spec.http.tls.certificate.secretName, Widget p/w2 at spec.auth.roles[0].secretName and 3 more. ')
    expect(w!.message).toContain('(the first: {group: example.com, kind: Widget, path: spec/auth/roles/secretName, refKind: Secret}; ')
    expect(w!.message).not.toContain('w3')
    expect(w!.message).not.toContain('\n')
    // However many fields: 20 instead of 6 changes only the count.
    const many = possible(run([secret('shared'), usedBy('shared'), ...Array.from({ length: 10 }, (_, i) => cr(i + 1))].join('---\n')))[0]!
    expect(many.message.replace('20 fields', '6 fields').replace('17 more', '3 more')).toBe(w!.message)
    expect(w).toMatchObject({ path: 'spec.auth.roles[0].secretName', location: { line: 17 } })
  })

  it('is the same for the same input', () => {
    expect(possible(run(input))).toEqual(possible(run(input)))
  })
})

describe('selector shapes under keys that do not say what they name', () => {
  // The field test's characterisation (repro/neutral-key-shapes.yaml): a custom
  // resource names the renamed Secret under neutral keys.
  const thing = (spec: string, apiVersion = 'example.com/v1', kind = 'Thing') =>
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: t, namespace: p}\nspec:\n${spec.replace(/^/gm, '  ')}\n`
  const warnedPaths = (spec: string, apiVersion?: string, kind?: string) =>
    possible(run([secret('creds'), usedBy('creds'), thing(spec, apiVersion, kind)].join('---\n'))).map(w => w.path)

  it.each([
    ['a SecretKeySelector, {name, key}', 'accessKeyId: {name: creds, key: k}', 'spec.accessKeyId.name'],
    ['with optional', 'sslKey: {name: creds, key: tls.key, optional: true}', 'spec.sslKey.name'],
    ['in a list', 'queries: [{name: creds, key: q}]', 'spec.queries[0].name'],
    ['{name} under a key ending in Ref', 'tokenRef: {name: creds}', 'spec.tokenRef.name'],
    ['{name} under credentials', 'credentials: {name: creds}', 'spec.credentials.name'],
    ['{name} in a list under ...Refs', 'sourceRefs: [{name: creds}]', 'spec.sourceRefs[0].name'],
  ])('warns for %s', (_, spec, path) => {
    expect(warnedPaths(spec)).toEqual([path])
  })

  it('says which kind the suggested entry names: the renamed object\'s', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: queries, namespace: p}\ndata: {q: x}\n'
    const mounts = usedBy('creds').replace('envFrom: [{secretRef: {name: creds}}]', 'envFrom: [{configMapRef: {name: queries}}]')
    const [w] = possible(run([cm, mounts, thing('monitoring: {custom: [{name: queries, key: q}]}')].join('---\n')))
    expect(w).toMatchObject({ resource: { kind: 'ConfigMap', name: 'queries' }, path: 'spec.monitoring.custom[0].name' })
    expect(w!.message).toContain('{group: example.com, kind: Thing, path: spec/monitoring/custom/name, refKind: ConfigMap}')
  })

  it.each([
    ['a map with other keys', 'backend: {name: creds, key: k, namespace: p}'],
    ['{name} under a key that does not refer', 'owner: {name: creds}'],
    ['{name, kind}', 'issuerRef: {name: creds, kind: ClusterIssuer}'],
    ['a name that is not a string', 'accessKeyId: {name: {x: creds}, key: k}'],
  ])('is silent for %s', (_, spec) => {
    expect(warnedPaths(spec)).toEqual([])
  })

  it('reads selector shapes in custom resources only: Kubernetes\' own kinds are in the table', () => {
    expect(warnedPaths('accessKeyId: {name: creds, key: k}', 'v1', 'Service')).toEqual([])
    expect(warnedPaths('accessKeyId: {name: creds, key: k}', 'apps/v1', 'Deployment')).toEqual([])
    expect(warnedPaths('accessKeyId: {name: creds, key: k}', 'gateway.networking.k8s.io/v1', 'Widget')).toEqual(['spec.accessKeyId.name'])
  })
})
