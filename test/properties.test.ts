// Property tests (fast-check) over random but valid estates: ConfigMaps and
// Secrets with arbitrary keys and unicode values (each Secret value carrying
// a unique marker), workloads of every kind referencing them from every
// location, several namespaces, Lists, comments, flow and block style.
//
// CI runs a short budget; `pnpm fuzz` a long one (CMHASH_FUZZ_RUNS). A
// failure prints the seed and path; replay with CMHASH_FC_SEED=<seed>
// CMHASH_FC_PATH=<path>.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Document, isScalar, parseAllDocuments, visit } from 'yaml'
import { build, changeReport, CmhashError, formatProblem, formatSummary, type BuildResult } from '@cmhash/core'
import { cli } from '../packages/cli/test/_run.js'

const RUNS = Number(process.env.CMHASH_FUZZ_RUNS ?? 60)
const params = (runs = RUNS): fc.Parameters<unknown> => ({
  numRuns: runs,
  ...(process.env.CMHASH_FC_SEED ? { seed: Number(process.env.CMHASH_FC_SEED) } : {}),
  ...(process.env.CMHASH_FC_PATH ? { path: process.env.CMHASH_FC_PATH } : {}),
})

// --- the estate model ---

type Kind = 'ConfigMap' | 'Secret'
interface Config { kind: Kind; name: string; ns: string; values: Record<string, string>; stringData: boolean; type?: string }
type Loc = 'envFrom' | 'keyRef' | 'volume' | 'projected' | 'init' | 'ephemeral' | 'pullSecret'
interface Ref { target: number; loc: Loc }
interface Workload { kind: string; name: string; ns: string; refs: Ref[]; optionalMissing: boolean }
interface Estate { configs: Config[]; workloads: Workload[] }

const NAMES = ['app', 'cfg', 'web-settings', 'x1', 'db']
const NAMESPACES = ['default', 'a', 'b']
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Rollout']
let marker = 0

const key = fc.stringMatching(/^[A-Za-z0-9_][-._A-Za-z0-9]{0,11}$/).filter(k => !k.startsWith('..'))
const text = fc.string({ unit: 'grapheme', maxLength: 24 })

const configArb: fc.Arbitrary<Omit<Config, 'values'> & { values: Record<string, string> }> = fc.record({
  kind: fc.constantFrom<Kind>('ConfigMap', 'Secret'),
  name: fc.constantFrom(...NAMES),
  ns: fc.constantFrom(...NAMESPACES),
  values: fc.dictionary(key, text, { minKeys: 1, maxKeys: 4 }),
  stringData: fc.boolean(),
  type: fc.option(fc.constantFrom('Opaque', 'kubernetes.io/basic-auth', 'example.com/custom'), { nil: undefined }),
})

const estateArb: fc.Arbitrary<Estate> = fc.uniqueArray(configArb, { minLength: 1, maxLength: 5, selector: c => `${c.kind}/${c.ns}/${c.name}` })
  .chain(configs => fc.record({
    configs: fc.constant(configs as Config[]),
    workloads: fc.uniqueArray(fc.record({
      kind: fc.constantFrom(...WORKLOAD_KINDS),
      name: fc.constantFrom('w1', 'w2', 'w3', 'w4'),
      ns: fc.constantFrom(...NAMESPACES),
      refs: fc.array(fc.record({ target: fc.nat(configs.length - 1), loc: fc.constantFrom<Loc>('envFrom', 'keyRef', 'volume', 'projected', 'init', 'ephemeral', 'pullSecret') }), { maxLength: 4 }),
      optionalMissing: fc.boolean(),
    }), { maxLength: 4, selector: w => `${w.kind}/${w.ns}/${w.name}` }),
  }))

