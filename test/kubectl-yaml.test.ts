// prune reads `kubectl get -o yaml` exports with its own reader for the
// YAML kubectl writes (parse-kubectl-yaml.ts). These tests run the real
// kubectl against a fake API server and read what it prints: the reader
// must not give up on it and must give exactly the values served, for
// fixed awkward strings (recorded in fixtures/prune/kubectl-yaml) and for
// random ones.
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { parseKubectlYaml } from '../packages/core/src/prune/parse-kubectl-yaml.js'
import { startFakeApiServer, type FakeApiServer } from './_utils/fake-apiserver.js'
import { fuzzParams, fuzzRuns } from './_utils/fuzz.js'
import { skipKubectl } from './_utils/kubectl.js'

const run = promisify(execFile)
const root = new URL('../', import.meta.url).pathname
const fixture = join(root, 'fixtures/prune/kubectl-yaml')
const RUNS = fuzzRuns(25)

const widgets = { group: 'example.com', version: 'v1', resource: 'widgets', kind: 'Widget', namespaced: true }
const served: Record<string, object[]> = { configmaps: [], 'widgets.example.com': [] }

describe.skipIf(skipKubectl)('the reader of kubectl YAML, on what kubectl writes', () => {
  let api: FakeApiServer
  beforeAll(async () => {
    api = await startFakeApiServer({
      resources: [{ group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true }, widgets],
      objects: served,
    })
  })
  afterAll(() => api.close())

  const kubectlYaml = async (resource: string) => (await run('kubectl', ['get', resource, '-A', '-o', 'yaml'], { env: api.env, maxBuffer: 1 << 26 })).stdout

  it('the recorded fixture is what kubectl writes, and reads back as the values served', async () => {
    const list = JSON.parse(readFileSync(join(fixture, 'strings.json'), 'utf8')) as { items: object[] }
    served.configmaps = list.items
    const yaml = await kubectlYaml('configmaps')
    if (process.env.CMHASH_RECORD === '1') writeFileSync(join(fixture, 'strings.yaml'), yaml)
    expect(yaml).toBe(readFileSync(join(fixture, 'strings.yaml'), 'utf8'))
    const docs = parseKubectlYaml(yaml, false)
    expect(docs).toHaveLength(1)
    expect((docs![0]!.value as { items: unknown }).items).toEqual(list.items)
  })

  it('reads random objects as kubectl prints them, as served and as the yaml package reads them', async () => {
    // kubectl writes NEL, LS and PS (line breaks in YAML 1.1) so that they read back as spaces: left out.
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }).filter(s => !/[\u0085\u2028\u2029]/.test(s)),
      fc.string({ unit: fc.constantFrom(' ', '\n', 'a', '#', ':', '-', '"', "'", '\\', '|', '>', '{', '[', '&', '*', '!', '?', ',', 'é', '😀', '\u00a0', '\t', '\r'), maxLength: 30 }),
      fc.constantFrom('y', 'no', 'null', '~', '0x1F', '1e3', '08', '.inf', '2024-01-01', 'true', ''),
      fc.tuple(fc.string({ maxLength: 8 }), fc.nat(200)).map(([s, n]) => `${s} `.repeat(n % 40)),
    )
    // A key with a line break (or over 128 characters) kubectl writes as `? key`, which the reader leaves to the yaml package.
    const key = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.constantFrom('a:b', 'x y', '123', ' lead', '- x', 'y', 'managed'))
      .filter(k => k !== '__proto__' && !/[\n\r\u0085\u2028\u2029]/.test(k))
    const value = fc.letrec(tie => ({
      node: fc.oneof({ depthSize: 'small' }, text, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node
    await fc.assert(fc.asyncProperty(fc.array(fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }), { minLength: 1, maxLength: 3 }), async specs => {
      const items = specs.map((spec, i) => ({
        apiVersion: 'example.com/v1', kind: 'Widget',
        metadata: { name: `w${i}`, namespace: 'ns', creationTimestamp: '2026-01-01T00:00:00Z' },
        spec,
      }))
      served['widgets.example.com'] = items
      const yaml = await kubectlYaml('widgets.example.com')
      const docs = parseKubectlYaml(yaml, false)
      expect(docs, yaml).toBeDefined()
      expect((docs![0]!.value as { items: unknown }).items, yaml).toEqual(items)
      expect(docs!.map(d => d.value)).toEqual(parseAllDocuments(yaml, { schema: 'failsafe' }).map(d => d.toJS()))
    }), fuzzParams(RUNS))
  })
})
