// Every reference location the build must rewrite, each checked on its own.
import { describe, expect, it } from 'vitest'
import { hashConfigMap, hashSecret, REFERENCE_SPECS } from '@cmhash/core'
import { at, find, run } from './_build.js'

const CM = `cfg-${hashConfigMap({ data: { k: 'v' } })}`
const SECRET = `sec-${hashSecret({ data: { k: 'dg==' } })}`
const TARGETS = (ns = 'default') => [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: ns }, data: { k: 'v' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec', namespace: ns }, data: { k: 'dg==' } },
]

function setPath(obj: Record<string, any>, path: string, value: unknown): Record<string, any> {
  const keys = path.match(/[^.[\]]+/g)!
  let o: any = obj
  keys.forEach((k, i) => {
    const key = /^\d+$/.test(k) ? Number(k) : k
    if (i === keys.length - 1) o[key] = value
    else o = o[key] ??= /^\d+$/.test(keys[i + 1]!) ? [] : {}
  })
  return obj
}

function stream(...objs: unknown[]): string {
  return objs.map(o => JSON.stringify(o, null, 2)).join('\n---\n')
}

const POD_SPEC_LOCATIONS: Array<[string, 'ConfigMap' | 'Secret']> = [
  ...['containers', 'initContainers', 'ephemeralContainers'].flatMap(c => [
    [`${c}[0].env[0].valueFrom.configMapKeyRef.name`, 'ConfigMap'],
    [`${c}[0].env[0].valueFrom.secretKeyRef.name`, 'Secret'],
    [`${c}[0].envFrom[0].configMapRef.name`, 'ConfigMap'],
    [`${c}[0].envFrom[0].secretRef.name`, 'Secret'],
  ] as Array<[string, 'ConfigMap' | 'Secret']>),
  ['volumes[0].configMap.name', 'ConfigMap'],
  ['volumes[0].secret.secretName', 'Secret'],
  ['volumes[0].projected.sources[0].configMap.name', 'ConfigMap'],
  ['volumes[0].projected.sources[1].secret.name', 'Secret'],
  ['volumes[0].csi.nodePublishSecretRef.name', 'Secret'],
  ['volumes[0].cephfs.secretRef.name', 'Secret'],
  ['volumes[0].rbd.secretRef.name', 'Secret'],
  ['volumes[0].iscsi.secretRef.name', 'Secret'],
  ['volumes[0].flexVolume.secretRef.name', 'Secret'],
  ['volumes[0].azureFile.secretName', 'Secret'],
  ['volumes[0].scaleIO.secretRef.name', 'Secret'],
  ['volumes[0].storageos.secretRef.name', 'Secret'],
  ['imagePullSecrets[0].name', 'Secret'],
]

const podSpec = () => ({ containers: [{ name: 'app', image: 'app:1' }], initContainers: [{ name: 'init', image: 'init:1' }], ephemeralContainers: [{ name: 'debug', image: 'busybox' }] })

const WORKLOADS: Array<[string, string, string]> = [
  ['v1', 'Pod', 'spec'],
  ['v1', 'PodTemplate', 'template.spec'],
  ['v1', 'ReplicationController', 'spec.template.spec'],
  ['apps/v1', 'ReplicaSet', 'spec.template.spec'],
  ['apps/v1', 'Deployment', 'spec.template.spec'],
  ['apps/v1', 'StatefulSet', 'spec.template.spec'],
  ['apps/v1', 'DaemonSet', 'spec.template.spec'],
  ['batch/v1', 'Job', 'spec.template.spec'],
  ['batch/v1', 'CronJob', 'spec.jobTemplate.spec.template.spec'],
  ['argoproj.io/v1alpha1', 'Rollout', 'spec.template.spec'],
  ['example.com/v1', 'MadeUpWorkload', 'spec.runners[0].podTemplate.spec'],
]

describe('pod spec locations (in a Deployment)', () => {
  it.each(POD_SPEC_LOCATIONS)('%s → %s', (path, target) => {
    const deploy = setPath({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: podSpec() } } },
      `spec.template.spec.${path}`, target === 'ConfigMap' ? 'cfg' : 'sec')
    const { output, warnings } = run(stream(...TARGETS(), deploy))
    expect(at(find(output, 'Deployment', 'web'), `spec.template.spec.${path}`)).toBe(target === 'ConfigMap' ? CM : SECRET)
    expect(warnings).toEqual([])
  })
})

describe('pod specs found in every workload kind, custom resources included', () => {
  it.each(WORKLOADS)('%s %s at %s', (apiVersion, kind, podPath) => {
    const spec = podSpec()
    setPath(spec, 'volumes[0].configMap.name', 'cfg')
    setPath(spec, 'containers[0].env[0].valueFrom.secretKeyRef.name', 'sec')
    const workload = setPath({ apiVersion, kind, metadata: { name: 'w' } }, podPath, spec)
    const out = find(run(stream(...TARGETS(), workload)).output, kind, 'w')
    expect(at(out, `${podPath}.volumes[0].configMap.name`)).toBe(CM)
    expect(at(out, `${podPath}.containers[0].env[0].valueFrom.secretKeyRef.name`)).toBe(SECRET)
  })

  it('ignores a CRD schema that merely describes containers', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'things.example.com' },
      spec: { versions: [{ schema: { openAPIV3Schema: { properties: { containers: { type: 'array' }, name: { type: 'string' } } } } }] },
    }
    expect(run(stream(crd)).output).toBe(`${JSON.stringify(crd, null, 2)}\n`)
  })
})

