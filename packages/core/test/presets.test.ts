// Each preset on real examples published by its operator
// (fixtures/presets/<preset>/, sources and licences in SOURCE.md there),
// plus the corpus where it has the operator's objects.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, PRESETS, type CmhashError, type BuildInput, type BuildOptions, type BuildResult } from '@cmhash/core'
import { at, find } from './_build.js'

const root = new URL('../../../', import.meta.url).pathname
const fixture = (preset: string, ...files: string[]): BuildInput[] =>
  files.map(f => ({ path: `${preset}/${f}`, content: readFileSync(join(root, 'fixtures/presets', preset, f), 'utf8') }))
const corpus = (folder: string): BuildInput[] => (readdirSync(join(root, 'fixtures/corpus', folder), { recursive: true }) as string[])
  .filter(p => /\.ya?ml$/.test(p)).sort()
  .map(p => ({ path: p, content: readFileSync(join(root, 'fixtures/corpus', folder, p), 'utf8') }))
// Each its own path: build refuses a path given twice.
let extras = 0
const extra = (content: string): BuildInput => ({ path: `extra-${++extras}.yaml`, content })
const secret = (name: string, ns = 'default', key = 'k') => extra(`apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}, namespace: ${ns}}\ndata: {${key}: dg==}\n`)
const renamed = (r: BuildResult, name: string) => r.renames.find(x => x.originalName === name)?.to
const warnings = (r: BuildResult) => r.warnings.map(w => `${w.code} ${w.path ?? ''}`)
const without = (preset: string): BuildOptions => ({ presets: { [preset]: false } })

describe('argo-rollouts', () => {
  it('finds Rollout pod templates by shape (corpus)', () => {
    const r = build(corpus('argo-rollouts-examples'))
    expect(r.warnings).toEqual([])
    expect(r.output).toContain('kind: Rollout')
  })

  it('follows AnalysisTemplate secret args', () => {
    const r = build([...fixture('argo-rollouts', 'analysistemplate-args-secret.yaml'), secret('token-secret', 'default', 'apiToken')])
    expect(find(r.output, 'AnalysisTemplate', 'args-example').spec.args[4].valueFrom.secretKeyRef.name).toBe(renamed(r, 'token-secret'))
    expect(warnings(build(fixture('argo-rollouts', 'analysistemplate-prometheus-basicauth.yaml')))).toEqual([
      'MISSING_REFERENCE spec.args[1].valueFrom.secretKeyRef.name',
    ])
  })

  it("pins the controller's fixed-name settings (corpus)", () => {
    const names = build(corpus('argo-rollouts')).renames.map(x => x.originalName)
    expect(names).not.toContain('argo-rollouts-config')
  })
})

describe('argo-cd', () => {
  it('pins the settings Argo CD reads by name (corpus)', () => {
    const r = build(corpus('argo-cd'))
    expect(r.renames).toEqual([])
    const cm = r.warnings.find(w => w.code === 'PINNED' && w.resource?.name === 'argocd-cm')
    expect(cm?.message).toContain('Argo CD reads (and its CLI writes) this ConfigMap by its fixed name')
    expect(build(corpus('argo-cd'), without('argo-cd')).renames.map(x => x.originalName)).toEqual(['argocd-cm', 'argocd-ssh-known-hosts-cm'])
  })
})

describe('knative', () => {
  it.each(['secrets-go.yaml', 'hellovolume-projected.yaml', 'configmimic-configmap-volume.yaml'])('finds Service pod templates by shape: %s', file => {
    const r = build(fixture('knative', file))
    expect(r.renames.length).toBeGreaterThan(0)
    for (const x of r.renames) expect(r.output).toContain(`name: ${x.to}`)
    expect(r.output).toMatch(/kind: Service\n/)
  })

  it('rejects the sample whose Secret holds placeholders, not base64', () => {
    expect(() => build(fixture('knative', 'gitwebhook-go.yaml'))).toThrow(expect.objectContaining({ code: 'INVALID_BASE64' }))
  })
})

