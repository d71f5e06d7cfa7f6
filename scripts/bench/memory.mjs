// Where a large build's memory goes, in bytes per document of the bench
// estate: what the heap holds (after a full garbage collection) once the
// input is read as text; once every file is read into its full facts (what
// a build of one read holds while planning); once every file is read into
// the summaries planning's decisions need (what a build in two reads holds
// instead, analyze.ts); once decided (the renames, and per file the orders
// for its edits); and once every file's edits are planned (the plan kept
// until the output is written). And the peak resident set of the whole run.
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
const { sourceOf, summarize } = await import(join(dist, 'read/summarize.js'))
const { copyBudget, planDecisions, planEdits } = await import(join(dist, 'plan/index.js'))
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
const facts = inputs.map(i => readStream(i.path, i.content, readOptions, report))
const documents = facts.reduce((n, f) => n + f.docs.filter(d => !d.empty).length, 0)
const factsHeld = held()
facts.length = 0
const summaries = []
const files = []
for (const i of inputs) {
  const f = readStream(i.path, i.content, readOptions, report)
  files.push(sourceOf(f))
  summaries.push(summarize(f))
}
const summariesHeld = held()
const decisions = planDecisions(summaries, planOptions, report)
summaries.length = 0
held()
const decided = held()
const copies = copyBudget(files)
const edits = new Map()
for (const i of inputs) {
  const orders = decisions.orders.get(i.path)
  if (orders) edits.set(i.path, planEdits(readStream(i.path, i.content, readOptions, new Reporter()), orders, planOptions, report, copies))
}
const plan = { edits, renames: decisions.renames }
const planned = held()
if (report.errors.length > 0 || plan.renames.length === 0) throw new Error('the estate did not build')

const perDoc = bytes => Math.round(bytes / documents)
console.log(JSON.stringify({
  documents,
  text: perDoc(text - base),
  facts: perDoc(factsHeld - text),
  summaries: perDoc(summariesHeld - text),
  decided: perDoc(decided - text),
  plan: perDoc(planned - text),
  peakRssMB: process.resourceUsage().maxRSS / 1024,
}))
