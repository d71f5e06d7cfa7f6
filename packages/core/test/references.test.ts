// Every reference location the build must rewrite, each checked on its own.
import { describe, expect, it } from 'vitest'
import { hashConfigMap, hashSecret, REFERENCE_SPECS, type ReferenceSpec } from '@cmhash/core'
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
    // An ephemeral container cannot change once added (mutable: false), so whatever holds it must be recreated.
    expect(warnings.map(w => w.code)).toEqual(path.startsWith('ephemeral') ? ['RECREATE_REQUIRED'] : [])
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
    ['Node configSource', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { configSource: { configMap: { name: 'cfg', namespace: 'default', kubeletConfigKey: 'k' } } } }, 'spec.configSource.configMap.name', CM],
  ]
  it.each(cases)('%s', (_, referrer, path, expected) => {
    const { output } = run(stream(...TARGETS(), referrer))
    expect(at(find(output, referrer.kind as string, (referrer.metadata as { name: string }).name), path)).toBe(expected)
  })

  it('leaves templated StorageClass parameters alone, and never reports them missing', () => {
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
    const byKind = (kind: string) => REFERENCE_SPECS.filter(s => typeof s.on === 'object' && s.on.kind === kind).map(s => s.path)
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

/** An object of the entry's kind with `value` at its path, and the namespace key beside it (the table's own data drives the test). */
function objectAt(spec: ReferenceSpec, value: string, annotations?: Record<string, string>): Record<string, any> {
  const on = spec.on as { kind: string; groups?: readonly string[] }
  const group = on.groups?.[0] ?? ''
  const keys = spec.path.split(/(?<!\\)\//).map(k => k.replaceAll('\\/', '/'))
  const obj: Record<string, any> = { apiVersion: group ? `${group}/v1` : 'v1', kind: on.kind, metadata: { name: 'holder', ...(annotations ? { annotations } : {}) } }
  let holder = obj
  for (const k of keys.slice(0, -1)) holder = holder[k] ??= {}
  holder[keys.at(-1)!] = value
  if (spec.namespaceKey) holder[spec.namespaceKey] = 'default'
  return obj
}

const IMMUTABLE = REFERENCE_SPECS.filter(s => s.mutable === false && typeof s.on === 'object')
const pathOf = (spec: ReferenceSpec) => spec.path.split(/(?<!\\)\//).map(k => k.replaceAll('\\/', '/'))
  .map((k, i) => (/^[A-Za-z_$][\w$-]*$/.test(k) ? `${i ? '.' : ''}${k}` : `[${JSON.stringify(k)}]`)).join('')
const mounts = (secret: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { template: { spec: { containers: [{ name: 'app', image: 'app:1' }], volumes: [{ name: 's', secret: { secretName: secret } }] } } },
})

describe('fields that cannot change on a live object (mutable: false)', () => {
  it('are every PersistentVolume source and StorageClass, VolumeGroupSnapshotClass and VolumeReplicationClass parameter, each with a reason', () => {
    const kinds = new Set(IMMUTABLE.map(s => (s.on as { kind: string }).kind))
    expect([...kinds].sort()).toEqual(['PersistentVolume', 'StorageClass', 'VolumeGroupSnapshotClass', 'VolumeReplicationClass'])
    for (const s of IMMUTABLE) expect(s).toMatchObject({ use: 'pin', reason: expect.stringMatching(/cannot change after creation/) })
    expect(REFERENCE_SPECS.filter(s => s.mutable === false && s.on === 'PodSpec').map(s => s.path.split('/')[0])).toEqual(Array(4).fill('ephemeralContainers'))
  })

  it('every built-in entry says whether its field can change', () => {
    for (const s of REFERENCE_SPECS) expect(typeof s.mutable).toBe('boolean')
  })

  it.each(IMMUTABLE.map(s => [`${(s.on as { kind: string }).kind} ${pathOf(s)}`, s] as const))(
    '%s: the Secret keeps its name wherever else it is referenced, and the warning says why', (_, spec) => {
      const holder = objectAt(spec, 'sec')
      const r = run(stream(...TARGETS(), holder, mounts('sec')))
      expect(r.renames).toEqual([])
      expect(at(find(r.output, holder.kind, 'holder'), pathOf(spec))).toBe('sec')
      expect(at(find(r.output, 'Deployment', 'web'), 'spec.template.spec.volumes[0].secret.secretName')).toBe('sec')
      expect(r.warnings).toMatchObject([{ code: 'PINNED', resource: { kind: 'Secret', name: 'sec' } }])
      expect(r.warnings[0]!.message).toContain(spec.reason)
    })

  it.each(IMMUTABLE.map(s => [`${(s.on as { kind: string }).kind} ${pathOf(s)}`, s] as const))(
    '%s: forced hashing rewrites it, and says the object must be recreated', (_, spec) => {
      const holder = objectAt(spec, 'sec')
      const forced = { ...TARGETS()[1], metadata: { name: 'sec', namespace: 'default', annotations: { 'cmhash.dev/hash': 'true' } } }
      const r = run(stream(forced, holder))
      expect(at(find(r.output, holder.kind, 'holder'), pathOf(spec))).toBe(r.renames[0]!.to)
      expect(r.renames[0]!.referencedBy).toMatchObject([{ kind: holder.kind, effect: 'recreate', reason: expect.stringContaining('kubectl replace --force') }])
      expect(r.warnings.map(w => w.code)).toEqual(['RECREATE_REQUIRED'])
    })

  it('VolumeSnapshotClass parameters may change, but snapshots keep the name: pinned', () => {
    const spec = REFERENCE_SPECS.find(s => typeof s.on === 'object' && s.on.kind === 'VolumeSnapshotClass')!
    expect(spec).toMatchObject({ use: 'pin', mutable: true, reason: expect.stringContaining('deletion-secret-name') })
    expect(run(stream(...TARGETS(), objectAt(spec, 'sec'), mounts('sec'))).renames).toEqual([])
  })

  it('knows the StorageClass keys external-provisioner reads: the default secret-name, controller-modify, and the deprecated spellings', () => {
    const sc = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sc' }, provisioner: 'p', parameters: {
      'csi.storage.k8s.io/secret-name': 'a', 'csi.storage.k8s.io/secret-namespace': 'default',
      'csi.storage.k8s.io/controller-modify-secret-name': 'b', 'csi.storage.k8s.io/controller-modify-secret-namespace': 'default',
      csiProvisionerSecretName: 'c', csiProvisionerSecretNamespace: 'default', csiNodePublishSecretName: 'd', csiNodePublishSecretNamespace: 'default',
    } }
    const secrets = ['a', 'b', 'c', 'd'].map(n => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: n }, data: { k: 'dg==' } }))
    const r = run(stream(...secrets, sc, ...['a', 'b', 'c', 'd'].map(n => ({ ...mounts(n), metadata: { name: `web-${n}` } }))))
    expect(r.renames).toEqual([])
    expect(r.warnings.map(w => [w.code, w.resource?.name])).toEqual(['a', 'b', 'c', 'd'].map(n => ['PINNED', n]))
  })
})