describe('prometheus-operator', () => {
  it('follows additionalScrapeConfigs', () => {
    const r = build(fixture('prometheus-operator', 'prometheus-additional-scrape-configs.yaml'))
    expect(find(r.output, 'Prometheus', 'prometheus').spec.additionalScrapeConfigs.name).toBe(renamed(r, 'additional-scrape-configs'))
  })

  it('rewrites pod-spec fields of the custom resources, and pins what spec.secrets/configMaps mount by name', () => {
    const input = fixture('prometheus-operator', 'openshift-prometheus-k8s.yaml')
    const listed = ['prometheus-k8s-tls', 'kube-rbac-proxy', 'metrics-client-certs']
    const r = build([...input, ...listed.map(n => secret(n, 'openshift-monitoring')),
      extra('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: prometheus-trusted-ca-bundle, namespace: openshift-monitoring}\ndata: {ca-bundle.crt: x}\n')])
    expect(r.renames.map(x => x.originalName)).toEqual(['prometheus-trusted-ca-bundle'])
    const volumes = find(r.output, 'Prometheus', 'k8s', 'openshift-monitoring').spec.volumes as Array<{ configMap?: { name: string } }>
    expect(volumes.map(v => v.configMap?.name)).toContain(renamed(r, 'prometheus-trusted-ca-bundle'))
    expect(find(r.output, 'Prometheus', 'k8s', 'openshift-monitoring').spec.secrets).toEqual(expect.arrayContaining(listed))
  })

  it('warns when a workload also uses a Secret that spec.secrets pins', () => {
    const r = build([...fixture('prometheus-operator', 'openshift-alertmanager-main.yaml'), secret('alertmanager-main-tls', 'openshift-monitoring'),
      extra('---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: openshift-monitoring}\nspec: {containers: [{name: c, image: i}], volumes: [{name: v, secret: {secretName: alertmanager-main-tls}}]}\n')])
    const pin = r.warnings.find(w => w.code === 'PINNED')!
    expect(pin.resource?.name).toBe('alertmanager-main-tls')
    expect(pin.message).toContain('mounts each at /etc/alertmanager/secrets/<name>')
  })

  it('follows Alertmanager configSecret (no published example sets it; see SOURCE.md)', () => {
    const r = build('apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: {name: main}\nspec: {configSecret: am-config}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: am-config}\nstringData: {alertmanager.yaml: "route: {}"}\n')
    expect(find(r.output, 'Alertmanager', 'main').spec.configSecret).toBe(renamed(r, 'am-config'))
  })
})

describe('flux', () => {
  it('follows HelmRelease valuesFrom, reading the kind beside each name', () => {
    const r = build(fixture('flux', 'helmrelease-valuesfrom.yaml'))
    const valuesFrom = find(r.output, 'HelmRelease', 'valuesfrom').spec.valuesFrom as Array<{ kind: string; name: string }>
    expect(new Set(valuesFrom.map(v => `${v.kind}/${v.name}`))).toEqual(new Set([
      `ConfigMap/${renamed(r, 'valuesfrom-config')}`, `Secret/${renamed(r, 'valuesfrom-secret')}`,
    ]))
  })

  it('sees Kustomization substituteFrom and source secretRefs, and says where a same-named ConfigMap is', () => {
    const r = build(fixture('flux', 'kustomization-substitutefrom.yaml'))
    expect(warnings(r)).toEqual(['MISSING_REFERENCE spec.postBuild.substituteFrom[0].name', 'MISSING_REFERENCE spec.secretRef.name'])
    expect(r.warnings[0]!.message).toContain('there is one in namespace devl')
    expect(warnings(build(fixture('flux', 'helmrelease-recommended.yaml'), without('flux')))).toEqual([])
  })
})

describe('keda', () => {
  it('follows TriggerAuthentication secretTargetRef', () => {
    const r = build(fixture('keda', 'splunk-full-example.yaml'))
    const ta = r.output.split('---').find(d => d.includes('kind: TriggerAuthentication'))!
    expect(ta).toContain(`name: ${renamed(r, 'splunk-creds')}`)
    expect(ta).not.toMatch(/name: splunk-creds\n/)
    expect(renamed(build(fixture('keda', 'splunk-full-example.yaml'), without('keda')), 'splunk-creds')).toBeUndefined()
  })

  it('rejects the sample whose Secret holds placeholders, not base64', () => {
    try {
      build(fixture('keda', 'rabbitmq-amqp-triggerauthentication.yaml'))
      expect.unreachable()
    } catch (e) {
      expect((e as CmhashError).errors.map(x => [x.code, x.path])).toEqual([['INVALID_BASE64', 'data["host"]'], ['INVALID_BASE64', 'data["vhostName"]']])
    }
  })
})

