// A synthetic estate of N apps, generated deterministically: per app a
// ConfigMap, a Secret and a Deployment that uses both through envFrom, env
// key refs, a volume and a projected volume. Written as plain manifests (for
// cmhash) and as the equivalent kustomization, with the ConfigMaps and
// Secrets as generators (for kubectl kustomize).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function appContent(i) {
  const r = rng(i + 1)
  const id = String(i).padStart(5, '0')
  const name = `app-${id}`
  const props = Array.from({ length: 6 }, (_, k) => `feature.${k}.enabled=${r() < 0.5}\nfeature.${k}.limit=${Math.floor(r() * 1000)}`).join('\n')
  return {
    name,
    data: { LOG_LEVEL: r() < 0.5 ? 'info' : 'debug', REGION: `region-${Math.floor(r() * 9)}`, 'app.properties': `${props}\n` },
    secret: { DB_PASSWORD: `pw-${Math.floor(r() * 1e9).toString(36)}`, API_TOKEN: `tok-${Math.floor(r() * 1e12).toString(36)}` },
  }
}

function indent(text, n) {
  const pad = ' '.repeat(n)
  return text.split('\n').map(l => (l ? pad + l : l)).join('\n')
}

function configMap({ name, data }) {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  labels:
    app: ${name}
data:
  LOG_LEVEL: ${data.LOG_LEVEL}
  REGION: ${data.REGION}
  app.properties: |
${indent(data['app.properties'].trimEnd(), 4)}
`
}

function secret({ name, secret }) {
  const b64 = v => Buffer.from(v).toString('base64')
  return `apiVersion: v1
kind: Secret
metadata:
  name: ${name}-secret
  labels:
    app: ${name}
type: Opaque
data:
  DB_PASSWORD: ${b64(secret.DB_PASSWORD)}
  API_TOKEN: ${b64(secret.API_TOKEN)}
`
}

function deployment({ name }) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: main
        image: registry.example.com/${name}:1.0.0
        envFrom:
        - configMapRef:
            name: ${name}-config
        env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: ${name}-secret
              key: DB_PASSWORD
        - name: REGION
          valueFrom:
            configMapKeyRef:
              name: ${name}-config
              key: REGION
        volumeMounts:
        - name: config
          mountPath: /etc/app
        - name: bundle
          mountPath: /etc/bundle
      volumes:
      - name: config
        configMap:
          name: ${name}-config
      - name: bundle
        projected:
          sources:
          - configMap:
              name: ${name}-config
          - secret:
              name: ${name}-secret
`
}

/**
 * Writes one document, the first app's ConfigMap, under `dir`: as a
 * manifest (`manifests/`) and as a kustomization with its generator
 * (`kustomize/`). Returns the paths.
 */
export function writeOneDocument(dir) {
  const app = appContent(0)
  const manifests = join(dir, 'manifests')
  const kustomize = join(dir, 'kustomize')
  mkdirSync(manifests, { recursive: true })
  mkdirSync(kustomize, { recursive: true })
  writeFileSync(join(manifests, `${app.name}-config.yaml`), configMap(app))
  writeFileSync(join(kustomize, 'app.properties'), app.data['app.properties'])
  writeFileSync(join(kustomize, 'kustomization.yaml'),
    `configMapGenerator:\n- name: ${app.name}-config\n  literals:\n  - LOG_LEVEL=${app.data.LOG_LEVEL}\n  - REGION=${app.data.REGION}\n  files:\n  - app.properties\n`)
  return { manifests, kustomize }
}

/**
 * Writes the estate of `apps` apps under `dir`: `manifests/` (one file per
 * app, three documents each) and, unless `kustomize` is false,
 * `kustomize/` (generators plus the Deployments). Returns the paths and
 * the total size of the manifests.
 */
export function writeEstate(dir, apps, { kustomize: withKustomize = true } = {}) {
  const manifests = join(dir, 'manifests')
  const kustomize = join(dir, 'kustomize')
  mkdirSync(manifests, { recursive: true })
  if (withKustomize) {
    mkdirSync(join(kustomize, 'deployments'), { recursive: true })
    mkdirSync(join(kustomize, 'files'), { recursive: true })
  }
  let bytes = 0
  const resources = []
  const cmGens = []
  const secretGens = []
  for (let i = 0; i < apps; i++) {
    const app = appContent(i)
    const text = `${configMap(app)}---\n${secret(app)}---\n${deployment(app)}`
    bytes += Buffer.byteLength(text)
    writeFileSync(join(manifests, `${app.name}.yaml`), text)
    if (!withKustomize) continue
    writeFileSync(join(kustomize, 'deployments', `${app.name}.yaml`), deployment(app))
    const props = `files/${app.name}.properties`
    writeFileSync(join(kustomize, props), app.data['app.properties'])
    resources.push(`- deployments/${app.name}.yaml`)
    cmGens.push(`- name: ${app.name}-config\n  literals:\n  - LOG_LEVEL=${app.data.LOG_LEVEL}\n  - REGION=${app.data.REGION}\n  files:\n  - app.properties=${props}`)
    secretGens.push(`- name: ${app.name}-secret\n  type: Opaque\n  literals:\n  - DB_PASSWORD=${app.secret.DB_PASSWORD}\n  - API_TOKEN=${app.secret.API_TOKEN}`)
  }
  if (withKustomize) writeFileSync(join(kustomize, 'kustomization.yaml'),
    `resources:\n${resources.join('\n')}\nconfigMapGenerator:\n${cmGens.join('\n')}\nsecretGenerator:\n${secretGens.join('\n')}\n`)
  return { manifests, kustomize, bytes, documents: apps * 3 }
}