/** Plain objects for an estate; references only point into the workload's own namespace. */
function objectsOf(estate: Estate): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = []
  for (const c of estate.configs) {
    const metadata = { name: c.name, ...(c.ns === 'default' && c.name.length % 2 ? {} : { namespace: c.ns }) }
    if (c.kind === 'ConfigMap') out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: c.values })
    else {
      const values = Object.fromEntries(Object.entries(c.values).map(([k, v]) => [k, `${v} MARKER${++marker}X`]))
      c.values = values
      out.push({
        apiVersion: 'v1', kind: 'Secret', metadata, ...(c.type ? { type: c.type } : {}),
        ...(c.stringData ? { stringData: values } : { data: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) }),
      })
    }
  }
  for (const w of estate.workloads) {
    const container: Record<string, any> = { name: 'main', image: 'app:1' }
    const spec: Record<string, any> = { containers: [container] }
    w.refs.forEach((r, i) => {
      const c = estate.configs[r.target]!
      if (c.ns !== w.ns) return
      const k = c.kind === 'ConfigMap' ? 'configMap' : 'secret'
      switch (r.loc) {
        case 'envFrom': (container.envFrom ??= []).push({ [`${k}Ref`]: { name: c.name } }); break
        case 'keyRef': (container.env ??= []).push({ name: `E${i}`, valueFrom: { [`${k}KeyRef`]: { name: c.name, key: Object.keys(c.values)[0] } } }); break
        case 'volume': (spec.volumes ??= []).push({ name: `v${i}`, ...(k === 'configMap' ? { configMap: { name: c.name } } : { secret: { secretName: c.name } }) }); break
        case 'projected': (spec.volumes ??= []).push({ name: `p${i}`, projected: { sources: [{ [k]: { name: c.name } }] } }); break
        case 'init': (spec.initContainers ??= [{ name: 'init', image: 'init:1' }])[0].envFrom = [{ [`${k}Ref`]: { name: c.name } }]; break
        case 'ephemeral': (spec.ephemeralContainers ??= [{ name: 'debug', image: 'busybox' }])[0].envFrom = [{ [`${k}Ref`]: { name: c.name } }]; break
        case 'pullSecret': if (k === 'secret') (spec.imagePullSecrets ??= []).push({ name: c.name }); break
      }
    })
    if (w.optionalMissing) (container.envFrom ??= []).push({ configMapRef: { name: 'nowhere', optional: true } })
    const meta = { name: w.name, namespace: w.ns }
    const podTemplate = { metadata: { labels: { app: w.name } }, spec }
    const obj: Record<string, unknown> = { apiVersion: 'apps/v1', kind: w.kind, metadata: meta }
    if (w.kind === 'Pod') Object.assign(obj, { apiVersion: 'v1', spec })
    else if (w.kind === 'CronJob') Object.assign(obj, { apiVersion: 'batch/v1', spec: { schedule: '@daily', jobTemplate: { spec: { template: podTemplate } } } })
    else if (w.kind === 'Job') Object.assign(obj, { apiVersion: 'batch/v1', spec: { template: podTemplate } })
    else if (w.kind === 'Rollout') Object.assign(obj, { apiVersion: 'argoproj.io/v1alpha1', spec: { template: podTemplate } })
    else Object.assign(obj, { spec: { selector: { matchLabels: { app: w.name } }, template: podTemplate } })
    out.push(obj)
  }
  return out
}

interface Style { flow: boolean[]; quote: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'; comments: boolean; json: boolean[]; list: boolean; shuffle: number }
const styleArb: fc.Arbitrary<Style> = fc.record({
  flow: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  quote: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  comments: fc.boolean(),
  json: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  list: fc.boolean(),
  shuffle: fc.nat(1000),
})

function shuffleKeys(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map(x => shuffleKeys(x, seed + 1))
  if (!v || typeof v !== 'object') return v
  const entries = Object.entries(v)
  entries.sort(([a], [b]) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7) || (seed % 2 ? a.localeCompare(b) : b.localeCompare(a)))
  return Object.fromEntries(entries.map(([k, x]) => [k, shuffleKeys(x, seed + 3)]))
}

/**
 * Strings that Kubernetes (YAML 1.1, goyaml v2) would read as something else
 * when written plain: booleans (y, N, on…), numbers in any base or with
 * underscores, nulls; and text with characters YAML 1.1 reads as line
 * breaks (NEL, U+2028, U+2029, a carriage return), which only double quotes
 * keep. Writers for Kubernetes must quote them; cmhash rejects
 * them where a string is required (see errors.test.ts), so the generator
 * quotes them.
 */
const K8S_AMBIGUOUS = /^(?:[-+.0-9].*|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|)$|[\u0085\u2028\u2029\r]/

