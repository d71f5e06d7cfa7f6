// The table's pod-spec, volume-list and env-holder entries are walked as one
// trie (compile-table.ts), where each entry was walked on its own before.
// Merging them must change nothing: the whole trie finds what the tries of
// one entry each (a walk per entry) find, on every fixture, and lists a
// shape's hits in the entries' order. What a walk finds at all is checked
// by the second test and the reference suites (references.test.ts).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isMap, parseAllDocuments } from 'yaml'
import { expect, it } from 'vitest'
import { compileTable, type CompiledTable } from '../../src/refs/compile-table.js'
import { findReferences, type RefHit } from '../../src/refs/find-references.js'
import { PRESETS } from '../../src/refs/presets/index.js'
import { REFERENCE_SPECS } from '../../src/refs/table.js'
import { ReadContext, get, str } from '../../src/yaml/read-context.js'

const root = fileURLToPath(new URL('../../../../fixtures', import.meta.url))

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(e => e.isFile() && /\.ya?ml$/.test(e.name))
    .map(e => join(e.parentPath, e.name))
    .sort()
}

const SHAPES = new Set(['PodSpec', 'VolumeList', 'EnvHolder'])
const shapeSpecs = [...REFERENCE_SPECS, ...PRESETS.flatMap(p => p.references)].filter(s => typeof s.on === 'string' && SHAPES.has(s.on))
const together = compileTable(shapeSpecs)
const alone = shapeSpecs.map(s => compileTable([s]))

const describeHit = (h: RefHit) => `${h.scalar.range?.[0]} ${h.spec.on as string}:${h.spec.path} at ${h.path} ${typeof h.via === 'string' ? h.via : 'alias'} [${h.aliases.join(',')}]`

/** Every object of every document of a text, with what findReferences needs. */
function* objectsOf(text: string) {
  for (const doc of parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false })) {
    const map = doc.contents
    if (doc.errors.length > 0 || !isMap(map)) continue
    const ctx = new ReadContext(map, text, 100_000)
    const kind = str(get(map, 'kind', ctx))
    const apiVersion = str(get(map, 'apiVersion', ctx)) ?? ''
    if (kind === undefined) continue
    const slash = apiVersion.indexOf('/')
    yield { map, kind, group: slash < 0 ? '' : apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), ctx }
  }
}

const find = (o: ReturnType<typeof objectsOf> extends Generator<infer T> ? T : never, table: CompiledTable) =>
  findReferences(o.map, o.kind, o.group, o.version, table, o.ctx)

it('finds by one walk of the trie what a walk per entry finds, in the order of the entries, on every fixture', () => {
  let objectsRead = 0
  let hitsFound = 0
  for (const file of yamlFiles(root)) {
    for (const o of objectsOf(readFileSync(file, 'utf8'))) {
      objectsRead++
      const trie = find(o, together).map(describeHit)
      // A walk per entry lists entry by entry; within an object's shapes
      // the trie lists shape by shape. The same hits either way:
      const perEntry = alone.flatMap(t => find(o, t).map(describeHit))
      expect([...trie].sort(), `${file}: ${o.kind}`).toEqual([...perEntry].sort())
      hitsFound += trie.length
    }
  }
  // The fixtures are real manifests: many objects, many references by shape.
  expect(objectsRead).toBeGreaterThan(500)
  expect(hitsFound).toBeGreaterThan(200)
})

it('lists a shape\'s hits in the order of the table\'s entries, each entry\'s in document order', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      volumes:
      - {name: b, secret: {secretName: s1}}
      - {name: a, configMap: {name: c1}}
      containers:
      - name: x
        envFrom: [{secretRef: {name: s2}}, {configMapRef: {name: c2}}]
        env:
        - {name: A, valueFrom: {secretKeyRef: {name: s3, key: k}}}
        - {name: B, valueFrom: {configMapKeyRef: {name: c3, key: k}}}
`
  const [o] = [...objectsOf(text)]
  const names = find(o!, together).map(h => String(h.scalar.value))
  // The entries' order (pod-spec-fields.ts): env configMapKeyRef, env
  // secretKeyRef, envFrom configMapRef, envFrom secretRef, then volumes.
  const order = shapeSpecs.map(s => s.path)
  const byEntry = find(o!, together).map(h => order.indexOf(h.spec.path))
  expect(byEntry).toEqual([...byEntry].sort((a, b) => a - b))
  expect(new Set(names)).toEqual(new Set(['s1', 'c1', 's2', 'c2', 's3', 'c3']))
})
