// Property tests (fast-check) over random but valid estates: ConfigMaps and
// Secrets with arbitrary keys and unicode values (each Secret value carrying
// a unique marker), workloads of every kind referencing them from every
// location, several namespaces, Lists, comments, flow and block style.
//
// CI runs a short budget; `pnpm fuzz` a long one (CMHASH_FUZZ_RUNS). A
// failure prints the seed and path; replay with CMHASH_FC_SEED=<seed>
// CMHASH_FC_PATH=<path>.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { build, changeReport, CmhashError, formatProblem, formatSummary, type BuildResult } from '@cmhash/core'
import { cli } from '../packages/cli/test/_run.js'
import { escapeSeparators, estateArb, objectsOf, render, stringify, styleArb, text } from './_utils/estates.js'
import { undoPlannedEdits } from './_utils/fidelity.js'
import { fuzzParams, fuzzRuns } from './_utils/fuzz.js'
import { kubectlRead } from './_utils/k8s-read.js'
import { skipKubectl } from './_utils/kubectl.js'

const RUNS = fuzzRuns()
const params = (runs = RUNS) => fuzzParams(runs)

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
      // Read with the yaml package, which does not merge `<<` as Kubernetes does.
      const objs = flatten(parsed(build(render(objectsOf(estate), { ...style, merges: false })).output))
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

  it('builds one stream of documents as it builds the same documents a file each', () => {
    // Piped input is one file of many documents: whatever is found or
    // searched per document must stop at its end (text/offsets.ts). JSON
    // escapes YAML lacks (\/) are left out: a JSON file may hold them, a
    // YAML stream may not.
    fc.assert(fc.property(estateArb, styleArb, (estate, style) => {
      const docs = objectsOf(estate).map(o => render([o], { ...style, list: false, jsonEscapes: false, ending: style.ending === 'block' ? 'newline' : style.ending }))
      const eachFile = build(docs.map((content, i) => ({ path: `f${i}.yaml`, content })))
      // Each after a --- line: a stream that starts with { is read as JSON
      // alone. A JSON file's raw NEL, LS and PS escaped: goyaml folds them.
      const oneStream = build(docs.map(d => `---\n${escapeSeparators(d.startsWith('---\n') ? d.slice(4) : d)}${d.endsWith('\n') ? '' : '\n'}`).join(''))
      const names = (r: BuildResult) => r.renames.map(x => `${x.kind}/${x.namespace}/${x.originalName} ${x.to} ${x.referencedBy.length}`)
      expect(names(oneStream)).toEqual(names(eachFile))
      expect(oneStream.warnings.map(w => w.code)).toEqual(eachFile.warnings.map(w => w.code))
      expect(parsed(oneStream.output)).toEqual(parsed(eachFile.output))
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

// Judged the way Kubernetes reads YAML: kubectl itself reads input and
// output (no cluster needed), so a difference the yaml package cannot see
// (the end of a file, YAML 1.1 scalars, an edit that reaches an alias)
// still fails. The estate is split into two files, the first ending as the
// style says (without a line break, after a comment or spaces, in a block
// scalar), so the output must also carry what follows a file's end.
describe.skipIf(skipKubectl)('properties, as kubectl reads them', () => {
  it('kubectl reads from the output what it reads from the input, apart from the planned edits', () => {
    fc.assert(fc.property(estateArb, styleArb, fc.boolean(), (estate, written, dedent) => {
      const style = { ...written, dedent }
      const all = objectsOf(estate)
      // The first object in a JSON file of its own, as JSON writers spell it (when asked).
      const [alone, objs] = style.jsonEscapes && all.length > 1 ? [all[0]!, all.slice(1)] : [undefined, all]
      const split = Math.ceil(objs.length / 2)
      const inputs = [
        ...(alone ? [{ path: 'alone.json', content: render([alone], { ...style, json: style.json.map(() => true), ending: 'newline' }) }] : []),
        { path: 'a.yaml', content: render(objs.slice(0, split), style) },
        ...(objs.length > split ? [{ path: 'b.yaml', content: render(objs.slice(split), { ...style, ending: 'newline' }) }] : []),
      ]
      const result = build(inputs)
      const before = kubectlRead(inputs)
      const after = kubectlRead(result.output)
      expect(undoPlannedEdits(after, result.renames, { inputObjects: before })).toEqual(before)
      // The names hash what kubectl reads: the same as built from kubectl's JSON of the input.
      const names = (r: BuildResult) => r.renames.map(x => `${x.kind}/${x.namespace}/${x.originalName}=${x.to}`).sort()
      expect(names(result)).toEqual(names(build(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: before }))))
    }), params(Math.max(8, Math.floor(RUNS / 3))))
  }, Math.max(60_000, RUNS * 1_000))
})

// Every output or none: a build with --output-dir and --report, where one
// place it must write is blocked (a file where a directory goes, a directory
// where the report goes, the report's parent a file), writes nothing at all
// and says so; unblocked, it writes everything.
describe('all or nothing', () => {
  const blockArb = fc.record({ where: fc.nat(), how: fc.constantFrom('file-as-dir', 'dir-as-report', 'report-parent-file', 'none') })

  it('a blocked output path leaves every output path as it was', async () => {
    await fc.assert(fc.asyncProperty(estateArb, blockArb, async (estate, block) => {
      const dir = mkdtempSync(join(tmpdir(), 'cmhash-faults-'))
      const objs = objectsOf(estate)
      objs.forEach((o, i) => {
        const sub = join(dir, 'in', `d${i % 3}`)
        mkdirSync(sub, { recursive: true })
        writeFileSync(join(sub, `o${i}.yaml`), stringify(o))
      })
      const subdirs = readdirSync(join(dir, 'in')).sort()
      let report = 'report.json'
      if (block.how === 'file-as-dir') {
        // A file where the directory out/dN/ must go.
        mkdirSync(join(dir, 'out'))
        writeFileSync(join(dir, 'out', subdirs[block.where % subdirs.length]!), 'x')
      }
      if (block.how === 'dir-as-report') mkdirSync(join(dir, report))
      if (block.how === 'report-parent-file') {
        writeFileSync(join(dir, 'taken'), 'x')
        report = 'taken/report.json'
      }
      const before = tree(dir)
      const r = await cli(['build', '-q', '-o', 'out', '--report', report, 'in'], { cwd: dir })
      if (block.how === 'none') {
        expect(r.code).toBe(0)
        expect(existsSync(join(dir, 'report.json'))).toBe(true)
        expect(tree(dir).filter(p => p.startsWith('out/')).length).toBeGreaterThan(0)
      } else {
        expect(r.code).toBe(2)
        expect(r.stdout).toBe('')
        expect(tree(dir)).toEqual(before)
      }
    }), params(Math.max(10, Math.floor(RUNS / 3))))
  })
})

/** Every path below a directory, for "nothing was written". */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map(p => p.split('\\').join('/')).sort()
}

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
