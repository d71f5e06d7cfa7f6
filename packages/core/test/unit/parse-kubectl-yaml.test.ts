// The reader of YAML as kubectl writes it: the values the yaml package reads
// (failsafe schema) wherever it does not give up, giving up on everything
// outside kubectl's subset, and leaving out what prune never reads.
// test/kubectl-yaml.test.ts holds it to the real kubectl's output.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Document, isScalar, parseAllDocuments } from 'yaml'
import { parseKubectlYaml } from '../../src/prune/parse-kubectl-yaml.js'

const root = new URL('../../../../', import.meta.url).pathname
const read = (path: string) => readFileSync(join(root, path), 'utf8')
const yamlPackage = (text: string) => parseAllDocuments(text, { schema: 'failsafe' })
  .map(d => (d.contents === null || (isScalar(d.contents) && d.contents.source === '') ? null : d.toJS() as unknown))
const values = (text: string, skip = false) => parseKubectlYaml(text, skip)?.map(d => d.value)

/** The value without metadata.managedFields, which the reader leaves out. */
function withoutManagedFields(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutManagedFields)
  if (!v || typeof v !== 'object') return v
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    if (k === 'metadata' && x && typeof x === 'object' && !Array.isArray(x)) {
      const { managedFields: _, ...rest } = x as Record<string, unknown>
      out[k] = rest
    } else {
      out[k] = withoutManagedFields(x)
    }
  }
  return out
}

describe('parseKubectlYaml', () => {
  it('reads what kubectl wrote (recorded) as the values it was given', () => {
    const served = JSON.parse(read('fixtures/prune/kubectl-yaml/strings.json')) as { items: unknown[] }
    const docs = values(read('fixtures/prune/kubectl-yaml/strings.yaml'))
    expect(docs).toBeDefined()
    expect((docs![0] as { items: unknown[] }).items).toEqual(served.items)
  })

  it('reads the prune fixture as the yaml package does, without managedFields', () => {
    const text = read('fixtures/prune/live.yaml')
    expect(values(text)).toEqual(yamlPackage(text).map(withoutManagedFields))
  })

  it('leaves out the content of ConfigMaps and Secrets when asked, and keeps every other data', () => {
    const text = read('fixtures/prune/live.yaml')
    const items = (values(text, true)![0] as { items: Array<Record<string, any>> }).items
    expect(items.filter(i => i.kind === 'ConfigMap' || i.kind === 'Secret').every(i => i.data === undefined)).toBe(true)
    const all = (yamlPackage(text)[0] as { items: Array<Record<string, any>> }).items
    const revisions = items.filter(i => i.kind === 'ControllerRevision')
    expect(revisions.length).toBeGreaterThan(0)
    expect(revisions.map(r => r.data)).toEqual(all.filter(i => i.kind === 'ControllerRevision').map(r => r.data))
    expect(items.length).toBe(all.length)
  })

  it.each([
    ['', []],
    ['\n \n', []],
    ['---\n', [null]],
    ['a: b\n---\n', [{ a: 'b' }, null]],
    ['---\na: b\n---\nc: d\n', [{ a: 'b' }, { c: 'd' }]],
    ['a:\nb: ""\nc: null\n', [{ a: '', b: '', c: 'null' }]],
    ['a:\n- x\n-\n- - y\n  - z\nb: c\n', [{ a: ['x', '', ['y', 'z']], b: 'c' }]],
    ['a: |2-\n   x\n  y\nb: |+\n  z\n\nc: |-\n  w\n', [{ a: ' x\ny', b: 'z\n\n', c: 'w' }]],
    ['- |\n  x\n- |2+\n\n', [['x\n', '\n']]],
    ['a: "x\\ty\\u00e9\\U0001F600\\\n  z"\n', [{ a: 'x\tyé😀z' }]],
    ["a: 'it''s\n  folded\n\n  here'\n", [{ a: "it's folded\nhere" }]],
    ['a: plain\n  continued\n\n  after a blank\n', [{ a: 'plain continued\nafter a blank' }]],
    ['"q:k": 1\n\'s k\': 2\n-x: 3\n?y: ?z\n', [{ 'q:k': '1', 's k': '2', '-x': '3', '?y': '?z' }]],
    ['a: {}\nb: []\n', [{ a: {}, b: [] }]],
  ])('reads %j as the yaml package does', (text, expected) => {
    expect(values(text)).toEqual(expected)
    expect(values(text)).toEqual(yamlPackage(text))
  })

  it.each([
    ['a comment', '# exported\na: b\n'],
    ['a comment after a value', 'a: b # note\n'],
    ['an anchor and an alias', 'a: &x b\nc: *x\n'],
    ['a merge key', 'a:\n  <<: {b: c}\n'],
    ['a tag', 'a: !!str b\n'],
    ['a flow map', 'a: {b: c}\n'],
    ['a flow sequence', 'a: [b]\n'],
    ['a folded scalar', 'a: >\n  b\n'],
    ['a tab', 'a:\tb\n'],
    ['CRLF line breaks', 'a: b\r\n'],
    ['a duplicate key', 'a: b\na: c\n'],
    ['a directive', '%YAML 1.1\n---\na: b\n'],
    ['a document end marker', 'a: b\n...\n'],
    ['a complex key', '? a\n: b\n'],
    ['a key named __proto__', '__proto__: x\n'],
    ['a scalar document', 'just text\n'],
    ['an unclosed quote', 'a: "b\n'],
    ['a nested map on a key\'s line', 'a: b: c\n'],
    ['a lone surrogate', 'a: "\\ud800"\n'],
  ])('gives up on %s (the yaml package reads it instead)', (_, text) => {
    expect(parseKubectlYaml(text, false)).toBeUndefined()
  })

  it('reads whatever it does not give up on as the yaml package does, in the yaml package\'s own block style', () => {
    const scalar = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: fc.constantFrom(' ', '\n', 'a', ':', '#', '-', "'", '"', '\\'), maxLength: 12 }))
    const key = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).filter(k => k !== '__proto__' && k !== '<<')
    const value = fc.letrec(tie => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node
    let read = 0
    fc.assert(fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), fc.boolean(), fc.integer({ min: 20, max: 120 }), (v, indentSeq, lineWidth) => {
      const text = new Document(v).toString({ indentSeq, lineWidth })
      const docs = values(text)
      if (docs === undefined) return
      read++
      expect(docs).toEqual(yamlPackage(text))
    }), { numRuns: 300 })
    expect(read).toBeGreaterThan(100)
  })
})
