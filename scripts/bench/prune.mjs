// The prune rows of `pnpm bench`: cmhash prune on a synthetic export of
// 100,000 live objects (10,000 with --quick), as `kubectl get -o json` and
// as `-o yaml` write it, against the floor for reading such an export
// (JSON.parse and a walk over every item, scripts/bench/floor-live.mjs).
// Whole processes, interleaved; medians of the times, the largest peak RSS;
// ratios from the same run.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { writeLiveExport } from './live-export.mjs'

const floorScript = new URL('./floor-live.mjs', import.meta.url).pathname

/**
 * Measures prune; returns the row, the targets and the Markdown section
 * for BENCHMARKS.md. `measure(cmd, argv)` runs a process and returns
 * `{ seconds, rss }`.
 */
export function benchPrune({ work, quick, cmhashBin, measure, median }) {
  const items = quick ? 10_000 : 100_000
  const runs = quick ? 3 : 5
  const live = writeLiveExport(join(work, 'prune'), items)
  const kinds = execFileSync('node', [cmhashBin, 'prune', '--print-kinds'], { encoding: 'utf8' }).trim()
  const argv = file => [cmhashBin, 'prune', '--live', file, '--live-kinds', kinds, '-q', '--output', 'names', live.desired]
  // Both forms give the same answer, and there is something to delete.
  const fromJson = execFileSync('node', argv(live.json), { encoding: 'utf8', maxBuffer: 1 << 30 })
  const fromYaml = execFileSync('node', argv(live.yaml), { encoding: 'utf8', maxBuffer: 1 << 30 })
  if (fromJson !== fromYaml || fromJson === '') throw new Error('prune: the JSON and YAML exports gave different answers')
  const deletions = fromJson.split('\n').filter(Boolean).length

  const samples = { floor: [], json: [], yaml: [] }
  for (let i = 0; i < runs; i++) {
    samples.floor.push(measure('node', [floorScript, live.json]))
    samples.json.push(measure('node', argv(live.json)))
    samples.yaml.push(measure('node', argv(live.yaml)))
  }
  const summarize = xs => ({ seconds: median(xs.map(x => x.seconds)), rss: xs[0].rss === undefined ? undefined : Math.max(...xs.map(x => x.rss)) })
  const row = {
    items: live.items, apps: live.apps, deletions, runs, megabytes: { json: live.bytes.json / 1e6, yaml: live.bytes.yaml / 1e6 },
    floor: summarize(samples.floor), json: summarize(samples.json), yaml: summarize(samples.yaml),
  }

  const f2 = x => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(2))
  const mb = x => (x === undefined ? 'n/a' : x.toFixed(0))
  const verdict = ok => (ok === undefined ? 'n/a' : ok ? 'met' : '**missed**')
  const ratio = (a, b) => (a === undefined || b === undefined ? undefined : a / b)
  const targets = [
    ['prune (JSON) / floor, time', '≤ 15', ratio(row.json.seconds, row.floor.seconds), 15],
    ['prune (JSON) / floor, peak RSS', '≤ 2', ratio(row.json.rss, row.floor.rss), 2],
    ['prune (YAML) / prune (JSON), time', '≤ 2', ratio(row.yaml.seconds, row.json.seconds), 2],
    ['prune (YAML) / prune (JSON), peak RSS', '≤ 2', ratio(row.yaml.rss, row.json.rss), 2],
  ].map(([what, goal, value, limit]) => [what, goal, f2(value), verdict(value === undefined ? undefined : value <= limit)])

  const n = live.items.toLocaleString('en')
  const table = [
    '| | export | MB | time (s) | peak RSS (MB) | time / floor | RSS / floor |',
    '|---|---|---:|---:|---:|---:|---:|',
    `| floor: JSON.parse + walk every item | JSON | ${live.bytes.json / 1e6 | 0} | ${f2(row.floor.seconds)} | ${mb(row.floor.rss)} | 1.00 | 1.00 |`,
    `| cmhash prune | JSON | ${live.bytes.json / 1e6 | 0} | ${f2(row.json.seconds)} | ${mb(row.json.rss)} | ${f2(ratio(row.json.seconds, row.floor.seconds))} | ${f2(ratio(row.json.rss, row.floor.rss))} |`,
    `| cmhash prune | YAML | ${live.bytes.yaml / 1e6 | 0} | ${f2(row.yaml.seconds)} | ${mb(row.yaml.rss)} | ${f2(ratio(row.yaml.seconds, row.floor.seconds))} | ${f2(ratio(row.yaml.rss, row.floor.rss))} |`,
  ].join('\n')
  const section = `## Prune

A synthetic live-state export (\`scripts/bench/live-export.mjs\`, deterministic) of ${n} objects: ${live.apps.toLocaleString('en')} apps in 50 namespaces, each with 17 versions of its hashed ConfigMap (with managedFields) and 3 ReplicaSets of rollout history (two at zero replicas), each using one of the newest versions. It is written as \`kubectl get -o json\` writes it (one List, keys sorted, four-space indentation: ${f2(live.bytes.json / 1e6)} MB) and as \`-o yaml\` writes it (${f2(live.bytes.yaml / 1e6)} MB); the desired state is every app's ConfigMap and Deployment (${(live.apps * 2).toLocaleString('en')} documents). Both exports give the same ${deletions.toLocaleString('en')} deletions.

- **floor**: \`node scripts/bench/floor-live.mjs live.json\`: reads the JSON export, \`JSON.parse\`s it and walks every node of every item.
- **cmhash prune**: \`node packages/cli/bin/cmhash.js prune --live live.json|live.yaml --live-kinds <every kind> -q --output names desired/\`, a whole process, stdout discarded.

Interleaved; medians of ${runs} runs, peak RSS the largest seen.

Before prune read JSON with \`JSON.parse\`, kubectl's YAML with its own reader and kept only the facts it needs (issue 12), it composed every document with the yaml package: on the 100,000-object JSON export it ran out of its 4 GB heap after 105 s (measured once, by hand).

${table}

| target | goal | measured | |
|---|---|---|---|
${targets.map(t => `| ${t.join(' | ')} |`).join('\n')}
`
  return { row, targets, section }
}
