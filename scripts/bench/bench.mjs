// pnpm bench: cmhash against the yaml package's parse+stringify floor and
// against `kubectl kustomize`, on a synthetic estate of 100 / 1,000 / 4,000
// / 16,000 apps (3 documents each) and 58,000 apps (100 MB); one document
// against `node -e ''`; small builds per second through the library; the
// real-world corpus; and cmhash prune on a live-state export of 100,000
// objects (prune.mjs). Every tool runs as a whole process, interleaved,
// several times; medians are reported with the fastest and slowest run, and
// all ratios come from the same run. Writes BENCHMARKS.md and
// benchmarks.svg unless --quick (which CI runs so that this script cannot
// rot).
//
//   pnpm bench                    full run, writes BENCHMARKS.md (about 20 minutes)
//   pnpm bench --quick            100 apps, one document, 10,000 live objects, 3 runs, prints only
//   pnpm bench --kustomize-4000   also run kustomize at 4,000 apps (minutes)
//   pnpm bench --prune-only       only the prune rows; rewrites only the Prune
//                                 section of BENCHMARKS.md (unless --quick)
import { execFileSync, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, tmpdir, release } from 'node:os'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { writeEstate } from './estate.mjs'
import { chart } from './chart.mjs'
import { benchPrune } from './prune.mjs'
import { benchSmall } from './small.mjs'

const root = new URL('../../', import.meta.url).pathname
const args = new Set(process.argv.slice(2))
const quick = args.has('--quick')
const pruneOnly = args.has('--prune-only')
// 58,000 apps is the 100 MB input.
const sizes = pruneOnly ? [] : quick ? [100] : [100, 1000, 4000, 16000, 58000]
const runsFor = apps => (quick || apps >= 16000 ? 3 : 5)
const kustomizeUpTo = args.has('--kustomize-4000') ? 4000 : 1000
/** The library path (the files in memory, one warm process) is measured up to this size. */
const libraryUpTo = 16000

const cmhashBin = join(root, 'packages/cli/bin/cmhash.js')
const floorScript = join(root, 'scripts/bench/floor.mjs')
const memoryScript = join(root, 'scripts/bench/memory.mjs')
/** Sizes also built from one stream on stdin: 12,000 and 48,000 documents (the largest with --quick). */
const streamAt = quick ? [100] : [4000, 16000]
/** Where the memory of a large build goes is measured at this size (the largest with --quick). */
const memoryAt = quick ? 100 : 16000
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0
const hasTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0

if (!existsSync(join(root, 'packages/core/dist/index.js'))) {
  console.error('bench: build first (pnpm install builds; or pnpm build)')
  process.exit(1)
}
const core = await import(join(root, 'packages/core/dist/index.js'))

