// What --strict meets: warnings said once per object, in file and line
// order, and POSSIBLE_REFERENCE, the net for references no table knows.
import { describe, expect, it } from 'vitest'
import { build } from '@cmhash/core'
import { source } from '../../../test/_utils/source.js'
import { run } from './_build.js'

const pod = (name: string, ref: string) => source`
  apiVersion: v1
  kind: Pod
  metadata: {name: ${name}}
  spec:
    containers: [{name: c, image: i, envFrom: [{configMapRef: {name: ${ref}}}]}]
`

describe('warnings', () => {
  it('are said once per object they are about, listing every referrer', () => {
    const r = run([pod('a', 'gone'), pod('b', 'gone'), pod('c', 'other')].join('---\n'))
    expect(r.warnings.map(w => [w.code, w.resource?.name, w.location?.line])).toEqual([
      ['MISSING_REFERENCE', 'gone', 5], ['MISSING_REFERENCE', 'other', 17],
    ])
    expect(r.warnings[0]!.message).toContain('Pod default/a (spec.containers[0].envFrom[0].configMapRef.name), Pod default/b (')
  })

  it('come in file and line order, whichever pass found them', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pinned, annotations: {cmhash.dev/hash: "false"}}\ndata: {k: v}\n'
    const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules: [{apiGroups: [""], resources: [configmaps], resourceNames: [used], verbs: [get]}]\n'
    const used = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: used}\ndata: {k: v}\n'
    const r = build([
      { path: 'b.yaml', content: `${pod('p', 'used')}---\n${pod('q', 'missing')}` },
      { path: 'a.yaml', content: `${role}---\n${used}---\nnot: a resource\n---\n${cm}` },
    ])
    expect(r.warnings.map(w => `${w.location?.file}:${w.location?.line} ${w.code}`)).toEqual([
      'b.yaml:11 MISSING_REFERENCE', 'a.yaml:6 PINNED', 'a.yaml:11 NOT_A_RESOURCE',
    ])
  })

  it('NOT_A_RESOURCE for an object without metadata.name, which kubectl refuses (not for generateName, which kubectl create takes)', () => {
    const r = build([{ path: 'x.yaml', content: source`
      apiVersion: please-use-helm-to-install-kong
      kind: Deprecated
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {labels: {a: b}}
      data: {k: v}
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {generateName: migrate-}
      spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: i}]}}}
    ` }])
    expect(r.warnings.map(w => `${w.location?.line} ${w.code}`)).toEqual(['1 NOT_A_RESOURCE', '4 NOT_A_RESOURCE'])
    expect(r.warnings[1]!.message).toBe('ConfigMap has no metadata.name, so kubectl refuses it and nothing can reference it; passed through unchanged')
    expect(r.renames).toEqual([])
  })
})

describe('POSSIBLE_REFERENCE', () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: cafe-secret, namespace: shop}\ntype: kubernetes.io/tls\ndata: {tls.crt: YQ==, tls.key: Yg==}\n'
  const mounted = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: i}]\n      volumes: [{name: t, secret: {secretName: cafe-secret}}]\n'
  const ts = source`
    apiVersion: k8s.nginx.org/v1
    kind: TransportServer
    metadata: {name: cafe-ts, namespace: shop}
    spec:
      host: cafe.example.com
      tls:
        secret: cafe-secret
      upstreams: [{name: cafe-secret, service: cafe-secret, port: 443}]
  `
  const input = [secret, mounted, ts].join('---\n')

  it('warns when a renamed object\'s old name stays under a key that names a Secret, with the entry that would fix it', () => {
    const r = run(input, { presets: { 'nginx-inc': false } })
    expect(r.warnings).toMatchObject([{
      code: 'POSSIBLE_REFERENCE', resource: { kind: 'Secret', namespace: 'shop', name: 'cafe-secret' }, path: 'spec.tls.secret',
      location: { line: 22 },
    }])
    expect(r.warnings[0]!.message).toContain('TransportServer shop/cafe-ts at spec.tls.secret. If it names this object, add its entry to the configuration\'s references ({group: k8s.nginx.org, kind: TransportServer, path: spec/tls/secret, refKind: Secret}; ')
    // Upstream names and services equal to the name are not under a key that names a Secret.
    expect(r.warnings[0]!.message).not.toContain('upstreams')
  })

  it('the suggested entry, in the configuration, rewrites it and silences the warning', () => {
    const r = run(input, { presets: { 'nginx-inc': false }, references: [{ on: { kind: 'TransportServer', groups: ['k8s.nginx.org'] }, path: 'spec/tls/secret', target: 'Secret', use: 'rewrite' }] })
    expect(r.warnings).toEqual([])
    expect(r.output).toContain(`secret: ${r.renames[0]!.to}`)
  })

  it('is quiet where the preset knows the field, in another namespace, and for a name that was not renamed', () => {
    expect(run(input).warnings).toEqual([])
    expect(run(input.replace('name: cafe-ts, namespace: shop', 'name: cafe-ts, namespace: other'), { presets: { 'nginx-inc': false } }).warnings).toEqual([])
    expect(run([secret, ts].join('---\n'), { presets: { 'nginx-inc': false } }).warnings).toEqual([])
  })

  it('does not take a namespace, a data key or a class for a name', () => {
    const cr = source`
      apiVersion: example.com/v1
      kind: Thing
      metadata: {name: t, namespace: shop}
      spec:
        secretNamespace: cafe-secret
        secretKey: cafe-secret
        secretProviderClass: cafe-secret
        owner: {name: cafe-secret}
    `
    expect(run([secret, mounted, cr].join('---\n')).warnings).toEqual([])
    expect(run([secret, mounted, cr.replace('owner:', 'caSecretRef:')].join('---\n')).warnings.map(w => w.path)).toEqual(['spec.caSecretRef.name'])
  })

  it('suggests a pin for a name in a ConfigMap\'s data, which a rewrite would change under its own hash', () => {
    const settings = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: resolver, namespace: shop}\ndata: {token-secret-name: cafe-secret}\n'
    const r = run([secret, mounted, settings].join('---\n'))
    expect(r.warnings.map(w => w.path)).toEqual(['data.token-secret-name'])
    expect(r.warnings[0]!.message).toContain('{kind: ConfigMap, path: data/token-secret-name, refKind: Secret, use: pin}')
  })
})
