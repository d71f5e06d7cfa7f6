// pnpm bench: cmhash against the yaml package's parse+stringify floor and
// against `kubectl kustomize`, on a synthetic estate of 100 / 1,000 / 4,000
// apps (3 documents each) and on the real-world corpus; and cmhash prune on
// a live-state export of 100,000 objects (prune.mjs). Every tool runs as a
// whole process, interleaved, several times; medians are reported, and all
// ratios come from the same run. Writes BENCHMARKS.md and benchmarks.svg
// unless --quick (which CI runs so that this script cannot rot).
//
//   pnpm bench                    full run, writes BENCHMARKS.md
//   pnpm bench --quick            100 apps, 10,000 live objects, 3 runs, prints only
//   pnpm bench --kustomize-4000   also run kustomize at 4,000 apps (minutes)
//   pnpm bench --prune-only       only the prune rows; rewrites only the Prune
//                                 section of BENCHMARKS.md (unless --quick)
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, tmpdir, release } from 'node:os'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { writeEstate } from './estate.mjs'
import { chart } from './chart.mjs'
import { benchPrune } from './prune.mjs'

const root = new URL('../../', import.meta.url).pathname
const args = new Set(process.argv.slice(2))
const quick = args.has('--quick')
const pruneOnly = args.has('--prune-only')
const sizes = pruneOnly ? [] : quick ? [100] : [100, 1000, 4000]
const runsFor = apps => (quick ? 3 : apps >= 4000 ? 3 : 5)
const kustomizeUpTo = args.has('--kustomize-4000') ? Infinity : 1000

const cmhashBin = join(root, 'packages/cli/bin/cmhash.js')
const floorScript = join(root, 'scripts/bench/floor.mjs')
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0
const hasTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0

if (!existsSync(join(root, 'packages/core/dist/index.js'))) {
  console.error('bench: build first (pnpm install builds; or pnpm build)')
  process.exit(1)
}
const core = await import(join(root, 'packages/core/dist/index.js'))

