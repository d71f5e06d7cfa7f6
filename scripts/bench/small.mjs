// The small-input rows of `pnpm bench`: one document, whole process and
// time to the first byte of output, against `node -e ''` and `kubectl
// kustomize`; what start-up loads and where its time goes (the bundle's
// chunks, and CPU profiles of one-document builds); and small builds per
// second through the library, in one warm process.
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { writeOneDocument } from './estate.mjs'

/** Spawns a process; resolves with the milliseconds to its first byte on stdout and to its exit. */
function timed(cmd, argv) {
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint()
    let first
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'ignore'] })
    child.stdout.on('data', () => {
      first ??= Number(process.hrtime.bigint() - start) / 1e6
    })
    child.on('error', fail)
    child.on('close', code => {
      if (code !== 0) fail(new Error(`${cmd} ${argv.join(' ')}: exit ${code}`))
      else done({ wall: Number(process.hrtime.bigint() - start) / 1e6, first: first ?? NaN })
    })
  })
}

/** Median, fastest and slowest of some numbers. */
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
  return { median, min: s[0], max: s[s.length - 1] }
}

/** Inclusive milliseconds of the named functions in a .cpuprofile, and its total. */
function profileTimes(file, names) {
  const p = JSON.parse(readFileSync(file, 'utf8'))
  const byId = new Map(p.nodes.map(n => [n.id, n]))
  const parent = new Map()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map()
  p.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + p.timeDeltas[i]))
  const out = Object.fromEntries(names.map(n => [n, 0]))
  let total = 0
  for (const [id, t] of self) {
    total += t
    const seen = new Set()
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const name = byId.get(x).callFrame.functionName
      if (name in out && !seen.has(name)) {
        seen.add(name)
        out[name] += t
      }
    }
  }
  return { total: total / 1000, ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v / 1000])) }
}

/**
 * The bundle's chunks, and those a build loads: build.cjs, which
 * bin/cmhash.js loads, and what it requires at the top, transitively (a
 * lazily loaded chunk is required inside a function). The library's entry,
 * cmhash.cjs, is not one of them.
 */
function bundleChunks(dir) {
  const files = readdirSync(dir).filter(f => f.endsWith('.cjs') && f !== 'cmhash.cjs').sort()
  const staticRequires = f => [...readFileSync(join(dir, f), 'utf8').matchAll(/^(?:const|let|var) \w+ = require\("\.\/([^"]+)"\)/gm)].map(m => m[1])
  const loaded = new Set()
  const visit = f => {
    if (loaded.has(f)) return
    loaded.add(f)
    for (const g of staticRequires(f)) visit(g)
  }
  visit('build.cjs')
  return files.map(f => ({ file: f, bytes: statSync(join(dir, f)).size, loaded: loaded.has(f) }))
}

/** Measures the small-input rows; `work` is a directory to write into. */
export async function benchSmall({ root, work, quick, cmhashBin, core, hasKubectl }) {
  const one = writeOneDocument(join(work, 'one'))
  const runs = quick ? 5 : 31
  const forms = {
    node: ['node', ['-e', "process.stdout.write('\\n')"]],
    cmhash: ['node', [cmhashBin, 'build', one.manifests]],
    ...(hasKubectl ? { kustomize: ['kubectl', ['kustomize', one.kustomize]] } : {}),
  }
  const samples = Object.fromEntries(Object.keys(forms).map(k => [k, []]))
  for (let i = 0; i < runs; i++) {
    for (const [k, [cmd, argv]] of Object.entries(forms)) samples[k].push(await timed(cmd, argv))
  }
  const oneDoc = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, { wall: stats(xs.map(x => x.wall)), first: stats(xs.map(x => x.first)) }]))

  // Where a one-document build's time goes, from CPU profiles (V8's
  // sampling profiler, every 0.1 ms).
  const profDir = join(work, 'one', 'profiles')
  for (let i = 0; i < (quick ? 1 : 9); i++) {
    spawnSync('node', ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', profDir, cmhashBin, 'build', one.manifests], { stdio: 'ignore' })
  }
  // Script: bin/cmhash.js compiling build.cjs, or reading it from the code cache.
  const phases = ['Script', 'readInputs', 'build', 'readStream', 'planBuild', '(garbage collector)']
  const profiles = readdirSync(profDir).map(f => profileTimes(join(profDir, f), phases))
  const profile = Object.fromEntries(['total', ...phases].map(k => [k, stats(profiles.map(p => p[k])).median]))

  // Library calls: the example's four files, built again and again in one process.
  const dir = join(root, 'examples/basic/k8s')
  const inputs = readdirSync(dir).sort().map(f => ({ path: f, content: readFileSync(join(dir, f), 'utf8') }))
  for (let i = 0; i < 500; i++) core.build(inputs)
  // Per second of wall time (the target), and per second of this process's
  // CPU time, which other work on a shared machine takes less from.
  const rounds = []
  const cpuRounds = []
  const roundSeconds = quick ? 0.3 : 1
  for (let r = 0; r < (quick ? 3 : 9); r++) {
    let n = 0
    const cpu = process.cpuUsage()
    const start = process.hrtime.bigint()
    const until = start + BigInt(roundSeconds * 1e9)
    while (process.hrtime.bigint() < until) {
      void core.build(inputs).output
      n++
    }
    rounds.push(n / (Number(process.hrtime.bigint() - start) / 1e9))
    const used = process.cpuUsage(cpu)
    cpuRounds.push(n / ((used.user + used.system) / 1e6))
  }
  const calls = {
    perSecond: stats(rounds), perCpuSecond: stats(cpuRounds), rounds: rounds.length, roundSeconds,
    files: inputs.length, documents: inputs.reduce((n, i) => n + (i.content.match(/^kind:/gm)?.length ?? 0), 0),
  }

  return { oneDoc, runs, profile, profiles: profiles.length, calls, chunks: bundleChunks(join(root, 'packages/cli/dist/bundle')) }
}
