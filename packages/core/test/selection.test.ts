// Which ConfigMaps/Secrets get hashed, how namespaces resolve, and what is warned.
import { describe, expect, it } from 'vitest'
import { hashConfigMap } from '@cmhash/core'
import { source } from '../../../test/_utils/source.js'
import { find, objects, run } from './_build.js'

const H = hashConfigMap({ data: { k: 'v' } })
const cm = (name: string, extra = '', ns?: string) => source`
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: ${name}${ns ? `\n    namespace: ${ns}` : ''}${extra}
  data:
    k: v
`
const deploy = (ref: string, ns?: string, optional = false) => source`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web${ns ? `\n    namespace: ${ns}` : ''}
  spec:
    template:
      spec:
        containers:
        - name: app
          image: app:1
          envFrom:
          - configMapRef:
              name: ${ref}${optional ? '\n              optional: true' : ''}
`
const join = (...docs: string[]) => docs.join('---\n')
const refOf = (output: string, ns?: string) =>
  find(output, 'Deployment', 'web', ns).spec.template.spec.containers[0].envFrom[0].configMapRef.name

describe('selection', () => {
  it('hashes a referenced ConfigMap and rewrites the reference', () => {
    const r = run(join(cm('app'), deploy('app')))
    expect(refOf(r.output)).toBe(`app-${H}`)
    const out = find(r.output, 'ConfigMap', 'app')
    expect(out.metadata.name).toBe(`app-${H}`)
    expect(out.immutable).toBe(true)
    expect(out.metadata.labels).toEqual({ 'cmhash.dev/managed': 'true' })
    expect(out.metadata.annotations).toEqual({ 'cmhash.dev/name': 'app' })
    expect(r.renames).toEqual([{
      kind: 'ConfigMap', namespace: 'default', originalName: 'app', from: 'app', to: `app-${H}`, file: 'in.yaml',
      referencedBy: [{ kind: 'Deployment', namespace: 'default', name: 'web', path: 'spec.template.spec.containers[0].envFrom[0].configMapRef.name', effect: 'rolls' }],
    }])
  })

  it('leaves an unreferenced ConfigMap alone: programs may read it through the API by name', () => {
    const input = cm('settings')
    const r = run(input)
    expect(r.output).toBe(input)
    expect(r.renames).toEqual([])
  })

  it('pins an object that an RBAC rule names in resourceNames, and warns because a workload also uses it', () => {
    const role = source`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata:
        name: reader
      rules:
      - apiGroups: [""]
        resources: [configmaps]
        resourceNames: [app]
        verbs: [get]
    `
    const r = run(join(cm('app'), deploy('app'), role))
    expect(refOf(r.output)).toBe('app')
    expect(r.renames).toEqual([])
    expect(r.warnings).toMatchObject([{ code: 'PINNED', resource: { kind: 'ConfigMap', name: 'app' }, location: { line: 1 } }])
    expect(r.warnings[0]!.message).toContain('Role default/reader reads it by name (rules[0].resourceNames[0])')
  })

  it('does not pin through a rule about another resource', () => {
    const role = source`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: reader}
      rules:
      - {apiGroups: [""], resources: [secrets], resourceNames: [app], verbs: [get]}
    `
    expect(refOf(run(join(cm('app'), deploy('app'), role)).output)).toBe(`app-${H}`)
  })

  it('pins through a ClusterRole in any namespace', () => {
    const role = source`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: reader}
      rules:
      - {apiGroups: [""], resources: ["*"], resourceNames: [app], verbs: [get]}
    `
    const r = run(join(cm('app', '', 'team'), deploy('app', 'team'), role))
    expect(refOf(r.output, 'team')).toBe('app')
    expect(r.warnings.map(w => w.code)).toEqual(['PINNED'])
  })

  it('forces hashing with cmhash.dev/hash: "true", rewriting resourceNames too', () => {
    const role = source`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: reader}
      rules:
      - {apiGroups: [""], resources: [configmaps], resourceNames: [app, other], verbs: [get]}
    `
    const forced = cm('app', '\n    annotations:\n      cmhash.dev/hash: "true"')
    const r = run(join(forced, role))
    expect(find(r.output, 'Role', 'reader').rules[0].resourceNames).toEqual([`app-${H}`, 'other'])
    expect(find(r.output, 'ConfigMap', 'app').metadata.annotations).toEqual({ 'cmhash.dev/name': 'app', 'cmhash.dev/hash': 'true' })
    expect(r.warnings).toEqual([])
  })

  it('never hashes with cmhash.dev/hash: "false", and says why', () => {
    const r = run(join(cm('app', '\n    annotations:\n      cmhash.dev/hash: "false"'), deploy('app')))
    expect(refOf(r.output)).toBe('app')
    expect(r.warnings).toMatchObject([{ code: 'PINNED' }])
    expect(r.warnings[0]!.message).toContain('cmhash.dev/hash is "false"')
  })

  it('pins service-account token Secrets and empty objects (a program fills those in by name)', () => {
    const token = source`
      apiVersion: v1
      kind: Secret
      metadata:
        name: tok
        annotations: {kubernetes.io/service-account.name: app}
      type: kubernetes.io/service-account-token
      data: {token: dA==}
    `
    const empty = source`
      apiVersion: v1
      kind: Secret
      metadata: {name: certs}
    `
    const pod = source`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: [{name: a, image: a}]
        volumes:
        - {name: t, secret: {secretName: tok}}
        - {name: c, secret: {secretName: certs}}
    `
    const r = run(join(token, empty, pod))
    expect(r.renames).toEqual([])
    expect(r.warnings.map(w => [w.code, w.resource?.name])).toEqual([['PINNED', 'tok'], ['PINNED', 'certs']])
  })

  it('warns about a reference to an object not in the input, naming both, unless it is optional', () => {
    const r = run(deploy('elsewhere'))
    expect(r.warnings).toMatchObject([{
      code: 'MISSING_REFERENCE', resource: { kind: 'Deployment', name: 'web' },
      path: 'spec.template.spec.containers[0].envFrom[0].configMapRef.name', location: { line: 13, col: 19 },
    }])
    expect(r.warnings[0]!.message).toContain('ConfigMap default/elsewhere')
    expect(run(deploy('elsewhere', undefined, true)).warnings).toEqual([])
  })

  it('rejects a cmhash.dev/hash value other than "true" or "false"', () => {
    expect(() => run(cm('app', '\n    annotations:\n      cmhash.dev/hash: "yes"'))).toThrow(expect.objectContaining({ code: 'INVALID_ANNOTATION' }))
  })
})

