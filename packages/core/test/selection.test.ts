// Which ConfigMaps/Secrets get hashed, how namespaces resolve, and what is warned.
import { describe, expect, it } from 'vitest'
import { hashConfigMap } from '@cmhash/core'
import { kustomize, skipKubectl } from '../../../test/_utils/kubectl.js'
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
/** An RBAC rule object named reader that reads `resources` by name (resourceNames: [names]). */
const reader = (resources: string, names = 'app', kind = 'Role') => source`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ${kind}
  metadata: {name: reader}
  rules:
  - {apiGroups: [""], resources: [${resources}], resourceNames: [${names}], verbs: [get]}
`
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

  it('names the first three objects that reference a pinned target, each once, and counts the rest', () => {
    const role = reader('configmaps')
    // web-1 names it twice (envFrom and a volume): one referrer.
    const volume = '      volumes:\n      - name: v\n        configMap:\n          name: app\n'
    const user = (n: number) => deploy('app').replace('name: web', `name: web-${n}`) + (n === 1 ? volume : '')
    const message = (n: number) => {
      const r = run(join(cm('app'), ...Array.from({ length: n }, (_, i) => user(i + 1)), role))
      expect(r.warnings.map(w => w.code)).toEqual(['PINNED'])
      return /referenced by (.*): Role/.exec(r.warnings[0]!.message)![1]
    }
    expect(message(1)).toBe('Deployment default/web-1')
    expect(message(3)).toBe('Deployment default/web-1, Deployment default/web-2, Deployment default/web-3')
    expect(message(5)).toBe('Deployment default/web-1, Deployment default/web-2, Deployment default/web-3 and 2 more')
  })

  it('does not pin through a rule about another resource', () => {
    const role = reader('secrets')
    expect(refOf(run(join(cm('app'), deploy('app'), role)).output)).toBe(`app-${H}`)
  })

  it('pins through a ClusterRole in any namespace', () => {
    const role = reader('"*"', 'app', 'ClusterRole')
    const r = run(join(cm('app', '', 'team'), deploy('app', 'team'), role))
    expect(refOf(r.output, 'team')).toBe('app')
    expect(r.warnings.map(w => w.code)).toEqual(['PINNED'])
  })

  it('forces hashing with cmhash.dev/hash: "true", rewriting resourceNames too', () => {
    const role = reader('configmaps', 'app, other')
    const forced = cm('app', '\n    annotations:\n      cmhash.dev/hash: "true"')
    const r = run(join(forced, role))
    expect(find(r.output, 'Role', 'reader').rules[0].resourceNames).toEqual([`app-${H}`, 'other'])
    expect(find(r.output, 'ConfigMap', 'app').metadata.annotations).toEqual({ 'cmhash.dev/name': 'app', 'cmhash.dev/hash': 'true' })
    expect(r.warnings).toEqual([])
  })

  it('never hashes with cmhash.dev/hash: "false", and does not warn: that is a decision, not a problem', () => {
    const r = run(join(cm('app', '\n    annotations:\n      cmhash.dev/hash: "false"'), deploy('app')))
    expect(refOf(r.output)).toBe('app')
    expect(r.renames).toEqual([])
    expect(r.warnings).toEqual([])
  })

  it('does not warn about a pin given in the options (a decision), but does about a preset\'s (a fact to know)', () => {
    const pinned = run(join(cm('app'), deploy('app')), { pinned: [{ kind: 'ConfigMap', name: 'app', reason: 'read by name' }] })
    expect(refOf(pinned.output)).toBe('app')
    expect(pinned.warnings).toEqual([])
    const preset = run(join(cm('argocd-cm'), deploy('argocd-cm')))
    expect(refOf(preset.output)).toBe('argocd-cm')
    expect(preset.warnings.map(w => w.code)).toEqual(['PINNED'])
  })

  it('pins service-account token Secrets and empty objects (filled in later, by name)', () => {
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
    // Not only programs: a placeholder Secret is often filled in by hand.
    expect(r.warnings[1]!.message).toContain('it has no data, so it is filled in later under this name (by a program at run time, or by hand)')
  })

  it('says of a missing object named without a namespace (from a cluster-scoped object) that no namespace holds it', () => {
    const auth = source`
      apiVersion: keda.sh/v1alpha1
      kind: ClusterTriggerAuthentication
      metadata: {name: cluster-auth}
      spec:
        secretTargetRef: [{parameter: token, name: queue-token, key: token}]
    `
    const [w, ...others] = run(auth).warnings
    expect(others).toEqual([])
    expect(w).toMatchObject({ code: 'MISSING_REFERENCE', resource: { kind: 'Secret', name: 'queue-token' } })
    expect(w!.message).toContain('Secret queue-token is in no namespace of the input (the reference names no namespace)')
    expect(w!.message).toContain('list it under external: in the configuration, with the namespace its program reads it from')
    expect(run(deploy('elsewhere')).warnings[0]!.message).toContain('ConfigMap default/elsewhere is not in the input;')
  })

  it('warns about a reference to an object not in the input, naming both, unless it is optional', () => {
    const r = run(deploy('elsewhere'))
    expect(r.warnings).toMatchObject([{
      code: 'MISSING_REFERENCE', resource: { kind: 'ConfigMap', namespace: 'default', name: 'elsewhere' },
      path: 'spec.template.spec.containers[0].envFrom[0].configMapRef.name', location: { line: 13, col: 19 },
    }])
    expect(r.warnings[0]!.message).toContain('Deployment default/web (spec.template.spec.containers[0].envFrom[0].configMapRef.name)')
    expect(run(deploy('elsewhere', undefined, true)).warnings).toEqual([])
  })

  it('rejects a cmhash.dev/hash value other than "true" or "false"', () => {
    expect(() => run(cm('app', '\n    annotations:\n      cmhash.dev/hash: "yes"'))).toThrow(expect.objectContaining({ code: 'INVALID_ANNOTATION' }))
  })
})