function stringify(obj: unknown, options: { collectionStyle?: 'flow' | 'block'; defaultStringType?: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'; defaultKeyType?: 'PLAIN'; lineWidth?: number } = {}): string {
  const doc = new Document(obj)
  visit(doc, { Scalar(_, node) { if (typeof node.value === 'string' && K8S_AMBIGUOUS.test(node.value)) node.type = 'QUOTE_DOUBLE' } })
  visit(doc, { Pair(_, pair) { if (isScalar(pair.key) && typeof pair.key.value === 'string' && K8S_AMBIGUOUS.test(pair.key.value)) pair.key.type = 'QUOTE_DOUBLE' } })
  return doc.toString(options)
}

/** The objects as YAML text in a given style; the same objects, differently written. */
function render(objs: Array<Record<string, unknown>>, style: Style): string {
  const docs = objs.map(o => shuffleKeys(o, style.shuffle) as Record<string, unknown>)
  const body = style.list && docs.length > 1 ? [{ apiVersion: 'v1', kind: 'List', items: docs.slice(0, 2) }, ...docs.slice(2)] : docs
  return body.map((o, i) => {
    const text = style.json[i % 12]
      ? JSON.stringify(o, null, 2)
      : stringify(o, { collectionStyle: style.flow[i % 12] ? 'flow' : 'block', defaultStringType: style.quote, defaultKeyType: 'PLAIN', lineWidth: 0 })
    return `${style.comments ? `# document ${i}\n` : ''}${text}`
  }).join('\n---\n')
}

// --- checks ---

const parsed = (text: string) => parseAllDocuments(text).map(d => {
  expect(d.errors).toEqual([])
  return d.toJS()
})

/** Undo exactly what cmhash may change: hashed names and its own fields. */
function unhash(value: unknown, result: BuildResult): unknown {
  const back = new Map(result.renames.map(r => [r.to, r.from]))
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return back.get(v) ?? v
    if (Array.isArray(v)) return v.map(walk)
    if (!v || typeof v !== 'object') return v
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) as Record<string, any>
    if ((o.kind === 'ConfigMap' || o.kind === 'Secret') && o.metadata?.annotations?.['cmhash.dev/name']) {
      delete o.immutable
      delete o.metadata.labels['cmhash.dev/managed']
      delete o.metadata.annotations['cmhash.dev/name']
      if (Object.keys(o.metadata.labels).length === 0) delete o.metadata.labels
      if (Object.keys(o.metadata.annotations).length === 0) delete o.metadata.annotations
    }
    return o
  }
  return walk(value)
}

function flatten(docs: unknown[]): Array<Record<string, any>> {
  return docs.flatMap(d => ((d as any)?.kind === 'List' ? (d as any).items : [d]))
}

