// Where a large build's memory goes, in bytes per document of the bench
// estate: what the heap holds (after a full garbage collection) once the
// input is read as text; once every file is read into its full facts (what
// a build in one read holds while it plans, below LEAN_FROM); and once a
// build in three reads (analyze.ts, from LEAN_FROM) has planned (the texts,
// the documents' slices, the edits and the renames: what it keeps until the
// output is written). And the peak resident set of the whole run.
// Run by `pnpm bench` in a process of its own (it needs --expose-gc); alone:
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
const { analyzeForOutput } = await import(join(dist, 'analyze.js'))
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
const { readOptions } = resolveOptions({})
const facts = inputs.map(i => readStream(i.path, i.content, readOptions, new Reporter()))
const documents = facts.reduce((n, f) => n + f.docs.filter(d => !d.empty).length, 0)
const factsHeld = held()
facts.length = 0
held()
const analysis = analyzeForOutput(inputs, {}, true)
const planned = held()
if (analysis.report.errors.length > 0 || !analysis.plan || analysis.plan.renames.length === 0) throw new Error('the estate did not build')

const perDoc = bytes => Math.round(bytes / documents)
console.log(JSON.stringify({
  documents,
  text: perDoc(text - base),
  facts: perDoc(factsHeld - text),
  plan: perDoc(planned - text),
  peakRssMB: process.resourceUsage().maxRSS / 1024,
}))
