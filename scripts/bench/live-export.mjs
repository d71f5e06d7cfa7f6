// A synthetic live-state export for `cmhash prune`, generated
// deterministically: per app, 17 versions of its hashed ConfigMap (with
// managedFields, as the API server keeps them) and 3 ReplicaSets of its
// Deployment's rollout history, each using one of the newest versions (only
// the newest runs; the rest are scaled to zero). Written as
// `kubectl get configmaps,replicasets -A -o json` writes it (one List, keys
// sorted, four-space indentation) and as `-o yaml` writes it (goyaml's block
// style), plus the desired manifests: each app's ConfigMap and Deployment.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'

const VERSIONS = 17
const REPLICA_SETS = 3
const NAMESPACES = 50
const ALPHABET = 'bcdfghkmt2456789'

function suffix(n) {
  let s = ''
  for (let i = 0; i < 10; i++) {
    s += ALPHABET[n % ALPHABET.length]
    n = Math.floor(n / ALPHABET.length) + i * 7919
  }
  return s
}

const time = i => new Date(Date.UTC(2026, 0, 1) + i * 3600_000).toISOString().replace('.000Z', 'Z')
const uid = (kind, n) => `${kind}${String(n).padStart(7, '0')}-4b1e-4c2d-9e3f-${String(n * 7).padStart(12, '0')}`.slice(0, 36)

function configMap(app, ns, v, n) {
  const name = `${app}-config`
  return {
    apiVersion: 'v1',
    data: { 'app.properties': `feature.enabled=${v % 3 === 0}\nfeature.limit=${v * 10}\n` },
    immutable: true,
    kind: 'ConfigMap',
    metadata: {
      annotations: { 'cmhash.dev/name': name },
      creationTimestamp: time(v),
      labels: { 'cmhash.dev/managed': 'true' },
      managedFields: [{
        apiVersion: 'v1', fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:app.properties': {} }, 'f:immutable': {}, 'f:metadata': { 'f:annotations': { '.': {}, 'f:cmhash.dev/name': {} }, 'f:labels': { '.': {}, 'f:cmhash.dev/managed': {} } } },
        manager: 'kubectl-client-side-apply', operation: 'Update', time: time(v),
      }],
      name: `${name}-${suffix(n)}`,
      namespace: ns,
      resourceVersion: String(100000 + n),
      uid: uid('c', n),
    },
  }
}

function replicaSet(app, ns, r, configName, n, newest) {
  const hash = suffix(n + 1).slice(0, 10)
  const labels = { app, 'pod-template-hash': hash }
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      annotations: { 'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '3', 'deployment.kubernetes.io/revision': String(r + 1) },
      creationTimestamp: time(VERSIONS - REPLICA_SETS + r),
      generation: 2,
      labels,
      name: `${app}-${hash}`,
      namespace: ns,
      ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: app, uid: uid('d', n) }],
      resourceVersion: String(200000 + n),
      uid: uid('r', n),
    },
    spec: {
      replicas: newest ? 2 : 0,
      selector: { matchLabels: labels },
      template: {
        metadata: { creationTimestamp: null, labels },
        spec: {
          containers: [{
            envFrom: [{ configMapRef: { name: configName } }],
            image: `registry.example.com/${app}:1.${r}.0`,
            imagePullPolicy: 'IfNotPresent',
            name: 'main',
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            volumeMounts: [{ mountPath: '/etc/app', name: 'config' }],
          }],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
          volumes: [{ configMap: { defaultMode: 420, name: configName }, name: 'config' }],
        },
      },
    },
    status: newest ? { availableReplicas: 2, fullyLabeledReplicas: 2, observedGeneration: 2, readyReplicas: 2, replicas: 2 } : { observedGeneration: 2, replicas: 0 },
  }
}

// YAML as goyaml writes it, for the values this generator makes.
const PLAIN = /^[A-Za-z_/][-A-Za-z0-9_./:]*$/
const AMBIGUOUS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL|~)$/

