// Where a large build's memory goes, in bytes per document of the bench
// estate: what the heap holds (after a full garbage collection) once the
// input is read as text, once every file is read into facts, and once the
// plan is made (what a build keeps until its output is written), and the
// peak resident set of the whole run. Run by `pnpm bench` in a process of
// its own (it needs --expose-gc); alone:
//
//   node --expose-gc scripts/bench/memory.mjs DIR
//
// DIR holds the estate's manifests (estate.mjs). Prints one JSON line.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('../../', import.meta.url).pathname
const dist = join(root, 'packages/core/dist')
const { resolveOptions } = await import(join(dist, 'options.js'))
const { readStream } = await import(join(dist, 'read/read-stream.js'))
const { planBuild } = await import(join(dist, 'plan/index.js'))
const { Reporter } = await import(join(dist, 'report/reporter.js'))

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc')
const held = () => {
  globalThis.gc()
  globalThis.gc()
  return process.memoryUsage().heapUsed
}

const dir = process.argv[2]
const base = held()
const inputs = readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort().map(f => ({ path: f, content: readFileSync(join(dir, f), 'utf8') }))
const text = held()
const report = new Reporter()
const { readOptions, planOptions } = resolveOptions({})
const files = inputs.map(i => readStream(i.path, i.content, readOptions, report))
const facts = held()
const plan = planBuild(files, planOptions, report)
const planned = held()
if (report.errors.length > 0 || plan.renames.length === 0) throw new Error('the estate did not build')

const documents = files.reduce((n, f) => n + f.docs.filter(d => !d.empty).length, 0)
const perDoc = bytes => Math.round(bytes / documents)
console.log(JSON.stringify({
  documents,
  text: perDoc(text - base),
  facts: perDoc(facts - text),
  plan: perDoc(planned - facts),
  peakRssMB: process.resourceUsage().maxRSS / 1024,
}))
