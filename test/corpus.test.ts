// Every folder of the real-world corpus (fixtures/corpus, see SOURCES.md)
// goes through a build. The output must parse, change nothing when built
// again, and leave no reference pointing at a name that was hashed away.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { build, CmhashError, type BuildInput, type Rename } from '@cmhash/core'

const CORPUS = new URL('../fixtures/corpus/', import.meta.url).pathname
const folders = readdirSync(CORPUS, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort()

function inputsOf(folder: string): BuildInput[] {
  const root = join(CORPUS, folder)
  return (readdirSync(root, { recursive: true }) as string[])
    .filter(p => /\.(ya?ml|json)$/.test(p))
    .sort()
    .map(p => ({ path: `${folder}/${p}`, content: readFileSync(join(root, p), 'utf8') }))
}

/**
 * Files in the corpus that Kubernetes itself would reject, with the exact
 * errors cmhash gives (file:line, code, field).
 */
const REJECTED: Record<string, string[]> = {
  'ingress-nginx-docs-examples': [
    'ingress-nginx-docs-examples/docs/examples/customization/ssl-dh-param/ssl-dh-param.yaml:3 INVALID_BASE64 data["dhparam.pem"]',
  ],
  'k8s-website-examples': [
    'k8s-website-examples/content/en/examples/secret/tls-auth-secret.yaml:10 INVALID_BASE64 data["tls.crt"]',
    'k8s-website-examples/content/en/examples/secret/tls-auth-secret.yaml:11 INVALID_BASE64 data["tls.key"]',
  ],
}

/**
 * Fields the independent check flags that are not references in the
 * Kubernetes API, so cmhash rightly leaves them: `storageos.secretName` is
 * not a PersistentVolume field (the API has `storageos.secretRef`), and the
 * API server drops it.
 */
const NOT_API_FIELDS = new Set(['PersistentVolume .spec.storageos.secretName'])

interface Obj { kind?: string; metadata?: { name?: string; namespace?: string }; [k: string]: unknown }

/**
 * References found independently of cmhash's reference table: any string
 * under a key ending in "name" (name, secretName, claimName…) on a path that
 * mentions a ConfigMap or Secret, RBAC resourceNames aside.
 */
function configRefs(obj: Obj): Array<{ path: string; value: string }> {
  const found: Array<{ path: string; value: string }> = []
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`))
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const p = `${path}.${k}`
        if (typeof x === 'string' && /name$/i.test(k) && /configmap|secret/i.test(p) && !/resourceNames/.test(p)) found.push({ path: p, value: x })
        else walk(x, p)
      }
    }
  }
  walk(obj, '')
  return found
}

function objectsOf(output: string): Obj[] {
  return parseAllDocuments(output).flatMap(d => {
    expect(d.errors).toEqual([])
    const o = d.toJS() as Obj | null
    if (!o || typeof o !== 'object') return []
    return Array.isArray(o.items) && String(o.kind).endsWith('List') ? (o.items as Obj[]) : [o]
  })
}

describe.each(folders)('corpus: %s', folder => {
  it('builds, with no reference left on a hashed-away name', () => {
    let inputs = inputsOf(folder)
    const rejected = REJECTED[folder]
    if (rejected) {
      let error: CmhashError | undefined
      try {
        build(inputs)
      } catch (e) {
        error = e as CmhashError
      }
      expect(error).toBeInstanceOf(CmhashError)
      expect(error!.errors.map(e => `${e.location?.file}:${e.location?.line} ${e.code} ${e.path}`)).toEqual(rejected)
      const bad = new Set(error!.errors.map(e => e.location?.file))
      inputs = inputs.filter(i => !bad.has(i.path))
    }
    const result = build(inputs)
    const out = objectsOf(result.output)
    const renamed = new Map<string, Rename>(result.renames.map(r => [`${r.kind === 'Secret' ? 'secret' : 'configmap'}/${r.namespace}/${r.originalName}`, r]))
    const stale: string[] = []
    const newNames = new Set(result.renames.map(r => r.to))
    const used = new Set<string>()
    for (const o of out) {
      if (o.kind === 'ConfigMap' || o.kind === 'Secret' || o.kind === 'CustomResourceDefinition') continue
      const ns = o.metadata?.namespace ?? 'default'
      for (const ref of configRefs(o)) {
        if (NOT_API_FIELDS.has(`${o.kind} ${ref.path}`)) continue
        for (const kind of ['configmap', 'secret']) {
          if (!new RegExp(kind, 'i').test(ref.path)) continue
          if (renamed.has(`${kind}/${ns}/${ref.value}`)) stale.push(`${o.kind} ${ns}/${o.metadata?.name} ${ref.path} = ${ref.value}`)
        }
      }
      JSON.stringify(o, (_, v) => {
        if (typeof v === 'string' && newNames.has(v.slice(v.indexOf('/') + 1))) used.add(v.slice(v.indexOf('/') + 1))
        return v
      })
    }
    expect(stale).toEqual([])
    // Every object hashed is hashed because something references it (no
    // folder here forces hashing), and that reference now uses the new name.
    expect([...newNames].filter(n => !used.has(n))).toEqual([])
    for (const r of result.renames) {
      const obj = out.find(o => o.kind === r.kind && o.metadata?.name === r.to)
      expect(obj, `${r.kind} ${r.to}`).toMatchObject({ immutable: true, metadata: { labels: { 'cmhash.dev/managed': 'true' }, annotations: { 'cmhash.dev/name': r.originalName } } })
    }
    const again = build([{ path: 'out.yaml', content: result.output }])
    expect(again.output).toBe(result.output)
  })
})

it('covers every corpus folder', () => {
  expect(folders.length).toBeGreaterThanOrEqual(21)
})