/** Runs a command with stdout discarded (stdin from `stdinFile`, if given); returns wall seconds and peak RSS (MB) when /usr/bin/time exists. */
function measure(cmd, argv, stdinFile) {
  const [file, fileArgs] = hasTime ? ['/usr/bin/time', ['-f', '%M', cmd, ...argv]] : [cmd, argv]
  const stdin = stdinFile === undefined ? 'ignore' : openSync(stdinFile, 'r')
  const start = process.hrtime.bigint()
  const r = spawnSync(file, fileArgs, { stdio: [stdin, 'ignore', 'pipe'], maxBuffer: 1 << 26 })
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  if (stdinFile !== undefined) closeSync(stdin)
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.stderr}`)
  const rss = hasTime ? Number(r.stderr.toString().trim().split('\n').pop()) / 1024 : undefined
  return { seconds, rss }
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
/** Median, fastest and slowest seconds, and the largest peak RSS, of some runs. */
const summarize = xs => {
  if (xs.length === 0) return undefined
  const seconds = xs.map(x => x.seconds)
  // Each run's peak too (the table shows the largest): a single run far above the others is worth a look.
  const rssRuns = hasTime ? xs.map(x => Math.round(x.rss)) : undefined
  return { seconds: median(seconds), min: Math.min(...seconds), max: Math.max(...seconds), rss: hasTime ? Math.max(...xs.map(x => x.rss)) : undefined, rssRuns }
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
let small
let memory
try {
  for (const apps of sizes) {
    const withKustomize = hasKubectl && apps <= kustomizeUpTo
    const estate = writeEstate(join(work, String(apps)), apps, { kustomize: withKustomize })
    if (withKustomize && apps === 100) checkNamesMatch(estate.manifests, estate.kustomize)
    const samples = { cmhash: [], floor: [], kustomize: [], stream: [] }
    // The same documents as one stream on stdin (as from helm template):
    // one file, which a build reads in one pass like any other.
    const stream = streamAt.includes(apps) ? join(work, `${apps}.yaml`) : undefined
    if (stream) writeFileSync(stream, readdirSync(estate.manifests).sort().map(f => readFileSync(join(estate.manifests, f), 'utf8')).join('---\n'))
    for (let i = 0; i < runsFor(apps); i++) {
      samples.cmhash.push(measure('node', [cmhashBin, 'build', estate.manifests]))
      if (stream) samples.stream.push(measure('node', [cmhashBin, 'build', '-'], stream))
      samples.floor.push(measure('node', [floorScript, estate.manifests]))
      if (withKustomize) samples.kustomize.push(measure('kubectl', ['kustomize', estate.kustomize]))
    }
    let library
    if (apps <= libraryUpTo) {
      const inputs = readTree(estate.manifests)
      core.build(inputs)
      const times = []
      for (let i = 0; i < runsFor(apps); i++) {
        const start = process.hrtime.bigint()
        void core.build(inputs).output
        times.push(Number(process.hrtime.bigint() - start) / 1e9)
      }
      library = median(times)
    }
    const row = {
      apps, documents: estate.documents, megabytes: estate.bytes / 1e6, runs: runsFor(apps),
      cmhash: summarize(samples.cmhash), floor: summarize(samples.floor), kustomize: summarize(samples.kustomize), stream: summarize(samples.stream), library,
    }
    rows.push(row)
    console.log(JSON.stringify(row))
    if (apps === memoryAt) {
      memory = JSON.parse(execFileSync('node', ['--expose-gc', memoryScript, estate.manifests], { encoding: 'utf8' }))
      console.log(JSON.stringify({ memory }))
    }
    rmSync(join(work, String(apps)), { recursive: true, force: true })
    if (stream) rmSync(stream, { force: true })
  }
  if (!pruneOnly) {
    small = await benchSmall({ root, work, quick, cmhashBin, core, hasKubectl })
    console.log(JSON.stringify({ small: { oneDoc: small.oneDoc, profile: small.profile, calls: small.calls } }))
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
const small300 = byApps(100)
const mid = byApps(1000)
const large = byApps(4000)
const larger = byApps(16000)
const huge = byApps(58000)
const f2 = x => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(2))
const ms = x => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(0))
const verdict = ok => (ok ? 'met' : '**missed**')
const targets = []
const target = (what, goal, value, ok, shown = f2(value)) => targets.push([what, goal, shown, value === undefined || Number.isNaN(value) ? 'n/a' : verdict(ok)])
if (large) target('12,000 documents: cmhash / floor', '≤ 0.5', large.cmhash.seconds / large.floor.seconds, large.cmhash.seconds / large.floor.seconds <= 0.5)
if (huge) {
  target('100 MB: cmhash / floor', '≤ 0.5', huge.cmhash.seconds / huge.floor.seconds, huge.cmhash.seconds / huge.floor.seconds <= 0.5)
  if (huge.cmhash.rss !== undefined) target('100 MB: cmhash peak RSS', '≤ 400 MB', huge.cmhash.rss, huge.cmhash.rss <= 400, `${huge.cmhash.rss.toFixed(0)} MB (runs: ${huge.cmhash.rssRuns.join(', ')})`)
}
if (small300?.kustomize) target('300 documents: cmhash / kustomize', '≤ 0.7', small300.cmhash.seconds / small300.kustomize.seconds, small300.cmhash.seconds / small300.kustomize.seconds <= 0.7)
if (small) {
  const r = small.oneDoc.cmhash.wall.median / small.oneDoc.node.wall.median
  target("one document: cmhash / `node -e ''`", '≤ 1.4', r, r <= 1.4)
  target('library: small builds per second', '≥ 5,000', small.calls.perSecond.median, small.calls.perSecond.median >= 5000, small.calls.perSecond.median.toFixed(0))
}
if (large && larger) {
  const t = larger.cmhash.seconds / large.cmhash.seconds
  target('time(48,000 docs) / time(12,000 docs)', '≤ 4.4', t, t <= 4.4)
  if (large.cmhash.rss !== undefined) {
    const m = larger.cmhash.rss / large.cmhash.rss
    target('peak RSS(48,000 docs) / peak RSS(12,000 docs)', '≤ 4.4', m, m <= 4.4)
  }
}
if (large?.stream && larger?.stream) {
  const t = larger.stream.seconds / large.stream.seconds
  target('time(48,000 docs) / time(12,000 docs), each one stream on stdin', '≤ 4.4', t, t <= 4.4)
}
if (large && mid) {
  const t = large.cmhash.seconds / mid.cmhash.seconds
  target('time(12,000 docs) / time(3,000 docs)', '≤ 4.4', t, t <= 4.4)
}

/** seconds as `median (min–max)`. */
const spread = x => (x ? `${f2(x.seconds)} (${f2(x.min)}–${f2(x.max)})` : 'not run')
const table = [
  '| apps | documents | MB | cmhash (s) | floor (s) | kustomize (s) | cmhash / floor | kustomize / cmhash | cmhash peak RSS (MB) | floor peak RSS (MB) | library path (s) | cmhash, one stream on stdin (s) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(r => `| ${r.apps.toLocaleString('en')} | ${r.documents.toLocaleString('en')} | ${r.megabytes.toFixed(1)} | ${spread(r.cmhash)} | ${spread(r.floor)} | ${spread(r.kustomize)} | ${f2(r.cmhash.seconds / r.floor.seconds)} | ${r.kustomize ? f2(r.kustomize.seconds / r.cmhash.seconds) : '–'} | ${r.cmhash.rss === undefined ? 'n/a' : r.cmhash.rss.toFixed(0)} | ${r.floor.rss === undefined ? 'n/a' : r.floor.rss.toFixed(0)} | ${r.library === undefined ? '–' : r.library.toFixed(3)} | ${r.stream ? spread(r.stream) : '–'} |`),
].join('\n')

const smallSection = small ? smallInputs(small) : ''

/** The one-document, start-up and library-call rows, with what start-up loads. */
function smallInputs(sm) {
  const kb = b => `${(b / 1024).toFixed(0)} KiB`
  const row = (what, x) => `| ${what} | ${ms(x.wall.median)} (${ms(x.wall.min)}–${ms(x.wall.max)}) | ${ms(x.first.median)} (${ms(x.first.min)}–${ms(x.first.max)}) |`
  const loaded = sm.chunks.filter(c => c.loaded)
  const lazy = sm.chunks.filter(c => !c.loaded)
  const p = sm.profile
  const c = sm.calls.perSecond
  return `## Small inputs