describe('properties', () => {
  it('loses nothing and invents nothing: only hashed names and cmhash fields change', () => {
    fc.assert(fc.property(estateArb, styleArb, (estate, style) => {
      const input = render(objectsOf(estate), style)
      const result = build(input)
      expect(unhash(parsed(result.output), result)).toEqual(parsed(input))
    }), params())
  })

  it('leaves every reference naming a ConfigMap/Secret in the output, in the same namespace', () => {
    fc.assert(fc.property(estateArb, styleArb, (estate, style) => {
      const objs = flatten(parsed(build(render(objectsOf(estate), style)).output))
      const present = new Set(objs.filter(o => o.kind === 'ConfigMap' || o.kind === 'Secret').map(o => `${o.kind}/${o.metadata.namespace ?? 'default'}/${o.metadata.name}`))
      for (const o of objs.filter(x => x.kind !== 'ConfigMap' && x.kind !== 'Secret')) {
        const ns = o.metadata.namespace ?? 'default'
        JSON.stringify(o, (k, v) => {
          if (v && typeof v === 'object' && typeof v.name === 'string' && v.optional !== true) {
            if (['configMapRef', 'configMapKeyRef', 'configMap'].includes(k)) expect(present, v.name).toContain(`ConfigMap/${ns}/${v.name}`)
            if (['secretRef', 'secretKeyRef'].includes(k)) expect(present, v.name).toContain(`Secret/${ns}/${v.name}`)
          }
          if (k === 'secret' && v?.secretName) expect(present).toContain(`Secret/${ns}/${v.secretName}`)
          return v
        })
      }
    }), params())
  })

  it('gives the same names whatever the key order, quoting, style, comments and document order', () => {
    fc.assert(fc.property(estateArb, styleArb, styleArb, (estate, a, b) => {
      const objs = objectsOf(estate)
      const names = (r: BuildResult) => Object.fromEntries(r.renames.map(x => [`${x.kind}/${x.namespace}/${x.originalName}`, x.to]))
      expect(names(build(render([...objs].reverse(), b)))).toEqual(names(build(render(objs, a))))
    }), params())
  })

  it('gives a new name when any data value changes, and only to that object', () => {
    fc.assert(fc.property(estateArb, styleArb, fc.nat(), text, (estate, style, pick, extra) => {
      const objs = objectsOf(estate)
      const before = build(render(objs, style))
      const hashed = before.renames
      fc.pre(hashed.length > 0)
      const target = hashed[pick % hashed.length]!
      const changed = objs.map(o => {
        const m = o.metadata as { name: string; namespace?: string }
        if (o.kind !== target.kind || m.name !== target.originalName || (m.namespace ?? 'default') !== target.namespace) return o
        const field = o.data ? 'data' : 'stringData'
        const values = { ...(o[field] as Record<string, string>) }
        const k = Object.keys(values)[0]!
        values[k] = field === 'data' && o.kind === 'Secret' ? Buffer.from(`${extra}!changed`).toString('base64') : `${values[k]}${extra}!`
        return { ...o, [field]: values }
      })
      const after = build(render(changed, style))
      for (const r of after.renames) {
        const old = hashed.find(x => x.kind === r.kind && x.namespace === r.namespace && x.originalName === r.originalName)!
        if (old === target) expect(r.to).not.toBe(old.to)
        else expect(r.to).toBe(old.to)
      }
    }), params())
  })

  it('changes nothing when built again', () => {
    fc.assert(fc.property(estateArb, styleArb, (estate, style) => {
      const once = build(render(objectsOf(estate), style)).output
      expect(build(once).output).toBe(once)
    }), params())
  })

  it('never shows a Secret value anywhere but in the manifests it outputs', () => {
    fc.assert(fc.property(estateArb, styleArb, (estate, style) => {
      const objs = objectsOf(estate)
      const result = build(render(objs, style))
      const elsewhere = JSON.stringify(result.warnings) + result.warnings.map(formatProblem).join() +
        JSON.stringify(changeReport(result)) + formatSummary(changeReport(result))
      expect(elsewhere).not.toMatch(/MARKER\d+X/)
      // Now break every Secret (a value that is not base64, a bad key) and
      // read the errors.
      const broken = objs.map(o => (o.kind === 'Secret'
        ? { ...o, data: Object.fromEntries(Object.entries((o.data ?? o.stringData) as Record<string, string>).map(([k, v]) => [k, v])), stringData: undefined }
        : o))
      try {
        build(render(broken, style))
      } catch (e) {
        expect(e).toBeInstanceOf(CmhashError)
        expect(JSON.stringify((e as CmhashError).errors) + (e as Error).message).not.toMatch(/MARKER\d+X/)
      }
    }), params())
  })

  it('writes the same bytes whatever order the files were created in', async () => {
    await fc.assert(fc.asyncProperty(estateArb, fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), async (estate, order) => {
      const objs = objectsOf(estate)
      const outputs: string[] = []
      for (const permutation of [order, [...order].reverse()]) {
        const dir = mkdtempSync(join(tmpdir(), 'cmhash-order-'))
        const files = objs.map((o, i) => [`f${String(i).padStart(2, '0')}.yaml`, stringify(o)] as const)
        const sequence = files.map((f, i) => [permutation[i % permutation.length]!, f] as const).sort((a, b) => a[0] - b[0]).map(([, f]) => f)
        for (const [name, content] of sequence) writeFileSync(join(dir, name), content)
        outputs.push((await cli(['build', dir], {})).stdout)
      }
      expect(outputs[1]).toBe(outputs[0])
    }), params(Math.max(5, Math.floor(RUNS / 10))))
  })
})

describe('fuzz: the library throws nothing but CmhashError', () => {
  const yamlish = fc.array(fc.constantFrom(
    'apiVersion: v1\n', 'kind: ConfigMap\n', 'kind: Secret\n', 'kind: Pod\n', 'kind: List\n', 'metadata:\n', '  name: x\n', 'data:\n', '  k: v\n',
    'items:\n', '- ', '---\n', '...\n', '&a ', '*a ', '!!str ', '!!binary ', '<<: ', '{', '}', '[', ']', ', ', '? ', ': ', '"', "'", '|\n', '>-\n',
    '  ', '\t', '#c\n', '%YAML 1.2\n', 'containers:\n', '  - name: c\n', '    envFrom: [{configMapRef: {name: x}}]\n', 'spec:\n', '\n', '\r\n', 'ü', '\u2028', '\ufeff',
  ), { maxLength: 40 }).map(parts => parts.join(''))

  const onlyTyped = (input: string) => {
    try {
      build(input)
    } catch (e) {
      if (!(e instanceof CmhashError)) throw e
    }
  }

  it('on YAML-like token soup', () => {
    fc.assert(fc.property(yamlish, onlyTyped), params(RUNS * 10))
  })

  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), onlyTyped), params(RUNS * 10))
  })

  it('on valid estates with bytes changed', () => {
    fc.assert(fc.property(estateArb, styleArb, fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 5 }), (estate, style, edits) => {
      let input = render(objectsOf(estate), style)
      for (const [at, s] of edits) {
        const i = at % (input.length + 1)
        input = input.slice(0, i) + s + input.slice(i + 1)
      }
      onlyTyped(input)
    }), params(RUNS * 5))
  })
})