describe('external-secrets', () => {
  it('treats the target Secret as created by the operator: never renamed, never missing', () => {
    const deploy = extra('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c, image: i, envFrom: [{secretRef: {name: secret-to-be-created}}]}]}}}\n')
    const r = build([...fixture('external-secrets', 'getting-started.yaml'), deploy])
    expect(warnings(r)).toEqual(['MISSING_REFERENCE spec.provider.aws.auth.secretRef.accessKeyIDSecretRef.name'])
    const pinned = build([...fixture('external-secrets', 'getting-started.yaml'), deploy, secret('secret-to-be-created')])
    expect(pinned.renames.map(x => x.originalName)).not.toContain('secret-to-be-created')
    expect(warnings(build([...fixture('external-secrets', 'getting-started.yaml'), deploy], without('external-secrets')))).toEqual([
      'MISSING_REFERENCE spec.template.spec.containers[0].envFrom[0].secretRef.name',
    ])
  })

  it('follows store credentials', () => {
    const r = build([...fixture('external-secrets', 'full-secret-store.yaml'), secret('awssm-secret', 'example-ns')])
    expect(r.output).toContain(`name: ${renamed(r, 'awssm-secret')}`)
  })
})

describe('cert-manager', () => {
  it.each(['acme-issuer-ingress.yaml', 'ingress-cluster-issuer.yaml', 'certificate-mounted-by-deployment.yaml', 'ca-issuer-selfsigned-root.yaml'])(
    'knows the Secrets cert-manager writes: %s', file => {
      expect(build(fixture('cert-manager', file)).warnings).toEqual([])
    })

  it('never renames a Secret cert-manager writes, even when it is in the input', () => {
    const r = build([...fixture('cert-manager', 'certificate-mounted-by-deployment.yaml'), secret('www-tls')])
    expect(r.renames).toEqual([])
    expect(r.warnings.map(w => w.code)).toEqual(['PINNED'])
    expect(r.warnings[0]!.message).toContain('cert-manager writes the certificate into this Secret')
  })

  it('pins Secrets issuers read', () => {
    const r = build([...fixture('cert-manager', 'acme-dns01-issuer.yaml'), secret('prod-clouddns-svc-acct-secret'),
      extra('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}], volumes: [{name: v, secret: {secretName: prod-clouddns-svc-acct-secret}}]}\n')])
    expect(r.renames).toEqual([])
  })

  it('without the preset, reports the Secrets it writes as missing', () => {
    expect(warnings(build(fixture('cert-manager', 'acme-issuer-ingress.yaml'), without('cert-manager')))).toEqual(['MISSING_REFERENCE spec.tls[0].secretName'])
  })
})

describe('gateway-api', () => {
  it('follows certificateRefs, in the namespace they name', () => {
    const r = build([...fixture('gateway-api', 'tls-cert-cross-namespace.yaml'), secret('wildcard-example-com-cert', 'gateway-api-example-ns2')])
    expect(find(r.output, 'Gateway', 'cross-namespace-tls-gateway').spec.listeners[0].tls.certificateRefs[0].name).toBe(renamed(r, 'wildcard-example-com-cert'))
  })

  it('follows BackendTLSPolicy ConfigMap refs by their kind', () => {
    const r = build([...fixture('gateway-api', 'backendtlspolicy-ca-certs.yaml'), extra('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: auth-cert}\ndata: {ca.crt: x}\n')])
    expect(r.output).toContain(`name: ${renamed(r, 'auth-cert')}`)
  })
})

describe('istio', () => {
  it('follows credentialName to the Secret in whatever namespace holds it', () => {
    const r = build(fixture('istio', 'gateway-duplicate-certificate.yaml'))
    expect(r.renames.length).toBe(9)
    for (const x of r.renames) expect(r.output).toContain(`credentialName: "${x.to}"`)
  })

  it('skips placeholders such as $CREDENTIAL_NAME', () => {
    expect(build(fixture('istio', 'expose-istiod-https.yaml')).warnings).toEqual([])
  })

  it("pins istiod's fixed-name configuration (corpus)", () => {
    const r = build(corpus('kapp-cf-for-k8s'))
    expect(r.renames.map(x => x.originalName)).not.toContain('istio')
    expect(r.warnings.find(w => w.resource?.name === 'istio')?.message).toContain('istiod reads the mesh configuration')
  })
})