describe('locations outside pod specs', () => {
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['ServiceAccount secrets', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x' }, secrets: [{ name: 'sec' }] }, 'secrets[0].name', SECRET],
    ['ServiceAccount imagePullSecrets', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x' }, imagePullSecrets: [{ name: 'sec' }] }, 'imagePullSecrets[0].name', SECRET],
    ['Ingress tls', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x' }, spec: { tls: [{ hosts: ['a'], secretName: 'sec' }] } }, 'spec.tls[0].secretName', SECRET],
    ['Ingress extensions/v1beta1 tls', { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'x' }, spec: { tls: [{ secretName: 'sec' }] } }, 'spec.tls[0].secretName', SECRET],
    ['ingress-nginx auth-secret (name)', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x', annotations: { 'nginx.ingress.kubernetes.io/auth-secret': 'sec' } } }, 'metadata.annotations["nginx.ingress.kubernetes.io/auth-secret"]', SECRET],
    ['ingress-nginx auth-tls-secret (namespace/name)', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x', annotations: { 'nginx.ingress.kubernetes.io/auth-tls-secret': 'default/sec' } } }, 'metadata.annotations["nginx.ingress.kubernetes.io/auth-tls-secret"]', `default/${SECRET}`],
    ['ingress-nginx fastcgi-params-configmap', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x', annotations: { 'nginx.ingress.kubernetes.io/fastcgi-params-configmap': 'cfg' } } }, 'metadata.annotations["nginx.ingress.kubernetes.io/fastcgi-params-configmap"]', CM],
    ['PersistentVolume csi nodePublishSecretRef', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { csi: { driver: 'd', nodePublishSecretRef: { name: 'sec', namespace: 'default' } } } }, 'spec.csi.nodePublishSecretRef.name', SECRET],
    ['PersistentVolume csi controllerExpandSecretRef', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { csi: { driver: 'd', controllerExpandSecretRef: { name: 'sec', namespace: 'default' } } } }, 'spec.csi.controllerExpandSecretRef.name', SECRET],
    ['PersistentVolume azureFile', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { azureFile: { secretName: 'sec', secretNamespace: 'default', shareName: 's' } } }, 'spec.azureFile.secretName', SECRET],
    ['StorageClass CSI parameters', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sc' }, provisioner: 'p', parameters: { 'csi.storage.k8s.io/provisioner-secret-name': 'sec', 'csi.storage.k8s.io/provisioner-secret-namespace': 'default' } }, 'parameters["csi.storage.k8s.io/provisioner-secret-name"]', SECRET],
    ['StorageClass adminSecretName', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sc' }, provisioner: 'kubernetes.io/rbd', parameters: { adminSecretName: 'sec', adminSecretNamespace: 'default' } }, 'parameters.adminSecretName', SECRET],
    ['Node configSource', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { configSource: { configMap: { name: 'cfg', namespace: 'default', kubeletConfigKey: 'k' } } } }, 'spec.configSource.configMap.name', CM],
  ]
  it.each(cases)('%s', (_, referrer, path, expected) => {
    const { output } = run(stream(...TARGETS(), referrer))
    expect(at(find(output, referrer.kind as string, (referrer.metadata as { name: string }).name), path)).toBe(expected)
  })

  it('leaves templated StorageClass parameters alone', () => {
    const sc = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sc' }, provisioner: 'p', parameters: { 'csi.storage.k8s.io/node-publish-secret-name': '${pvc.name}', 'csi.storage.k8s.io/node-publish-secret-namespace': '${pvc.namespace}' } }
    const { output, warnings } = run(stream(...TARGETS(), sc))
    expect(find(output, 'StorageClass', 'sc').parameters['csi.storage.k8s.io/node-publish-secret-name']).toBe('${pvc.name}')
    expect(warnings).toEqual([])
  })
})

describe('the reference table', () => {
  it('is data: every entry names a path, a target and a use', () => {
    for (const spec of REFERENCE_SPECS) {
      expect(spec.path).toMatch(/^[^/]+(\/[^/]|\\\/)*/)
      expect(['ConfigMap', 'Secret']).toContain(spec.target)
      expect(['rewrite', 'pin']).toContain(spec.use)
    }
  })

  it('covers every location kustomize knows for ConfigMaps and Secrets outside pod specs', () => {
    const byKind = (kind: string) => REFERENCE_SPECS.filter(s => s.on !== 'PodSpec' && s.on.kind === kind).map(s => s.path)
    expect(byKind('Ingress')).toEqual(expect.arrayContaining([
      'spec/tls/secretName',
      'metadata/annotations/ingress.kubernetes.io\\/auth-secret',
      'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret',
      'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret',
      'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap',
    ]))
    expect(byKind('StorageClass')).toEqual(expect.arrayContaining([
      'parameters/secretName', 'parameters/adminSecretName', 'parameters/userSecretName', 'parameters/secretRef',
    ]))
    expect(byKind('ServiceAccount')).toEqual(expect.arrayContaining(['imagePullSecrets/name', 'secrets/name']))
    expect(byKind('PersistentVolume')).toContain('spec/azureFile/secretName')
    expect(byKind('Node')).toContain('spec/configSource/configMap/name')
    expect(byKind('Role')).toContain('rules/resourceNames')
    expect(byKind('ClusterRole')).toContain('rules/resourceNames')
  })
})