One document (the first app's ConfigMap, alone in a directory; kustomize builds the same ConfigMap from its generator): the whole process, and the time to the first byte of its output, both from the spawn; ${sm.runs} runs of each, interleaved, median (fastest–slowest), in milliseconds; cmhash's code cache is warm (the first run wrote it). \`node -e ''\` here writes one line, so that it has a first byte too.

| process | whole process (ms) | first byte of output (ms) |
|---|---:|---:|
${row("`node -e ''` (Node.js starting, for reference)", sm.oneDoc.node)}
${row('`cmhash build DIR`', sm.oneDoc.cmhash)}
${sm.oneDoc.kustomize ? row('`kubectl kustomize DIR`', sm.oneDoc.kustomize) : ''}

What a build loads: the bundle's build chunk (which \`bin/cmhash.js\` loads through its V8 code cache) and the chunks it requires, ${loaded.map(x => `\`${x.file}\` (${kb(x.bytes)})`).join(', ')}: ${kb(loaded.reduce((n, x) => n + x.bytes, 0))} in all. Loaded only when used: ${lazy.map(x => `\`${x.file}\` (${kb(x.bytes)})`).join(', ')} (the commands other than build, the configuration module with ajv, fast-glob for --include, --exclude or a directory holding a symbolic link).

Where a one-document build's CPU time goes (V8's sampling profiler, every 0.1 ms, median of ${sm.profiles} profiles; the profiler itself slows everything down): ${ms(p.total)} ms profiled in all, of which compiling the build chunk (read compiled from the code cache) ${ms(p.Script)} ms, listing and reading the input ${ms(p.readInputs)} ms, the build ${ms(p.build)} ms (reading ${ms(p.readStream)} ms, planning ${ms(p.planBuild)} ms), garbage collection ${ms(p['(garbage collector)'])} ms; the rest is Node.js starting and the modules' top-level code.