describe('select all: what nothing references', () => {
  const codes = (r: { warnings: readonly { code: string; resource?: { name: string } }[] }) => r.warnings.map(w => `${w.code} ${w.resource?.name}`)

  it('renames it, and warns that nothing follows the new name (a program reading it by name would not find it)', () => {
    const r = run(join(cm('app'), deploy('app'), cm('operator-settings')), { select: 'all' })
    expect(find(r.output, 'ConfigMap', 'operator-settings').metadata.name).toBe(`operator-settings-${H}`)
    expect(codes(r)).toEqual(['UNREFERENCED operator-settings'])
    const [w] = r.warnings
    expect(w!.location).toMatchObject({ file: 'in.yaml', line: 22 }) // the third document's first line
    expect(w!.message).toContain(`ConfigMap default/operator-settings is renamed operator-settings-${H} (select all), but nothing in the input references it`)
    expect(w!.message).toContain('cmhash.dev/hash: "false"')
  })

  it('says nothing of one hashed by its own annotation, nor in the other modes, where nothing unreferenced is renamed', () => {
    const forced = cm('forced', '\n    annotations: {cmhash.dev/hash: "true"}')
    expect(codes(run(forced, { select: 'all' }))).toEqual([])
    for (const select of ['referenced', 'annotated'] as const) {
      const r = run(join(forced, cm('settings')), { select })
      expect(r.renames.map(x => x.originalName)).toEqual(['forced'])
      expect(codes(r)).toEqual([])
    }
  })

  it('leaves one a field no table knows may name to POSSIBLE_REFERENCE, and one already hashed alone', () => {
    const cr = source`
      apiVersion: example.com/v1
      kind: Widget
      metadata:
        name: w
      spec:
        configMapRef:
          name: widget-settings
    `
    const r = run(join(cm('widget-settings'), cr, cm(`done-${H}`)), { select: 'all' })
    expect(codes(r)).toEqual(['POSSIBLE_REFERENCE widget-settings'])
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
    const node = (ns: string) => source`
      apiVersion: v1
      kind: Node
      metadata: {name: n1}
      spec:
        configSource: {configMap: {name: kubelet, namespace: ${ns}, kubeletConfigKey: k}}
    `
    const config = (ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kubelet, namespace: ${ns}}\ndata: {k: v}\n`
    const r = run(join(config('kube-system'), config('other'), node('kube-system')))
    const name = find(r.output, 'Node', 'n1').spec.configSource.configMap.name
    expect(name).toBe(find(r.output, 'ConfigMap', 'kubelet', 'kube-system').metadata.name)
    expect(name).not.toBe('kubelet')
    expect(find(r.output, 'ConfigMap', 'kubelet', 'other').metadata.name).toBe('kubelet')
  })

  it('warns instead of guessing when a cluster-scoped reference could mean several namespaces', () => {
    const node = source`
      apiVersion: v1
      kind: Node
      metadata: {name: n1}
      spec:
        configSource: {configMap: {name: kubelet, kubeletConfigKey: k}}
    `
    const config = (ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kubelet, namespace: ${ns}}\ndata: {k: v}\n`
    const r = run(join(config('a'), config('b'), node))
    expect(r.warnings).toMatchObject([{ code: 'AMBIGUOUS_REFERENCE', path: 'spec.configSource.configMap.name', resource: { kind: 'ConfigMap', name: 'kubelet' } }])
    expect(r.warnings[0]!.message).toContain('(a, b)')
    expect(run(join(config('a'), node)).renames).toHaveLength(1)
  })
})