/** Runs a command with stdout discarded; returns wall seconds and peak RSS (MB) when /usr/bin/time exists. */
function measure(cmd, argv) {
  const [file, fileArgs] = hasTime ? ['/usr/bin/time', ['-f', '%M', cmd, ...argv]] : [cmd, argv]
  const start = process.hrtime.bigint()
  const r = spawnSync(file, fileArgs, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 })
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.stderr}`)
  const rss = hasTime ? Number(r.stderr.toString().trim().split('\n').pop()) / 1024 : undefined
  return { seconds, rss }
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

function readTree(dir) {
  return readdirSync(dir, { recursive: true }).filter(f => /\.(ya?ml|json)$/.test(f)).sort()
    .map(f => ({ path: f, content: readFileSync(join(dir, f), 'utf8') }))
}

/** Hashed names in cmhash's output must be the names kustomize generates. */
function checkNamesMatch(manifests, kustomizeDir) {
  const names = text => new Set(parseAllDocuments(text).map(d => d.toJS())
    .filter(o => o.kind === 'ConfigMap' || o.kind === 'Secret').map(o => `${o.kind}/${o.metadata.name}`))
  const ours = names(execFileSync('node', [cmhashBin, 'build', manifests], { maxBuffer: 1 << 28, encoding: 'utf8' }))
  const theirs = names(execFileSync('kubectl', ['kustomize', kustomizeDir], { maxBuffer: 1 << 28, encoding: 'utf8' }))
  const missing = [...theirs].filter(n => !ours.has(n))
  if (missing.length || ours.size !== theirs.size) throw new Error(`names differ from kustomize: ${missing.slice(0, 3).join(', ')}`)
  return ours.size
}

const work = mkdtempSync(join(tmpdir(), 'cmhash-bench-'))
const rows = []
let pruned
try {
  for (const apps of sizes) {
    const estate = writeEstate(join(work, String(apps)), apps)
    const withKustomize = hasKubectl && apps <= kustomizeUpTo
    if (withKustomize && apps === 100) checkNamesMatch(estate.manifests, estate.kustomize)
    const samples = { cmhash: [], floor: [], kustomize: [] }
    for (let i = 0; i < runsFor(apps); i++) {
      samples.cmhash.push(measure('node', [cmhashBin, 'build', estate.manifests]))
      samples.floor.push(measure('node', [floorScript, estate.manifests]))
      if (withKustomize) samples.kustomize.push(measure('kubectl', ['kustomize', estate.kustomize]))
    }
    const inputs = readTree(estate.manifests)
    core.build(inputs)
    const library = []
    for (let i = 0; i < runsFor(apps); i++) {
      const start = process.hrtime.bigint()
      core.build(inputs)
      library.push(Number(process.hrtime.bigint() - start) / 1e9)
    }
    const summarize = xs => (xs.length ? { seconds: median(xs.map(x => x.seconds)), rss: hasTime ? Math.max(...xs.map(x => x.rss)) : undefined } : undefined)
    const row = {
      apps, documents: estate.documents, megabytes: estate.bytes / 1e6, runs: runsFor(apps),
      cmhash: summarize(samples.cmhash), floor: summarize(samples.floor), kustomize: summarize(samples.kustomize),
      library: median(library),
    }
    rows.push(row)
    console.log(JSON.stringify(row))
  }
  pruned = benchPrune({ work, quick, cmhashBin, measure, median })
  console.log(JSON.stringify({ prune: pruned.row }))
} finally {
  rmSync(work, { recursive: true, force: true })
}

// The corpus: each folder is its own build (folders overlap: argo-cd appears
// twice), files that Kubernetes would reject are left out.
const corpusDir = join(root, 'fixtures/corpus')
const corpus = { documents: 0, seconds: 0, folders: 0 }
for (const folder of pruneOnly ? [] : readdirSync(corpusDir, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort()) {
  let inputs = readTree(join(corpusDir, folder))
  try {
    core.build(inputs)
  } catch (e) {
    const bad = new Set(e.errors.map(x => x.location.file))
    inputs = inputs.filter(i => !bad.has(i.path))
  }
  corpus.documents += inputs.reduce((n, i) => n + parseAllDocuments(i.content).filter(d => d.contents !== null).length, 0)
  const start = process.hrtime.bigint()
  for (let i = 0; i < 3; i++) core.build(inputs)
  corpus.seconds += Number(process.hrtime.bigint() - start) / 1e9 / 3
  corpus.folders++
}
if (!pruneOnly) console.log(JSON.stringify({ corpus }))

const byApps = n => rows.find(r => r.apps === n)
const small = byApps(100)
const mid = byApps(1000)
const large = byApps(4000)
const f2 = x => (x === undefined ? 'n/a' : x.toFixed(2))
const verdict = ok => (ok ? 'met' : '**missed**')
const targets = []
if (large && mid) {
  const ratio = large.cmhash.seconds / large.floor.seconds
  targets.push(['cmhash / floor at 12,000 documents', '≤ 1.25', f2(ratio), verdict(ratio <= 1.25)])
  const linear = large.cmhash.seconds / mid.cmhash.seconds
  targets.push(['time(12,000 docs) / time(3,000 docs)', '≤ 4.4', f2(linear), verdict(linear <= 4.4)])
  if (large.cmhash.rss !== undefined) targets.push(['peak RSS at 12,000 documents', '< 400 MB', `${large.cmhash.rss.toFixed(0)} MB`, verdict(large.cmhash.rss < 400)])
}
if (small?.kustomize) {
  const r = small.cmhash.seconds / small.kustomize.seconds
  targets.push(['300 documents, cmhash / kustomize, end to end', '≤ 1 (stretch ≤ 0.5)', f2(r), r <= 0.5 ? 'met, stretch met' : r <= 1 ? 'met; stretch **missed**' : verdict(false)])
}

const table = [
  '| apps | documents | MB | cmhash (s) | floor (s) | kustomize (s) | cmhash / floor | kustomize / cmhash | cmhash peak RSS (MB) | library path (s) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(r => `| ${r.apps.toLocaleString('en')} | ${r.documents.toLocaleString('en')} | ${r.megabytes.toFixed(1)} | ${f2(r.cmhash.seconds)} | ${f2(r.floor.seconds)} | ${r.kustomize ? f2(r.kustomize.seconds) : 'not run'} | ${f2(r.cmhash.seconds / r.floor.seconds)} | ${r.kustomize ? f2(r.kustomize.seconds / r.cmhash.seconds) : '–'} | ${r.cmhash.rss === undefined ? 'n/a' : r.cmhash.rss.toFixed(0)} | ${r.library.toFixed(3)} |`),
].join('\n')

const versions = {
  node: process.version,
  yaml: JSON.parse(readFileSync(join(root, 'node_modules/yaml/package.json'), 'utf8')).version,
  kubectl: hasKubectl ? execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).trim().replace(/\n/g, ', ') : 'not installed',
}
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}`

