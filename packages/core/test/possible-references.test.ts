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

describe('names a program finds in an env value, a flag, or as namespace/name (--select all)', () => {
  const cm = (name: string, ns = 'ops') => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${ns}}\ndata: {k: v}\n`
  // The operator Deployments of Zalando's postgres-operator (manifests/postgres-operator.yaml,
  // MIT) and CloudNativePG's release (releases/cnpg-1.30.0.yaml, Apache-2.0), cut down.
  const operator = (container: string) => 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: operator, namespace: ops}\nspec:\n' +
    `  template:\n    spec:\n      containers:\n      - name: op\n        image: op\n${container.replace(/^/gm, '        ')}\n`
  const warned = (container: string, ...extra: string[]) =>
    possible(run([cm('target'), operator(container), ...extra].join('---\n'), { select: 'all' }))

  it.each([
    ['env CONFIG_MAP_NAME (Zalando)', 'env:\n# provided additional ENV vars can overwrite individual config map entries\n- name: CONFIG_MAP_NAME\n  value: "target"', 'env[0].value'],
    ['env MONITORING_QUERIES_CONFIGMAP (CloudNativePG)', 'env:\n- name: OPERATOR_NAMESPACE\n  valueFrom: {fieldRef: {fieldPath: metadata.namespace}}\n- name: MONITORING_QUERIES_CONFIGMAP\n  value: target', 'env[1].value'],
    ['--flag=name (CloudNativePG --config-map-name)', 'args:\n- controller\n- --config-map-name=target\n- --webhook-port=9443', 'args[1]'],
    ['--flag=namespace/name', 'args: ["--configmap=ops/target"]', 'args[0]'],
    ['--flag=$(POD_NAMESPACE)/name (ingress-nginx)', 'args:\n- /nginx-ingress-controller\n- --configmap=$(POD_NAMESPACE)/target', 'args[1]'],
    ['--flag name', 'command: [op, --config-map-name, target]', 'command[2]'],
    ['-flag=name', 'args: [-tcp-services-configmap=ops/target]', 'args[0]'],
  ])('warns for %s, suggesting a pin', (_, container, path) => {
    const [w, ...others] = warned(container)
    expect(others).toEqual([])
    expect(w).toMatchObject({ resource: { kind: 'ConfigMap', namespace: 'ops', name: 'target' }, path: `spec.template.spec.containers[0].${path}` })
    expect(w!.message).toContain('If a program finds this object by that name, pin it in the configuration (pinned: - {kind: ConfigMap, namespace: ops, name: target})')
  })

  it.each([
    ['another namespace written before the name', 'args: ["--configmap=other/target"]'],
    ['a variable whose name does not say', 'env: [{name: MODE, value: target}]'],
    ['a variable that names a namespace', 'env: [{name: CONFIG_MAP_NAMESPACE, value: target}]'],
    ['a flag that names a namespace or a file', 'args: [--secret-namespace=target, --tls-secret-file=target]'],
    ['a flag followed by another flag', 'args: [--config-map-name, --target]'],
    ['a flag outside args and command', 'env: [{name: X, value: --configmap=target}]'],
    ['the name inside a longer string', 'args: ["--configmap=target,other", "--configmap=ops/target/x"]'],
  ])('is silent for %s', (_, container) => {
    expect(warned(container)).toEqual([])
  })

  it('reads namespace/name under a key that names one, and suggests the entry with its format', () => {
    // Zalando's operator ConfigMap: pod_environment_configmap: "default/my-custom-config".
    const settings = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: postgres-operator, namespace: default}\ndata:\n  pod_environment_configmap: "ops/target"\n'
    const [w] = warned('env: []', settings)
    expect(w).toMatchObject({ resource: { name: 'target' }, path: 'data.pod_environment_configmap' })
    expect(w!.message).toContain('{kind: ConfigMap, path: data/pod_environment_configmap, refKind: ConfigMap, format: namespaced-name, use: pin}')
    expect(warned('env: []', settings.replace('ops/target', 'other/target'))).toEqual([])
  })

  it('reads the value of any {name, value} list entry: Tekton\'s http resolver params (tektoncd/pipeline examples, Apache-2.0)', () => {
    const pipelineRun = source`
      apiVersion: tekton.dev/v1
      kind: PipelineRun
      metadata: {name: http-resolver, namespace: ops}
      spec:
        pipelineSpec:
          tasks:
            - name: http-resolver
              taskRef:
                resolver: http
                params:
                  - name: http-username
                    value: git
                  - name: http-password-secret
                    value: target
                  - name: http-password-secret-key
                    value: token
    `
    const [w, ...others] = possible(run([secret('target', 'ops'), pipelineRun].join('---\n'), { select: 'all' }))
    expect(others).toEqual([])
    expect(w).toMatchObject({ resource: { kind: 'Secret', name: 'target' }, path: 'spec.pipelineSpec.tasks[0].taskRef.params[1].value' })
  })

  it('with the field test\'s reproduction: both operators\' ConfigMaps are warned about', () => {
    const r = run([cm('postgres-operator'), cm('tcp-services'), operator('args: ["--tcp-services-configmap=ops/tcp-services"]\nenv:\n- name: CONFIG_MAP_NAME\n  value: postgres-operator')].join('---\n'), { select: 'all' })
    expect(possible(r).map(w => w.resource?.name)).toEqual(['tcp-services', 'postgres-operator'])
  })
})