describe('what a new name does to the object that holds the reference', () => {
  const cases: Array<[string, string, string, 'rolls' | 'recreate' | 'updates']> = [
    ['apps/v1', 'Deployment', 'spec.template.spec', 'rolls'],
    ['apps/v1', 'StatefulSet', 'spec.template.spec', 'rolls'],
    ['apps/v1', 'DaemonSet', 'spec.template.spec', 'rolls'],
    ['argoproj.io/v1alpha1', 'Rollout', 'spec.template.spec', 'rolls'],
    ['apps/v1', 'ReplicaSet', 'spec.template.spec', 'updates'],
    ['v1', 'ReplicationController', 'spec.template.spec', 'updates'],
    ['v1', 'PodTemplate', 'template.spec', 'updates'],
    ['batch/v1', 'CronJob', 'spec.jobTemplate.spec.template.spec', 'updates'],
    ['batch/v1', 'Job', 'spec.template.spec', 'recreate'],
    ['v1', 'Pod', 'spec', 'recreate'],
    ['batch.volcano.sh/v1alpha1', 'Job', 'spec.tasks[0].template.spec', 'recreate'],
    ['batch.volcano.sh/v1alpha1', 'CronJob', 'spec.jobTemplate.spec.tasks[0].template.spec', 'updates'],
    ['flow.volcano.sh/v1alpha1', 'JobTemplate', 'spec.tasks[0].template.spec', 'updates'],
    ['ray.io/v1', 'RayCluster', 'spec.workerGroupSpecs[0].template.spec', 'updates'],
    ['ray.io/v1', 'RayService', 'spec.rayClusterConfig.headGroupSpec.template.spec', 'rolls'],
    ['ray.io/v1', 'RayJob', 'spec.rayClusterSpec.headGroupSpec.template.spec', 'updates'],
  ]
  it.each(cases)('%s %s: %s', (apiVersion, kind, podPath, effect) => {
    const spec = setPath(podSpec(), 'volumes[0].configMap.name', 'cfg')
    const r = run(stream(...TARGETS(), setPath({ apiVersion, kind, metadata: { name: 'w' } }, podPath, spec)))
    expect(r.renames[0]!.referencedBy.map(x => x.effect)).toEqual([effect])
    const recreate = r.warnings.filter(w => w.code === 'RECREATE_REQUIRED')
    expect(recreate).toHaveLength(effect === 'recreate' ? 1 : 0)
  })

  it('a Job: the warning names the usual ways to recreate it, and the report says why', () => {
    const spec = setPath(podSpec(), 'volumes[0].configMap.name', 'cfg')
    const r = run(stream(...TARGETS(), setPath({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' } }, 'spec.template.spec', spec)))
    expect(r.renames[0]!.referencedBy[0]!.reason).toMatch(/spec\.template cannot change/)
    const w = r.warnings.find(x => x.code === 'RECREATE_REQUIRED')!
    expect(w).toMatchObject({ resource: { kind: 'ConfigMap', name: 'cfg' }, location: { line: 1 } })
    for (const way of ['hook-delete-policy', 'ttlSecondsAfterFinished', 'kubectl replace --force']) expect(w.message).toContain(way)
  })
})

describe('env holders found by shape outside pod specs', () => {
  // A Chaos Mesh Workflow task embeds a core Container (task.container) and a
  // volume list (task.volumes) outside any pod spec: before, the volume was
  // rewritten and the container's envFrom kept the old name in the same pod.
  const workflow = {
    apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'Workflow', metadata: { name: 'check' },
    spec: {
      entry: 'e',
      templates: [{
        name: 'e', templateType: 'Task',
        task: {
          container: {
            name: 'probe', image: 'curl',
            env: [{ name: 'PLAIN', value: 'x' }, { name: 'K', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }],
            envFrom: [{ secretRef: { name: 'sec' } }],
          },
          volumes: [{ name: 's', configMap: { name: 'cfg' } }],
        },
      }],
    },
  }

  it('rewrites a container\'s env and envFrom wherever a custom resource embeds one, and the volumes beside it', () => {
    const r = run(stream(...TARGETS(), workflow))
    const task = find(r.output, 'Workflow', 'check').spec.templates[0].task
    expect(task.container.env[1].valueFrom.configMapKeyRef.name).toBe(CM)
    expect(task.container.envFrom[0].secretRef.name).toBe(SECRET)
    expect(task.volumes[0].configMap.name).toBe(CM)
    expect(r.warnings).toEqual([])
  })

  it('checks the key an EnvVar found by shape names', () => {
    const bad = structuredClone(workflow)
    bad.spec.templates[0]!.task.container.env[1]!.valueFrom!.configMapKeyRef.key = 'nope'
    expect(() => run(stream(...TARGETS(), bad))).toThrow(expect.objectContaining({ code: 'MISSING_KEY' }))
  })

  it('takes only the core shapes: env of plain values, or a configMapRef given as a string, is not an env holder', () => {
    const cr = {
      apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' },
      spec: { env: [{ name: 'cfg', value: 'cfg' }], envFrom: [{ configMapRef: 'cfg' }], other: { env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'cfg' } } }] } },
    }
    expect(run(stream(...TARGETS(), cr)).renames).toEqual([])
  })
})