describe('traefik', () => {
  it.each([
    ['ingressroute-tls-secret.yaml', 'supersecret'],
    ['middleware-auth-secrets.yaml', 'authsecret'],
    ['tlsoption-client-auth-secrets.yaml', 'secret-ca2'],
  ])('%s: follows %s', (file, name) => {
    const r = build(fixture('traefik', file))
    const to = renamed(r, name)
    expect(to).toMatch(new RegExp(`^${name}-[a-z0-9]{10}$`))
    expect(r.output).toMatch(new RegExp(`(secretName|secret|- ): ?${to}\\n|- ${to}\\n`))
    expect(renamed(build(fixture('traefik', file), without('traefik')), name)).toBeUndefined()
  })

  // Shapes from Traefik's CRD schemas (v3), for the fields the docs' examples lack.
  it.each([
    ['TLSStore', 'certificates: [{secretName: NAME}]'],
    ['Middleware', 'forwardAuth: {address: "https://auth", tls: {caSecret: NAME}}'],
    ['Middleware', 'forwardAuth: {address: "https://auth", tls: {certSecret: NAME}}'],
    ['Middleware', 'rateLimit: {redis: {endpoints: ["r:6379"], secret: NAME}}'],
    ['Middleware', 'rateLimit: {redis: {endpoints: ["r:6379"], tls: {caSecret: NAME}}}'],
    ['Middleware', 'rateLimit: {redis: {endpoints: ["r:6379"], tls: {certSecret: NAME}}}'],
    ['ServersTransport', 'rootCAs: [{secret: NAME}]'],
    ['ServersTransport', 'rootCAs: [{configMap: NAME}]'],
    ['ServersTransport', 'rootCAsSecrets: [NAME]'],
    ['ServersTransport', 'certificatesSecrets: [NAME]'],
    ['ServersTransportTCP', 'tls: {rootCAs: [{secret: NAME}]}'],
    ['ServersTransportTCP', 'tls: {rootCAs: [{configMap: NAME}]}'],
    ['ServersTransportTCP', 'tls: {rootCAsSecrets: [NAME]}'],
    ['ServersTransportTCP', 'tls: {certificatesSecrets: [NAME]}'],
  ])('%s %s: follows', (kind, spec) => {
    const target = spec.includes('configMap') ? 'ConfigMap' : 'Secret'
    const input = [
      `apiVersion: v1\nkind: ${target}\nmetadata: {name: ca}\ndata: {ca.crt: ${target === 'Secret' ? 'Y2E=' : 'ca'}}\n`,
      `apiVersion: traefik.io/v1alpha1\nkind: ${kind}\nmetadata: {name: t}\nspec:\n  ${spec.replace('NAME', 'ca')}\n`,
    ].join('---\n')
    const r = build([{ path: 'in.yaml', content: input }])
    const to = renamed(r, 'ca')
    expect(to).toMatch(/^ca-[a-z0-9]{10}$/)
    expect(r.output.split('---\n')[1]).toContain(spec.replace('NAME', to!))
    expect(r.warnings).toEqual([])
    expect(renamed(build([{ path: 'in.yaml', content: input }], without('traefik')), 'ca')).toBeUndefined()
  })
})

/** Every file of a fixture folder (or one sub-folder of it), in path order. */
const folder = (preset: string, sub = ''): BuildInput[] => (readdirSync(join(root, 'fixtures/presets', preset, sub), { recursive: true }) as string[])
  .filter(p => /\.(ya?ml|golden)$/.test(p)).sort()
  .map(p => ({ path: `${preset}/${join(sub, p)}`, content: readFileSync(join(root, 'fixtures/presets', preset, sub, p), 'utf8') }))
const codes = (r: BuildResult) => r.warnings.map(w => `${w.code} ${w.resource?.name ?? ''}`)

describe('every preset', () => {
  it('says, for every reference, whether its field can change, and why it is what it is', () => {
    for (const p of PRESETS) {
      for (const spec of p.references) expect(spec, `${p.name} ${spec.path}`).toMatchObject({ mutable: expect.any(Boolean), reason: expect.any(String) })
      for (const pin of [...p.pinned, ...p.external]) expect(pin.reason, `${p.name} ${pin.name}`).not.toBe('')
    }
  })
})