**Library calls**: \`build()\` on \`examples/basic/k8s\` (${sm.calls.files} files, ${sm.calls.documents} documents) again and again in one warm process: **${c.median.toFixed(0)} builds/s** (median of ${sm.calls.rounds} rounds of ${sm.calls.roundSeconds} s; ${c.min.toFixed(0)}–${c.max.toFixed(0)}), ${(1e6 / c.median).toFixed(0)} µs per build; per second of the process's CPU time (which includes V8's garbage-collection threads, and less of what other processes on the machine take), ${sm.calls.perCpuSecond.median.toFixed(0)} (${sm.calls.perCpuSecond.min.toFixed(0)}–${sm.calls.perCpuSecond.max.toFixed(0)}).
`
}

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
  console.log(`${smallSection}\n`)
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

A synthetic estate of N apps (\`scripts/bench/estate.mjs\`, deterministic): per app a ConfigMap, a Secret and a Deployment that uses both through envFrom, env key refs, a volume and a projected volume; one file per app, block style. 58,000 apps are the 100 MB input. The same estate is written as a kustomization with the ConfigMaps and Secrets as generators, and the benchmark first checks, at 100 apps, that cmhash and kustomize give every ConfigMap and Secret the same name.

- **cmhash**: \`node packages/cli/bin/cmhash.js build <dir>\`, a whole process, stdout discarded.
- **floor**: \`node scripts/bench/floor.mjs <dir>\`, a whole process that reads the same files and parses and stringifies every document with the same yaml version: the floor for a tool that round-trips documents through the yaml package. cmhash does not stringify (it splices edits into the source text), so it can beat this floor.
- **kustomize**: \`kubectl kustomize <dir>\` on the equivalent kustomization (not from 4,000 apps on unless \`--kustomize-4000\`: it takes minutes).
- **library path**: \`build()\` from \`@cmhash/core\` on the files already in memory, in a warm process (no start-up, no I/O; not at 100 MB).

At 12,000 and 48,000 documents cmhash also builds the same documents as one stream on stdin (\`cmhash build - < all.yaml\`, the files joined by \`---\` lines), as from \`helm template\`: one file of many documents, which must read as linearly as many files (it did not before this row was added: each document's searches ran on to the end of the file, and 12,000 documents in one stream took 16 s). Runs are interleaved (cmhash, floor, kustomize, cmhash, …); times are medians of ${sizes.map(runsFor).join(' / ')} runs with the fastest and slowest in brackets, peak RSS the largest seen (GNU time's maximum resident set size).

## Results

${table}

![time against documents, log-log](benchmarks.svg)

## Targets

| target | goal | measured | |
|---|---|---|---|
${targets.map(t => `| ${t.join(' | ')} |`).join('\n')}

${smallSection}
## Notes

- These machines are shared: absolute times move by up to 2× between runs
  (the same 12,000-document build has taken 3.2 s and 6.2 s here). The targets
  are ratios measured in one run, which move much less.
- Large inputs: most documents are read by cmhash's own scanner
  (\`packages/core/src/read/scan/\`), which builds the tree the yaml
  package's composer would for the YAML manifests are usually written in
  (block maps and lists, one-line scalars, block scalars, comments) at a
  fraction of its cost, and leaves everything else to the composer, from the
  document where it meets it (\`packages/core/test/scanner.test.ts\` holds
  the two together). The bundle takes the yaml package's ESM build, whose
  parser does not read \`process.env\` on every token as its CommonJS build
  does. What is left of a large build is cmhash's own reading (the reference
  walk, hashing, edit sites), planning, garbage collection and reading the
  files.
- Memory: the output is written as it is made (\`BuildResult.chunks()\`),
  so it is never held whole. Any file's edits can depend on any other file,
  so a build must know every target and every reference before it writes;
  from 32 MiB of input (\`LEAN_FROM\`) it holds no file's facts for that
  (ARCHITECTURE.md, "A build is a pipeline"): it reads each file once to
  index its targets, again to resolve its references (each target keeps a
  count and the few records its messages need), and once more to plan its
  edits, which it keeps packed (all files' offsets in one Int32Array, their
  texts in one list; texts most targets get alike held once). Below that size the facts of one read serve
  all three, which is faster. The CLI, from the same size, lets V8's heap
  grow only a tenth past what is alive after a full collection (V8's own
  rule lets it double) and turns off pretenuring, which in some runs put
  every read's facts into the old generation, to be collected there at a
  full collection every quarter second. It then has V8 collect once: V8 sets
  the next collection's threshold at each full collection, and one made
  while the files were read, before the flags, let the heap grow to four
  times what was alive (no full collection from 1 s to 12 s, and peaks of
  520-580 MB in about half the runs; \`packages/cli/src/heap.ts\`).
  ${memory ? `Per document of this estate, at ${memory.documents.toLocaleString('en')} documents (\`node --expose-gc scripts/bench/memory.mjs DIR\`, the heap after a full collection): the input text ${memory.text} bytes; the full facts of one read ${memory.facts} bytes (what a build below 32 MiB holds while it plans); what a build in three reads keeps once planned (document slices, the edits packed, the renames with their referrers) ${memory.plan} bytes. The heap is largest at the end of deciding (each target's summary and what names it, on top of the text), and again as the last file's edits are planned.` : ''}
- Small inputs: see above; most of a one-document build is Node.js starting.
  \`bin/cmhash.js\` (CommonJS) reads the build chunk compiled, from a V8
  code cache it writes after a successful build in the user's cache
  directory (\`~/.cache/cmhash\`; \`CMHASH_NO_CACHE=1\` turns it off), so
  neither the chunk nor the functions a build calls are compiled again; the
  runs above have it warm, as every run after a user's first does. The
  single executable (below) carries such a cache inside it.

## Real-world corpus

${corpus.documents} documents in the ${corpus.folders} folders of \`fixtures/corpus\`, each folder built on its own through the library path (folders overlap, so concatenating them would be a duplicate-resource error; the three Secrets that Kubernetes would reject are left out): ${corpus.seconds.toFixed(3)} s, **${(corpus.documents / corpus.seconds).toFixed(0)} documents/s**. The corpus is 8.9 MB, much of it CRDs (4.3 MB in kube-prometheus alone).

${pruned.section}${startup ? `\n${startup}` : ''}`)
  console.log('wrote BENCHMARKS.md and benchmarks.svg')
}