function scalar(v) {
  if (v === null) return 'null'
  if (typeof v !== 'string') return String(v)
  return PLAIN.test(v) && !AMBIGUOUS.test(v) && !v.includes(': ') && !v.endsWith(':') ? v : JSON.stringify(v)
}

function yaml(v, indent) {
  const pad = ' '.repeat(indent)
  if (Array.isArray(v)) {
    return v.map(item => `${pad}- ${yaml(item, indent + 2).slice(indent + 2)}`).join('')
  }
  return Object.entries(v).map(([k, x]) => {
    const key = `${pad}${scalar(k)}:`
    if (Array.isArray(x)) return x.length === 0 ? `${key} []\n` : `${key}\n${yaml(x, indent)}`
    if (x && typeof x === 'object') return Object.keys(x).length === 0 ? `${key} {}\n` : `${key}\n${yaml(x, indent + 2)}`
    if (typeof x === 'string' && x.includes('\n')) {
      const body = x.endsWith('\n') ? x.slice(0, -1) : x
      return `${key} |${x.endsWith('\n') ? '' : '-'}\n${body.split('\n').map(l => `${pad}  ${l}`).join('\n')}\n`
    }
    return `${key} ${scalar(x)}\n`
  }).join('')
}

/**
 * Writes the export of `items` objects (20 per app) under `dir`:
 * `live.json`, `live.yaml` and `desired/` (one file per app). Returns the
 * paths and sizes.
 */
export function writeLiveExport(dir, items) {
  mkdirSync(join(dir, 'desired'), { recursive: true })
  const apps = Math.ceil(items / (VERSIONS + REPLICA_SETS))
  const json = openSync(join(dir, 'live.json'), 'w')
  const yml = openSync(join(dir, 'live.yaml'), 'w')
  let bytes = { json: 0, yaml: 0 }
  const out = (fd, text) => {
    writeSync(fd, text)
    bytes[fd === json ? 'json' : 'yaml'] += Buffer.byteLength(text)
  }
  out(json, '{\n    "apiVersion": "v1",\n    "items": [\n')
  out(yml, 'apiVersion: v1\nitems:\n')
  let written = 0
  for (let a = 0; a < apps && written < items; a++) {
    const app = `app-${String(a).padStart(5, '0')}`
    const ns = `team-${a % NAMESPACES}`
    const configs = []
    for (let v = 0; v < VERSIONS; v++) configs.push(configMap(app, ns, v, a * 100 + v))
    const sets = []
    for (let r = 0; r < REPLICA_SETS; r++) sets.push(replicaSet(app, ns, r, configs[VERSIONS - REPLICA_SETS + r].metadata.name, a * 100 + 50 + r, r === REPLICA_SETS - 1))
    for (const o of [...configs, ...sets]) {
      if (written >= items) break
      out(json, `${written > 0 ? ',\n' : ''}${JSON.stringify(o, null, 4).replace(/^/gm, '        ')}`)
      out(yml, `- ${yaml(o, 2).slice(2)}`)
      written++
    }
    const newest = configs[VERSIONS - 1]
    writeFileSync(join(dir, 'desired', `${app}.yaml`), `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${ns}
data:
  app.properties: |
${newest.data['app.properties'].trimEnd().split('\n').map(l => `    ${l}`).join('\n')}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels: {app: ${app}}
    spec:
      containers:
      - name: main
        image: registry.example.com/${app}:1.${REPLICA_SETS - 1}.0
        envFrom:
        - configMapRef: {name: ${app}-config}
`)
  }
  out(json, '\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')
  out(yml, 'kind: List\nmetadata:\n  resourceVersion: ""\n')
  closeSync(json)
  closeSync(yml)
  return { json: join(dir, 'live.json'), yaml: join(dir, 'live.yaml'), desired: join(dir, 'desired'), bytes, items: written, apps }
}