describe('linkerd', () => {
  it('pins what the linkerd CLI reads by name (its own golden install)', () => {
    const r = build(fixture('linkerd', 'install_default.golden'))
    const names = r.renames.map(x => x.originalName)
    for (const name of ['linkerd-identity-issuer', 'linkerd-identity-trust-roots', 'linkerd-config']) expect(names).not.toContain(name)
    expect(r.warnings.find(w => w.code === 'PINNED' && w.resource?.name === 'linkerd-identity-issuer')?.message).toContain('linkerd check and linkerd upgrade')
    // kube-root-ca.crt is published by Kubernetes in every namespace: not missing.
    expect(codes(r).filter(c => c.includes('kube-root-ca.crt'))).toEqual([])
    expect(build(fixture('linkerd', 'install_default.golden'), without('linkerd')).renames.map(x => x.originalName))
      .toEqual(expect.arrayContaining(['linkerd-identity-issuer', 'linkerd-identity-trust-roots']))
  })
})

describe('nginx-inc', () => {
  it.each([
    ['custom-resources/transport-server-sni', 'TransportServer', 'cafe-ts', 'spec.tls.secret', 'cafe-secret'],
    ['custom-resources/basic-auth', 'VirtualServer', 'cafe', 'spec.tls.secret', 'cafe-secret'],
    ['custom-resources/basic-auth', 'Policy', 'basic-auth-policy', 'spec.basicAuth.secret', 'cafe-passwd'],
    ['custom-resources/egress-mtls', 'Policy', 'egress-mtls-policy', 'spec.egressMTLS.tlsSecret', 'egress-mtls-secret'],
    ['custom-resources/egress-mtls', 'Policy', 'egress-mtls-policy', 'spec.egressMTLS.trustedCertSecret', 'egress-trusted-ca-secret'],
    ['ingress-resources/basic-auth', 'Ingress', 'cafe-ingress', 'metadata.annotations["nginx.org/basic-auth-secret"]', 'cafe-passwd'],
  ])('%s: %s %s %s follows the rename', (sub, kind, name, path, secretName) => {
    const r = build(folder('nginx-inc', `examples/${sub}`))
    expect(at(find(r.output, kind, name), path)).toBe(renamed(r, secretName))
    expect(r.warnings).toEqual([])
    // Without the preset nothing else references the Secret, so it keeps its name; hashing every
    // ConfigMap and Secret anyway, the safety net points at the field.
    expect(renamed(build(folder('nginx-inc', `examples/${sub}`), without('nginx-inc')), secretName)).toBeUndefined()
    const all = build(folder('nginx-inc', `examples/${sub}`), { select: 'all', ...without('nginx-inc') })
    expect(all.warnings.filter(w => w.code === 'POSSIBLE_REFERENCE').map(w => w.resource?.name)).toContain(secretName)
  })

  it('a VirtualServer with spec.tls.cert-manager: cert-manager writes the Secret', () => {
    expect(build(folder('nginx-inc', 'examples/custom-resources/certmanager')).warnings).toEqual([])
    expect(codes(build(folder('nginx-inc', 'examples/custom-resources/certmanager'), without('nginx-inc')))).toEqual([])
  })

  it('pins the ConfigMaps its flags name, and the license Secret nginx-config-mgmt names', () => {
    const input = [...folder('nginx-inc', 'deployments'), extra('apiVersion: v1\nkind: Secret\nmetadata: {name: license-token, namespace: nginx-ingress}\ndata: {license.jwt: YQ==}\n')]
    const r = build(input, { select: 'all' })
    expect(r.renames.map(x => x.originalName)).toEqual([])
    expect(build(input, { select: 'all', ...without('nginx-inc') }).renames.map(x => x.originalName)).toEqual(['nginx-config-mgmt', 'license-token'])
  })
})

