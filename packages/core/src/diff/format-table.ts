// `cmhash diff` for a terminal: one row per changed ConfigMap/Secret with
// what it restarts, then the objects added, removed and changed, then the
// verdict.
import { formatResource } from '../errors.js'
import type { DiffObject, DiffReferrer, DiffResult } from './diff-types.js'
import { countDiff, headline, tally } from './summarize-diff.js'

/**
 * A plain-text table of a {@link diff} result: for each changed
 * ConfigMap/Secret its old and new name, its key changes (`~changed`,
 * `+added`, `-removed`; names only) and the objects that roll (marked
 * `(recreate)` or `(updates)` for the other effects); then one line per
 * object added, removed or changed; then a line saying what rolls.
 */
export function formatDiffTable(result: DiffResult): string {
  const counts = countDiff(result)
  let out = ''
  if (result.configs.length > 0) {
    const rows = [['CONFIG', 'NAME', 'KEYS', 'ROLLS']]
    for (const c of result.configs) {
      const keys = [
        ...c.keys.changed.map(k => `~${k}`), ...c.keys.added.map(k => `+${k}`), ...c.keys.removed.map(k => `-${k}`),
        ...(c.type ? [`type ${c.type.from} → ${c.type.to}`] : []),
      ]
      rows.push([
        formatResource({ kind: c.kind, namespace: c.namespace, name: c.name }),
        c.from === c.to ? `${c.to} (${c.hashed ? 'same name' : 'not hashed: keeps its name'})` : `${c.from} → ${c.to}`,
        keys.join(' ') || '-',
        referrers(c.referencedBy) || '-',
      ])
    }
    out += table(rows)
  }
  const objects = [
    ...result.added.map(o => ['ADDED', show(o)]),
    ...result.removed.map(o => ['REMOVED', show(o)]),
    ...result.changed.map(o => ['CHANGED', show(o)]),
  ]
  if (objects.length > 0) out += `${out ? '\n' : ''}${table(objects)}`
  const summary = tally(counts)
  return `${out}${out ? '\n' : ''}cmhash diff: ${headline(counts)}${summary ? ` (${summary})` : ''}\n`
}

// --- internal ---

/** Each referring object once, with its effect when it does not simply roll. */
function referrers(list: readonly DiffReferrer[]): string {
  const seen = new Set<string>()
  const out: string[] = []
  for (const r of list) {
    const text = `${show(r)}${r.effect === 'rolls' ? '' : ` (${r.effect})`}`
    if (seen.has(text)) continue
    seen.add(text)
    out.push(text)
  }
  return out.join(', ')
}

function show(o: Pick<DiffObject, 'kind' | 'namespace' | 'name'>): string {
  return formatResource(o.namespace === undefined ? { kind: o.kind, name: o.name } : { kind: o.kind, namespace: o.namespace, name: o.name })
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map(r => r[i]!.length)))
  return rows.map(r => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n') + '\n'
}