describe('namespaces', () => {
  it('resolves by namespace: a reference in a never means the object in b', () => {
    const other = source`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: app, namespace: b}
      data: {k: other}
    `
    const r = run(join(cm('app', '', 'a'), other, deploy('app', 'a')))
    expect(refOf(r.output, 'a')).toBe(`app-${H}`)
    expect(find(r.output, 'ConfigMap', 'app', 'b').metadata.name).toBe('app')
  })

  it('gives same-named objects in two namespaces their own hashes', () => {
    const other = cm('app', '', 'b').replace('k: v', 'k: w')
    const hw = hashConfigMap({ data: { k: 'w' } })
    const r = run(join(cm('app', '', 'a'), other, deploy('app', 'a'), deploy('app', 'b').replace('name: web', 'name: web')))
    const refs = objects(r.output).filter(o => o.kind === 'Deployment').map(o => [o.metadata.namespace, o.spec.template.spec.containers[0].envFrom[0].configMapRef.name])
    expect(refs).toEqual([['a', `app-${H}`], ['b', `app-${hw}`]])
  })

  it('treats no namespace as "default", matching an explicit namespace: default', () => {
    expect(refOf(run(join(cm('app', '', 'default'), deploy('app'))).output)).toBe(`app-${H}`)
    expect(refOf(run(join(cm('app'), deploy('app', 'default'))).output, 'default')).toBe(`app-${H}`)
  })

  it('uses the namespace option for objects that set none', () => {
    expect(refOf(run(join(cm('app', '', 'prod'), deploy('app')), { namespace: 'prod' }).output)).toBe(`app-${H}`)
    expect(refOf(run(join(cm('app', '', 'prod'), deploy('app'))).output)).toBe('app')
  })

  it('reads the namespace of a cluster-scoped referrer from the reference', () => {
    const sc = (ns: string) => source`
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: fast}
      provisioner: csi.example.com
      parameters:
        csi.storage.k8s.io/provisioner-secret-name: creds
        csi.storage.k8s.io/provisioner-secret-namespace: ${ns}
    `
    const secret = (ns: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: ${ns}}\ndata: {k: dg==}\n`
    const r = run(join(secret('kube-system'), secret('other'), sc('kube-system')))
    const name = find(r.output, 'StorageClass', 'fast').parameters['csi.storage.k8s.io/provisioner-secret-name']
    expect(name).toBe(find(r.output, 'Secret', 'creds', 'kube-system').metadata.name)
    expect(name).not.toBe('creds')
    expect(find(r.output, 'Secret', 'creds', 'other').metadata.name).toBe('creds')
  })

  it('warns instead of guessing when a cluster-scoped reference could mean several namespaces', () => {
    const pv = source`
      apiVersion: v1
      kind: PersistentVolume
      metadata: {name: pv}
      spec:
        cephfs: {monitors: [m], secretRef: {name: creds}}
    `
    const secret = (ns: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: ${ns}}\ndata: {k: dg==}\n`
    const r = run(join(secret('a'), secret('b'), pv))
    expect(r.warnings).toMatchObject([{ code: 'AMBIGUOUS_REFERENCE', path: 'spec.cephfs.secretRef.name' }])
    expect(run(join(secret('a'), pv)).renames).toHaveLength(1)
  })
})