describe('argo-workflows', () => {
  it('follows a WorkflowTemplate\'s template volumes (found by shape) and says the next run uses them', () => {
    const r = build([...fixture('argo-workflows', 'examples/buildkit-template.yaml'), extra('apiVersion: v1\nkind: Secret\nmetadata: {name: docker-config}\ndata: {config.json: e30=}\n')])
    expect(r.renames[0]!.referencedBy).toMatchObject([{ kind: 'WorkflowTemplate', path: 'spec.templates[3].volumes[0].secret.secretName', effect: 'updates' }])
    expect(r.output).toContain(`secretName: ${renamed(r, 'docker-config')}`)
  })

  it('follows parameters from a ConfigMap, and checks the key', () => {
    const input = fixture('argo-workflows', 'examples/arguments-parameters-from-configmap.yaml', 'examples/configmaps/simple-parameters-configmap.yaml')
    const r = build(input)
    expect(r.output).toContain(`name: ${renamed(r, 'simple-parameters')}`)
    // A Workflow made with generateName is new every time: nothing to warn about.
    expect(r.warnings).toEqual([])
    expect(() => build([input[0]!, extra(input[1]!.content.replace('msg:', 'message:'))])).toThrow(expect.objectContaining({ code: 'MISSING_KEY' }))
  })

  it('pins a semaphore ConfigMap, and follows artifact and pull Secrets', () => {
    const semaphore = build([...fixture('argo-workflows', 'examples/synchronization-wf-level.yaml'), extra('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: my-config}\ndata: {workflow: "1"}\n')], { select: 'all' })
    expect(semaphore.renames).toEqual([])
    const s3 = build([...fixture('argo-workflows', 'examples/input-artifact-s3.yaml'), extra('apiVersion: v1\nkind: Secret\nmetadata: {name: my-s3-credentials}\ndata: {accessKey: YQ==, secretKey: Yg==}\n')])
    expect(s3.renames[0]!.referencedBy.map(x => x.path)).toEqual([
      'spec.templates[0].inputs.artifacts[0].s3.accessKeySecret.name', 'spec.templates[0].inputs.artifacts[0].s3.secretKeySecret.name',
    ])
    const pull = build([...fixture('argo-workflows', 'examples/image-pull-secrets.yaml'), extra('apiVersion: v1\nkind: Secret\nmetadata: {name: docker-registry-secret}\ndata: {.dockerconfigjson: e30=}\n')])
    expect(pull.renames[0]!.referencedBy.map(x => x.path)).toEqual(['spec.imagePullSecrets[0].name'])
  })
})

describe('jaeger', () => {
  it.each([
    ['examples/openshift/with-htpasswd.yaml', 'Secret', 'htpasswd', 'spec.volumes[0].secret.secretName'],
    ['examples/with-grpc-storage-plugin.yaml', 'ConfigMap', 'jaeger-clickhouse', 'spec.volumes[0].configMap.name'],
    ['examples/with-ingress-host-and-tls.yaml', 'Secret', 'jaeger-example-com-tls', 'spec.ingress.tls[0].secretName'],
  ])('%s: %s %s at %s', (file, kind, name, path) => {
    const r = build([...fixture('jaeger', file), extra(`apiVersion: v1\nkind: ${kind}\nmetadata: {name: ${name}}\ndata: {k: ${kind === 'Secret' ? 'YQ==' : 'v'}}\n`)])
    expect(r.renames[0]!.referencedBy.map(x => x.path)).toEqual([path])
    expect(r.warnings).toEqual([])
  })
})

describe('tekton', () => {
  it('pins the ConfigMaps Tekton watches by name, even with --select all', () => {
    const r = build(folder('tekton', 'config'), { select: 'all' })
    expect(r.renames).toEqual([])
    // config-registry-cert has no data (the user fills it in), so it keeps its name anyway.
    expect(build(folder('tekton', 'config'), { select: 'all', ...without('tekton') }).renames.map(x => x.originalName).sort())
      .toEqual(['config-logging', 'feature-flags'])
  })

  it('pins the Secret git-resolver-config names, rather than edit the ConfigMap\'s data', () => {
    const resolverConfig = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: git-resolver-config, namespace: tekton-pipelines-resolvers}\n' +
      'data: {api-token-secret-name: github-token, api-token-secret-key: token, api-token-secret-namespace: ci}\n'
    const r = build([extra(resolverConfig), secret('github-token', 'ci', 'token'),
      extra('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: ci}\nspec: {template: {spec: {containers: [{name: c, image: i, envFrom: [{secretRef: {name: github-token}}]}]}}}\n')])
    expect(r.renames).toEqual([])
    expect(r.warnings.map(w => w.message)).toEqual([expect.stringContaining('the git resolver reads the API token')])
  })

  it.each(['secret-env.yaml', 'secret-env-from.yaml'])('follows a TaskRun step\'s env (%s); a started TaskRun cannot change', file => {
    const r = build(fixture('tekton', `examples/v1/taskruns/${file}`))
    expect(r.renames[0]!.referencedBy).toMatchObject([{ kind: 'TaskRun', effect: 'recreate' }])
    expect(r.warnings.map(w => w.code)).toEqual(['RECREATE_REQUIRED'])
  })
})