if (pruneOnly) {
  console.log(`\n${pruned.section}`)
  if (!quick) {
    // Only the Prune section: the rest of the file keeps the run that wrote it.
    const file = join(root, 'BENCHMARKS.md')
    const text = readFileSync(file, 'utf8')
    const start = text.indexOf('\n## Prune\n')
    const end = start < 0 ? -1 : text.indexOf('\n## ', start + 1)
    const section = `${pruned.section}\nMeasured by \`pnpm bench --prune-only\` on ${new Date().toISOString().slice(0, 10)}, on its own (not in the run that wrote the rest of this file). Machine: ${machine}. Node ${versions.node}.\n`
    writeFileSync(file, start < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start + 1)}${section}${end < 0 ? '' : text.slice(end)}`)
    console.log('wrote the Prune section of BENCHMARKS.md')
  }
} else if (quick) {
  console.log(`\n${table}\n`)
  console.log(`${pruned.section}\n`)
  for (const t of targets) console.log(`${t[0]}: ${t[2]} (target ${t[1]}: ${t[3]})`)
  console.log(`corpus: ${corpus.documents} documents in ${corpus.folders} folders, ${(corpus.documents / corpus.seconds).toFixed(0)} documents/s (library path)`)
} else {
  writeFileSync(join(root, 'benchmarks.svg'), chart(rows))
  // The start-up section is pnpm bench:startup's (it needs pnpm release): kept as it is.
  const startup = /<!-- startup:[\s\S]*?<!-- \/startup -->\n/.exec(readFileSync(join(root, 'BENCHMARKS.md'), 'utf8'))?.[0]
  writeFileSync(join(root, 'BENCHMARKS.md'), `# Benchmarks

Written by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}; rerun it to refresh this file and the chart. Machine: ${machine}. Node ${versions.node}, yaml ${versions.yaml}, kubectl: ${versions.kubectl}.

## What is measured

A synthetic estate of N apps (\`scripts/bench/estate.mjs\`, deterministic): per app a ConfigMap, a Secret and a Deployment that uses both through envFrom, env key refs, a volume and a projected volume; one file per app, block style. The same estate is written as a kustomization with the ConfigMaps and Secrets as generators, and the benchmark first checks, at 100 apps, that cmhash and kustomize give every ConfigMap and Secret the same name.

- **cmhash**: \`node packages/cli/bin/cmhash.js build <dir>\`, a whole process, stdout discarded.
- **floor**: \`node scripts/bench/floor.mjs <dir>\`, a whole process that reads the same files and parses and stringifies every document with the same yaml version: the floor for a tool that round-trips documents through the yaml package. cmhash does not stringify (it splices edits into the source text), so it can beat this floor.
- **kustomize**: \`kubectl kustomize <dir>\` on the equivalent kustomization (not at 4,000 apps unless \`--kustomize-4000\`: it takes minutes).
- **library path**: \`build()\` from \`@cmhash/core\` on the files already in memory, in a warm process (no start-up, no I/O).

Runs are interleaved (cmhash, floor, kustomize, cmhash, …); times are medians of ${sizes.map(runsFor).join(' / ')} runs, peak RSS the largest seen (GNU time's maximum resident set size).

## Results

${table}

![time against documents](benchmarks.svg)

## Targets

| target | goal | measured | |
|---|---|---|---|
${targets.map(t => `| ${t.join(' | ')} |`).join('\n')}

## Notes

- These machines are shared: absolute times move by up to 2× between runs
  (the same 12,000-document build has taken 3.2 s and 6.2 s here). The targets
  are ratios measured in one run, which move much less.
- Small inputs: of cmhash's time on 300 documents, Node's start takes about
  0.1 s, loading the bundled CLI (cmhash, yaml and fast-glob in two chunks
  built with rolldown; the configuration module and ajv load only when a
  configuration is used) a few tens of milliseconds, and the rest is parsing with
  code the JIT has not warmed up yet. ${small?.kustomize && small.cmhash.seconds / small.kustomize.seconds > 0.5
    ? 'That is why the stretch goal (half of kustomize\'s time; kustomize is a Go binary that starts in milliseconds) is missed.'
    : 'The stretch goal (half of kustomize\'s time) was met in this run.'}
- Large inputs: cmhash does not stringify (it splices its edits into the
  source text), but it composes every document with the yaml package to
  check it fully and read it the way Kubernetes does; composing is about
  three quarters of its time. A scanner over yaml's CST alone could go
  further below the floor; it would have to redo the checks the composer
  makes.
- Memory and a 100 MB input are covered in RELIABILITY.md.

## Real-world corpus

${corpus.documents} documents in the ${corpus.folders} folders of \`fixtures/corpus\`, each folder built on its own through the library path (folders overlap, so concatenating them would be a duplicate-resource error; the three Secrets that Kubernetes would reject are left out): ${corpus.seconds.toFixed(3)} s, **${(corpus.documents / corpus.seconds).toFixed(0)} documents/s**. The corpus is 8.9 MB, much of it CRDs (4.3 MB in kube-prometheus alone).

${pruned.section}${startup ? `\n${startup}` : ''}`)
  console.log('wrote BENCHMARKS.md and benchmarks.svg')
}
