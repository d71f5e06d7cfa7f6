// prune reads references from plain values (JSON.parse's, or the fast YAML
// reader's), with its own walker; build reads them from YAML nodes. This
// holds the two to the same references on every object of the corpus, the
// examples and the preset fixtures, so that a change to one shows here.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { listItemKind } from '../../src/lists.js'
import { resolveOptions } from '../../src/options.js'
import { findLiveReferences, isMap, type LiveValue } from '../../src/prune/find-live-references.js'
import { readStream } from '../../src/read/read-stream.js'
import { CLUSTER_SCOPED_KINDS } from '../../src/refs/table.js'
import { Reporter } from '../../src/report/reporter.js'

const root = new URL('../../../../', import.meta.url).pathname
const dirs = ['fixtures/corpus', 'fixtures/presets', 'examples', 'fixtures/prune']

function manifests(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).filter(f => /\.(ya?ml|json)$/.test(f)).sort().map(f => join(dir, f))
}

const { readOptions } = resolveOptions({})
const show = (r: { target: string; namespace: string | undefined; name: string; path: string }) => `${r.target} ${r.namespace ?? '*'}/${r.name} at ${r.path}`

describe('prune reads the references build reads', () => {
  const files = dirs.flatMap(manifests)
  let objects = 0
  let references = 0

  it.each(files)('%s', path => {
    const text = readFileSync(join(root, path), 'utf8')
    const report = new Reporter()
    const facts = readStream(path, text, readOptions, report)
    if (report.errors.some(e => e.code === 'YAML_SYNTAX' || e.code === 'ALIAS_LIMIT')) return
    const fromNodes = facts.docs.flatMap(d => d.objects).map(o => o.refs.map(show).sort())

    const fromValues: string[][] = []
    for (const doc of parseAllDocuments(text, { schema: 'failsafe', merge: true, logLevel: 'silent' })) {
      const value = doc.toJS({ maxAliasCount: -1 }) as LiveValue
      if (!isMap(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') continue
      const itemKind = listItemKind(value.kind)
      const items = itemKind !== undefined && Array.isArray(value.items) ? value.items : [value]
      for (const item of items) {
        if (!isMap(item)) continue
        const kind = (typeof item.kind === 'string' && item.kind) || itemKind
        const apiVersion = (typeof item.apiVersion === 'string' && item.apiVersion) || value.apiVersion
        if (!kind || !apiVersion) continue
        const metadata = isMap(item.metadata) ? item.metadata : {}
        const namespace = CLUSTER_SCOPED_KINDS.has(kind) ? undefined : (typeof metadata.namespace === 'string' && metadata.namespace) || 'default'
        const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''
        fromValues.push(findLiveReferences(item, kind, group, apiVersion.slice(apiVersion.indexOf('/') + 1), namespace, readOptions.table).map(show).sort())
      }
    }
    expect(fromValues).toEqual(fromNodes)
    objects += fromNodes.length
    references += fromNodes.flat().length
  })

  it('env holders found by shape (a container a custom resource embeds on its own), as build finds them', () => {
    const workflow = {
      apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'Workflow', metadata: { name: 'check', namespace: 'default' },
      spec: { templates: [{ name: 'e', task: {
        container: { name: 'c', image: 'i', env: [{ name: 'K', valueFrom: { secretKeyRef: { name: 'sec', key: 'k' } } }], envFrom: [{ configMapRef: { name: 'cfg' } }] },
        volumes: [{ name: 's', configMap: { name: 'cfg' } }],
      } }] },
    }
    const text = JSON.stringify(workflow)
    const fromNodes = readStream('w.json', text, readOptions, new Reporter()).docs.flatMap(d => d.objects).flatMap(o => o.refs.map(show)).sort()
    const fromValues = findLiveReferences(workflow as unknown as { [key: string]: LiveValue }, 'Workflow', 'chaos-mesh.org', 'v1alpha1', 'default', readOptions.table).map(show).sort()
    expect(fromValues).toEqual(fromNodes)
    expect(fromValues).toEqual([
      'ConfigMap default/cfg at spec.templates[0].task.container.envFrom[0].configMapRef.name',
      'ConfigMap default/cfg at spec.templates[0].task.volumes[0].configMap.name',
      'Secret default/sec at spec.templates[0].task.container.env[0].valueFrom.secretKeyRef.name',
    ])
  })

  it('compared enough to mean something', () => {
    expect(objects).toBeGreaterThan(1000)
    expect(references).toBeGreaterThan(500)
  })
})