describe('objects made at run time', () => {
  it.each([
    ['contour', 'contourcert'],
    ['rook', 'rook-ceph-mon'],
    ['secrets-store-csi-driver', 'foosecret'],
    ['sealed-secrets', 'example'],
  ])('%s: %s is not missing', (preset, name) => {
    expect(build(folder(preset)).warnings).toEqual([])
    expect(codes(build(folder(preset), without(preset)))).toContain(`MISSING_REFERENCE ${name}`)
  })

  it('grafana-operator: follows valuesFrom and dashboards from ConfigMaps; the token Secret it writes keeps its name', () => {
    // The example's Secret says namespace grafana and the datasource none: it is applied with -n grafana.
    const ds = build(folder('grafana-operator', 'examples/datasource'), { namespace: 'grafana' })
    expect(ds.renames.map(x => [x.originalName, x.referencedBy[0]!.path])).toEqual([['credentials', 'spec.valuesFrom[0].valueFrom.secretKeyRef.name']])
    expect(codes(ds)).toEqual(['MISSING_REFERENCE dynamic-settings'])
    const dash = build(folder('grafana-operator', 'examples/dashboard'))
    expect(dash.renames.map(x => [x.originalName, x.referencedBy[0]!.path])).toEqual([['dashboard-definition', 'spec.configMapRef.name']])
    const tokens = build([...folder('grafana-operator', 'examples/serviceaccounts'), secret('thatsfine'),
      extra('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c, image: i, envFrom: [{secretRef: {name: thatsfine}}]}]}}}\n')])
    expect(tokens.renames).toEqual([])
  })

  it('argo-cd, istio, cert-manager: argocd-redis, istio-ca-root-cert, cert-manager-webhook-ca', () => {
    expect(codes(build(corpus('argo-cd'))).filter(c => c.startsWith('MISSING'))).toEqual([])
    expect(codes(build(corpus('argo-cd'), without('argo-cd'))).filter(c => c.startsWith('MISSING'))).toEqual(['MISSING_REFERENCE argocd-redis'])
  })

  it('rook: a StorageClass and a VolumeReplicationClass pin what they name; their immutable parameters are left alone', () => {
    const input = [...folder('rook', 'deploy/examples/csi'), ...fixture('rook', 'deploy/examples/volume-replication-class.yaml'),
      secret('rook-csi-rbd-provisioner', 'rook-ceph'), secret('rook-csi-rbd-node', 'rook-ceph')]
    const r = build(input, { select: 'all' })
    expect(r.renames.map(x => x.originalName)).toEqual([])
    expect(r.warnings).toEqual([])
  })
})

describe('knative config', () => {
  it('pins the config-* ConfigMaps every component watches by name, even with --select all', () => {
    expect(build(folder('knative', 'config'), { select: 'all' }).renames).toEqual([])
    expect(build(folder('knative', 'config'), { select: 'all', ...without('knative') }).renames.map(x => x.originalName).sort())
      .toEqual(['config-logging', 'config-network'])
  })

  it('pins Knative Eventing\'s config ConfigMaps too, and still renames what its controller reads by configMapKeyRef', () => {
    const input = folder('knative', 'eventing')
    const r = build(input, { select: 'all' })
    expect(r.renames.map(x => x.originalName).sort()).toEqual(['eventing-integrations-images', 'eventing-transformations-images'])
    const off = build(input, { select: 'all', ...without('knative') }).renames.map(x => x.originalName)
    expect(off).toEqual(expect.arrayContaining(['config-br-defaults', 'config-observability', 'default-ch-webhook', 'config-imc-event-dispatcher']))
    expect(off).toHaveLength(14)
  })
})
