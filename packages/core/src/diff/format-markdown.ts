// `cmhash diff --format markdown`: for a pull-request comment or
// $GITHUB_STEP_SUMMARY. A verdict, a Mermaid flowchart (config → what
// restarts), one section per namespace, and the other objects; anything
// long is collapsed in <details>, so a hundred changes stay readable.
import type { DiffAffected, DiffConfig, DiffObject, DiffReferrer, DiffResult } from './diff-types.js'
import { byCodePoint } from './compare-keys.js'
import { formatMermaid, MAX_EDGES } from './format-mermaid.js'
import { countDiff, headline, keyGroups, tally } from './summarize-diff.js'

export interface DiffMarkdownOptions {
  /** What BASE is, shown in the heading (e.g. `origin/main`). */
  readonly base?: string
  /** What HEAD is (e.g. `work tree`). */
  readonly head?: string
}

/**
 * GitHub-flavoured Markdown of a {@link diff} result: a heading with the
 * verdict, a Mermaid flowchart from each renamed ConfigMap/Secret to the
 * objects that roll, are recreated or update (collapsed when large, left
 * out past 300 edges), per namespace the objects that restart and a table of
 * the changed ConfigMaps/Secrets (old → new name, key names added, removed,
 * changed), then the objects added, removed and changed, and HEAD's
 * warnings. Tables of more than 10 rows are collapsed in `<details>`. Every
 * name is escaped; no value of a ConfigMap or Secret is ever shown.
 */
export function formatDiffMarkdown(result: DiffResult, options: DiffMarkdownOptions = {}): string {
  const counts = countDiff(result)
  const out: string[] = [`### cmhash diff: ${headline(counts)}`, '']
  const sides = options.base !== undefined || options.head !== undefined
    ? `${code(options.base ?? 'BASE')} → ${code(options.head ?? 'HEAD')}`
    : ''
  const summary = tally(counts)
  if (sides || summary) out.push([sides, summary].filter(Boolean).join(': '), '')

  const graph = formatMermaid(result)
  if (graph && graph.edges > MAX_EDGES) {
    out.push(`_${graph.edges} references change: too many to draw._`, '')
  } else if (graph) {
    const block = ['```mermaid', ...graph.lines, '```']
    out.push(...collapse(block, graph.nodes > 40, `Graph: ${graph.nodes} nodes, ${graph.edges} references`))
  }

  for (const [ns, group] of byNamespace(result.configs, result.affected)) {
    out.push(`#### ${ns === undefined ? 'Cluster-scoped' : `Namespace ${code(ns)}`}`, '')
    const restarts = restartLine(group.affected, ns)
    if (restarts) out.push(restarts, '')
    if (group.configs.length > 0) {
      const rows = group.configs.map(c => [
        `${c.kind} ${code(c.name, true)}`,
        c.from === c.to ? `${code(c.to, true)} (${c.hashed ? 'same name' : 'not hashed: keeps its name'})` : `${code(c.from, true)} → ${code(c.to, true)}`,
        keyGroups(c, k => code(k, true), 10).join('; ') || 'same data',
        restartCell(c),
      ])
      const table = markdownTable(['ConfigMap / Secret', 'Name', 'Keys', 'Restarts'], rows)
      out.push(...collapse(table, rows.length > 10, `${rows.length} ConfigMaps/Secrets changed`))
    }
  }

  const objects = objectRows(result)
  if (objects.length > 0) {
    out.push('#### Objects added, removed or changed', '')
    const table = markdownTable(['Change', 'Object', 'Namespace'], objects.map(r => r.cells))
    out.push(...collapse(table, objects.length > 10, tally({ ...counts, configs: 0 })))
  }

  const warnings = result.warnings.filter(w => w.side === 'head')
  if (warnings.length > 0) {
    const items = warnings.map(w =>
      `- ${code(w.code)}${w.file === undefined ? '' : ` ${code(`${w.file}${w.line === undefined ? '' : `:${w.line}`}`)}`}: ${plain(w.message)}`)
    out.push(...collapse(items, true, `${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'} in HEAD`))
  }
  while (out[out.length - 1] === '') out.pop()
  return `${out.join('\n')}\n`
}

// --- internal ---