describe('volume lists found by shape outside pod specs', () => {
  it('finds a custom resource\'s volumes (some entry has a name and a volume source given as a map), at any depth', () => {
    const cr = {
      apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' },
      spec: {
        volumes: [{ name: 'scratch', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'k', path: 'k' }] } }],
        components: [{ extraVolumes: [{ name: 's', projected: { sources: [{ secret: { name: 'sec' } }] } }] }],
      },
    }
    const r = run(stream(...TARGETS(), cr))
    const out = find(r.output, 'Thing', 't')
    expect(out.spec.volumes[1].configMap.name).toBe(CM)
    expect(out.spec.components[0].extraVolumes[0].projected.sources[0].secret.name).toBe(SECRET)
    expect(r.renames.map(x => x.referencedBy[0]!.path)).toEqual(['spec.volumes[1].configMap.name', 'spec.components[0].extraVolumes[0].projected.sources[0].secret.name'])
  })

  it('does not take a list of containers for volumes (image: busybox is not an image volume), nor a source given as a string', () => {
    const cr = {
      apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' },
      spec: { steps: [{ name: 'cfg', image: 'busybox', secret: 'cfg' }], other: [{ name: 'x', configMap: 'cfg' }] },
    }
    expect(run(stream(...TARGETS(), cr)).output).toContain('"configMap": "cfg"')
    expect(run(stream(...TARGETS(), cr)).renames).toEqual([])
  })

  it('skips the root status, which controllers write', () => {
    const cr = { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' }, status: { volumes: [{ name: 'c', configMap: { name: 'cfg' } }] } }
    expect(run(stream(...TARGETS(), cr)).renames).toEqual([])
  })
})
