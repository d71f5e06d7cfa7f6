// pnpm bench:startup: how big the released artifacts are and how fast each
// form of the CLI starts, the single executable beside the Node CLI. Needs
// `pnpm release` first (reads release/, or the folder given). Runs are
// interleaved; wall time (median, fastest) and CPU time (mean) of N runs. Writes
// the "Start-up" section of BENCHMARKS.md (pnpm bench keeps it) unless
// --print.
//
//   pnpm bench:startup [--runs N] [--print] [RELEASE_DIR]
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const root = new URL('../../', import.meta.url).pathname
const { values, positionals } = parseArgs({ options: { runs: { type: 'string' }, print: { type: 'boolean' } }, allowPositionals: true })
const runs = Number(values.runs ?? 31)
const release = resolve(positionals[0] ?? join(root, 'release'))
const { version } = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8'))
const exe = join(release, 'cmhash-linux-x64')
for (const f of [exe, join(release, `cmhash-${version}.tgz`)]) {
  if (!existsSync(f)) {
    console.error(`bench:startup: no ${f}; run pnpm release first`)
    process.exit(1)
  }
}

const example = join(root, 'examples/basic/k8s')
const forms = {
  'Node CLI (`node bin/cmhash.js`, the npm package)': ['node', [join(root, 'packages/cli/bin/cmhash.js')]],
  'single executable (`cmhash-linux-x64`)': [exe, []],
  'Node.js itself (`node -e 0`), for reference': ['node', ['-e', '0']],
}
const documents = readFileSync(join(root, 'examples/basic/expected.yaml'), 'utf8').match(/^kind:/gm).length
const tasks = { '`--version`': ['--version'], [`\`build examples/basic/k8s\` (${documents} documents)`]: ['build', example] }

// CPU time (user + system) moves much less than wall time on a shared
// machine; GNU time reports it when installed.
const hasTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%U %S', 'true'], { stdio: 'ignore' }).status === 0

/** Wall and CPU milliseconds of one run. */
function time(cmd, args) {
  const [file, fileArgs] = hasTime ? ['/usr/bin/time', ['-f', '%U %S', cmd, ...args]] : [cmd, args]
  const start = process.hrtime.bigint()
  const r = spawnSync(file, fileArgs, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  const wall = Number(process.hrtime.bigint() - start) / 1e6
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`)
  const cpu = hasTime ? r.stderr.trim().split('\n').pop().split(' ').reduce((n, x) => n + Number(x) * 1000, 0) : NaN
  return { wall, cpu }
}
const median = xs => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor((s.length - 1) / 2)]
}

const rows = []
for (const [task, taskArgs] of Object.entries(tasks)) {
  const samples = Object.fromEntries(Object.keys(forms).map(f => [f, []]))
  for (let i = 0; i < runs; i++) {
    for (const [form, [cmd, args]] of Object.entries(forms)) {
      samples[form].push(time(cmd, form.startsWith('Node.js itself') ? args : [...args, ...taskArgs]))
    }
  }
  for (const [form, xs] of Object.entries(samples)) {
    if (form.startsWith('Node.js itself') && rows.some(r => r.form === form)) continue
    rows.push({
      task: form.startsWith('Node.js itself') ? '–' : task, form,
      median: median(xs.map(x => x.wall)), min: Math.min(...xs.map(x => x.wall)), cpu: xs.reduce((n, x) => n + x.cpu, 0) / xs.length,
    })
  }
}

const size = bytes => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`)
const bundleDir = join(root, 'packages/cli/dist/bundle')
const bundle = readdirSync(bundleDir).filter(f => /\.[cm]js$/.test(f)).reduce((n, f) => n + statSync(join(bundleDir, f)).size, 0)
const sizes = [
  [`cmhash-${version}.tgz`, 'the CLI\'s npm package (installed: the bundle, ' + size(bundle) + ', no dependencies)', join(release, `cmhash-${version}.tgz`)],
  [`cmhash-core-${version}.tgz`, 'the library\'s npm package (plus yaml and ajv when installed)', join(release, `cmhash-core-${version}.tgz`)],
  ['cmhash-linux-x64', 'the single executable: Node.js ' + process.version + ' with the CLI inside', exe],
  ['cmhash-linux-x64.tar.gz', 'that executable with its licences, for krew', join(release, 'cmhash-linux-x64.tar.gz')],
].filter(([, , f]) => existsSync(f)).map(([name, what, f]) => `| \`${name}\` | ${what} | ${size(statSync(f).size)} |`)

const section = `<!-- startup: written by pnpm bench:startup; pnpm bench keeps it -->
## Start-up: the single executable beside the Node CLI

Written by \`pnpm bench:startup\` (after \`pnpm release\`) on ${new Date().toISOString().slice(0, 10)}, same machine; ${runs} runs of each, interleaved: the whole process's wall time (median and fastest) and CPU time (user + system, mean, as GNU time counts it in 10 ms steps; it moves less than wall time on a shared machine).

| file | what | size |
|---|---|---:|
${sizes.join('\n')}

| task | form | wall, median (ms) | wall, fastest (ms) | CPU, mean (ms) |
|---|---|---:|---:|---:|
${rows.map(r => `| ${r.task} | ${r.form} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)} | ${Number.isNaN(r.cpu) ? '–' : r.cpu.toFixed(0)} |`).join('\n')}

The single executable is a copy of the \`node\` binary with the CLI's bundle (one CommonJS file) and a V8 code cache of it injected (Node's single executable applications, \`useCodeCache\`): nothing is looked up on disk and the bundle is not compiled at start, so it starts faster than \`node bin/cmhash.js\`, and it needs no Node.js installed. Two other builds were measured once (hyperfine, 60 runs of \`--version\`, fastest run, on a loaded machine): without the code cache 87 ms (against 72 ms with it, 98 ms for the Node CLI, 75 ms for \`node -e 0\`); with a V8 startup snapshot (\`useSnapshot\`) 65 ms, but 6 MB larger, and Node warns when building it that \`node:child_process\`, which \`cmhash diff --git\` runs git with, may not be restored correctly from a snapshot, so it is not used.
<!-- /startup -->
`

console.log(section)
if (!values.print) {
  const file = join(root, 'BENCHMARKS.md')
  const text = readFileSync(file, 'utf8')
  const block = /<!-- startup:[\s\S]*?<!-- \/startup -->\n/
  writeFileSync(file, block.test(text) ? text.replace(block, section) : `${text.trimEnd()}\n\n${section}`)
  console.log('wrote the Start-up section of BENCHMARKS.md')
}