/** ConfigMaps/Secrets and the objects that restart, per namespace (cluster-scoped first). */
function byNamespace(configs: readonly DiffConfig[], affected: readonly DiffAffected[]) {
  const groups = new Map<string | undefined, { configs: DiffConfig[]; affected: DiffAffected[] }>()
  const group = (ns: string | undefined) => {
    let g = groups.get(ns)
    if (!g) groups.set(ns, (g = { configs: [], affected: [] }))
    return g
  }
  for (const c of configs) group(c.namespace).configs.push(c)
  for (const a of affected) group(a.namespace).affected.push(a)
  return [...groups].sort(([a], [b]) => (a === undefined ? -1 : b === undefined ? 1 : byCodePoint(a, b)))
}

const EFFECT_WORDS = [['rolls', 'Rolls'], ['recreate', 'Recreate'], ['updates', 'Updates']] as const

/** `**Rolls:** Deployment `web`, … · **Recreate:** Pod `debug`` for one namespace. */
function restartLine(affected: readonly DiffAffected[], ns: string | undefined): string {
  return EFFECT_WORDS
    .map(([effect, word]) => [word, affected.filter(a => a.effect === effect)] as const)
    .filter(([, list]) => list.length > 0)
    .map(([word, list]) => `**${word}:** ${names(list.map(a => objectName(a, ns)), 20)}`)
    .join(' · ')
}

function restartCell(c: DiffConfig): string {
  if (c.referencedBy.length === 0) return c.hashed || c.from !== c.to ? 'nothing' : 'nothing (not hashed)'
  return EFFECT_WORDS
    .map(([effect]) => [effect, unique(c.referencedBy.filter(r => r.effect === effect).map(r => objectName(r, c.namespace, true)))] as const)
    .filter(([, list]) => list.length > 0)
    .map(([effect, list]) => `${effect} ${names(list, 5)}`)
    .join('; ')
}

function objectRows(result: DiffResult): Array<{ cells: string[] }> {
  const rows = [
    ...result.added.map(o => ['added', o] as const),
    ...result.removed.map(o => ['removed', o] as const),
    ...result.changed.map(o => ['changed', o] as const),
  ]
  rows.sort(([ca, a], [cb, b]) => byCodePoint(a.namespace ?? '', b.namespace ?? '') || byCodePoint(ca, cb) ||
    byCodePoint(a.kind, b.kind) || byCodePoint(a.name, b.name))
  return rows.map(([change, o]) => ({
    cells: [change, `${plain(o.kind)} ${code(o.name, true)}`, o.namespace === undefined ? '' : code(o.namespace, true)],
  }))
}

function objectName(o: DiffObject | DiffReferrer | DiffAffected, ns: string | undefined, table = false): string {
  const name = o.namespace !== undefined && o.namespace !== ns ? `${o.namespace}/${o.name}` : o.name
  return `${plain(o.kind)} ${code(name, table)}`
}

function names(list: readonly string[], max: number): string {
  return list.length > max ? `${list.slice(0, max).join(', ')} and ${list.length - max} more` : list.join(', ')
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)]
}

function markdownTable(header: readonly string[], rows: readonly string[][]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)]
}

/** The lines as they are, or folded in `<details>` under `summary`. */
function collapse(lines: readonly string[], fold: boolean, summary: string): string[] {
  if (!fold) return [...lines, '']
  return [`<details><summary>${html(summary)}</summary>`, '', ...lines, '', '</details>', '']
}

/**
 * A code span that shows `text` exactly: a fence longer than any run of
 * backticks inside, line breaks as spaces; in a table cell `|` is escaped
 * (GitHub splits cells before it reads code spans).
 */
function code(text: string, inTable = false): string {
  let t = text.replace(/[\r\n]+/g, ' ')
  if (inTable) t = t.replaceAll('|', '\\|')
  const longest = Math.max(0, ...[...t.matchAll(/`+/g)].map(m => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = t.startsWith('`') || t.endsWith('`') || t.startsWith(' ') ? ' ' : ''
  return `${fence}${pad}${t}${pad}${fence}`
}

/** Text with every ASCII punctuation character backslash-escaped, so Markdown and HTML read it as text. */
function plain(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&')
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