describe('names already hashed', () => {
  it('keeps the name kubectl kustomize gave, marks it immutable and managed with the base name, and rewrites nothing', () => {
    const input = join(cm(`app-${H}`), deploy(`app-${H}`))
    const r = run(input)
    const out = find(r.output, 'ConfigMap', 'app')
    expect(out.metadata.name).toBe(`app-${H}`)
    expect(out).toMatchObject({ immutable: true, metadata: { labels: { 'cmhash.dev/managed': 'true' }, annotations: { 'cmhash.dev/name': 'app' } } })
    expect(refOf(r.output)).toBe(`app-${H}`)
    expect(r.renames).toMatchObject([{ originalName: 'app', from: `app-${H}`, to: `app-${H}` }])
    expect(run(r.output).output).toBe(r.output)
  })

  it('hashes a name whose suffix is not the hash of its own content', () => {
    const r = run(join(cm('app-6759426794'), deploy('app-6759426794')))
    expect(r.renames).toMatchObject([{ originalName: 'app-6759426794', to: `app-6759426794-${H}` }])
  })
})

describe.skipIf(skipKubectl)('names already hashed, from kubectl kustomize itself', () => {
  it('kubectl kustomize | cmhash build - keeps every name', () => {
    const built = kustomize({
      'kustomization.yaml': 'configMapGenerator:\n- name: web-config\n  literals: [LOG_LEVEL=info]\nsecretGenerator:\n- name: web-secret\n  literals: [token=abc]\nresources: [deploy.yaml]\n',
      'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: app:1\n        envFrom: [{configMapRef: {name: web-config}}, {secretRef: {name: web-secret}}]\n',
    })
    const r = run(built)
    expect(r.renames.map(x => [x.originalName, x.from === x.to])).toEqual([['web-config', true], ['web-secret', true]])
    for (const x of r.renames) expect(x.to).toMatch(new RegExp(`^${x.originalName}-[a-z0-9]{10}$`))
    const envFrom = find(r.output, 'Deployment', 'web').spec.template.spec.containers[0].envFrom
    expect(envFrom.map((e: any) => e.configMapRef?.name ?? e.secretRef?.name)).toEqual(r.renames.map(x => x.to))
    expect(r.warnings).toEqual([])
  })
})

describe('objects that exist outside the input', () => {
  it('external names (with globs) are never missing, and keep their name when present', () => {
    const external = [{ kind: 'ConfigMap' as const, name: 'vault-*', reason: 'Vault writes it' }, { kind: 'ConfigMap' as const, name: 'app', namespace: 'team-?', reason: 'made by hand' }]
    expect(run(deploy('vault-agent'), { external }).warnings).toEqual([])
    expect(run(deploy('vault-agent')).warnings.map(w => w.code)).toEqual(['MISSING_REFERENCE'])
    const present = run(join(cm('app', '', 'team-a'), deploy('app', 'team-a')), { external })
    expect(present.renames).toEqual([])
    expect(present.warnings).toEqual([])
    expect(run(join(cm('app', '', 'team-ab'), deploy('app', 'team-ab')), { external }).renames).toHaveLength(1)
  })

  it("knows what Kubernetes and the presets' projects create at run time", () => {
    const made: Array<[string, string]> = [['kube-root-ca.crt', 'a'], ['istio-ca-root-cert', 'b'], ['argocd-redis', 'argocd'], ['ingress-nginx-admission', 'ingress-nginx']]
    for (const [name, ns] of made) {
      const ref = name === 'kube-root-ca.crt' || name === 'istio-ca-root-cert' ? deploy(name, ns) : deploy(name, ns).replace('configMapRef', 'secretRef')
      expect(run(ref).warnings, name).toEqual([])
    }
    expect(run(deploy('kube-root-ca.crt'), { presets: { istio: false } }).warnings).toEqual([])
    expect(run(deploy('istio-ca-root-cert'), { presets: { istio: false } }).warnings.map(w => w.code)).toEqual(['MISSING_REFERENCE'])
  })
})
