// cmhash diff --format markdown: the Mermaid block is read by Mermaid's own
// parser (the one GitHub's renderer runs), its nodes and edges are checked
// against the diff, and names that could break Mermaid or Markdown syntax
// come out as text.
import { readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { diff, formatDiffMarkdown, type DiffResult } from '@cmhash/core'

interface FlowDb {
  getVertices(): Map<string, { id: string; text: string }>
  getEdges(): Array<{ start: string; end: string; text: string }>
  getSubGraphs(): Array<{ id: string; title: string; nodes: string[] }>
}
interface Mermaid {
  initialize(config: object): void
  parse(text: string): Promise<unknown>
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: FlowDb }> }
}

let mermaid: Mermaid
beforeAll(async () => {
  // Mermaid sanitizes labels with DOMPurify, which needs a browser DOM. The
  // parser does not: give the same DOMPurify instance Mermaid imports
  // pass-through functions, then load Mermaid.
  const require = createRequire(import.meta.url)
  const mermaidPackage = realpathSync(require.resolve('mermaid/package.json'))
  // dompurify exports no package.json: go up from its CommonJS entry (dist/).
  const purifyPackage = join(dirname(dirname(createRequire(mermaidPackage).resolve('dompurify'))), 'package.json')
  const purifyEsm = (JSON.parse(readFileSync(purifyPackage, 'utf8')) as { exports: { '.': { import: { default: string } } } }).exports['.'].import.default
  const { default: purify } = await import(pathToFileURL(join(dirname(purifyPackage), purifyEsm)).href)
  Object.assign(purify, { sanitize: (s: unknown) => String(s), addHook() {}, removeHook() {}, removeHooks() {}, removeAllHooks() {} })
  mermaid = (await import('mermaid')).default as unknown as Mermaid
  mermaid.initialize({ startOnLoad: false })
})

/** The one ```mermaid block of a Markdown text. */
function mermaidBlock(markdown: string): string {
  const blocks = [...markdown.matchAll(/^```mermaid\n([^]*?)^```$/gm)]
  expect(blocks).toHaveLength(1)
  return blocks[0]![1]!
}

/** A label as Mermaid draws it: it keeps entity codes as placeholders in its model and decodes them last. */
function drawn(text: string): string {
  return text.replace(/ﬂ°°(\d+)¶ß/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/ﬂ°(\w+)¶ß/g, (_, name: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', nbsp: ' ' } as Record<string, string>)[name] ?? `&${name};`)
}

/** The graph Mermaid reads: edges between labels (`subgraph title: label`), and namespaces' members. */
async function graphOf(markdown: string) {
  const { db } = await mermaid.mermaidAPI.getDiagramFromText(mermaidBlock(markdown))
  const label = new Map([...db.getVertices().values()].map(v => [v.id, drawn(v.text)]))
  const group = new Map(db.getSubGraphs().flatMap(g => g.nodes.map(n => [n, drawn(g.title)] as const)))
  const where = (id: string) => `${group.get(id) ?? 'cluster'}: ${label.get(id)}`
  return {
    edges: db.getEdges().map(e => `${where(e.start)} -${e.text}-> ${where(e.end)}`).sort(),
    groups: Object.fromEntries(db.getSubGraphs().map(g => [drawn(g.title), g.nodes.map(n => label.get(n)).sort()])),
  }
}

/** The edges a diff should draw: each renamed ConfigMap/Secret to each object whose reference follows it. */
function expectedEdges(r: DiffResult): string[] {
  const effects = new Map<string, string>()
  for (const c of r.configs) {
    for (const x of c.referencedBy) {
      const edge = `namespace ${c.namespace}: ${c.kind} ${c.name} -> ${x.namespace === undefined ? 'cluster' : `namespace ${x.namespace}`}: ${x.kind} ${x.name}`
      const strongest = ['updates', 'rolls', 'recreate']
      if (strongest.indexOf(x.effect) > strongest.indexOf(effects.get(edge) ?? 'updates')) effects.set(edge, x.effect)
      else if (!effects.has(edge)) effects.set(edge, x.effect)
    }
  }
  return [...effects].map(([edge, effect]) => edge.replace(' -> ', ` -${effect}-> `)).sort()
}

const config = (kind: 'ConfigMap' | 'Secret', name: string, ns: string, value: string) =>
  `apiVersion: v1\nkind: ${kind}\nmetadata: {name: ${JSON.stringify(name)}, namespace: ${JSON.stringify(ns)}}\n${kind === 'Secret' ? 'stringData' : 'data'}: {key: ${JSON.stringify(value)}}\n`
const workload = (kind: string, name: string, ns: string, refs: Array<['ConfigMap' | 'Secret', string]>) => {
  const envFrom = refs.map(([k, n]) => `{${k === 'Secret' ? 'secretRef' : 'configMapRef'}: {name: ${JSON.stringify(n)}}}`).join(', ')
  const pod = `{containers: [{name: c, image: i, envFrom: [${envFrom}]}]}`
  const spec = kind === 'Pod' ? pod : kind === 'CronJob' ? `{schedule: "@daily", jobTemplate: {spec: {template: {spec: ${pod}}}}}` : `{template: {spec: ${pod}}}`
  return `apiVersion: ${kind === 'Pod' ? 'v1' : kind === 'CronJob' ? 'batch/v1' : 'apps/v1'}\nkind: ${kind}\nmetadata: {name: ${JSON.stringify(name)}, namespace: ${JSON.stringify(ns)}}\nspec: ${spec}\n`
}

describe('formatDiffMarkdown', () => {
  const WEIRD = 'we"i#r[d]|`x`&(y);*z_'
  const base = [
    config('ConfigMap', 'web-config', 'shop', 'one'),
    config('Secret', 'db', 'shop', 'MARKER-SECRET-ONE'),
    config('ConfigMap', WEIRD, 'odd "ns" #1', 'one'),
    workload('Deployment', 'web', 'shop', [['ConfigMap', 'web-config'], ['Secret', 'db']]),
    workload('CronJob', 'nightly', 'shop', [['Secret', 'db']]),
    workload('Pod', 'debug', 'shop', [['Secret', 'db']]),
    workload('Deployment', WEIRD, 'odd "ns" #1', [['ConfigMap', WEIRD]]),
    // Other effects: an Ingress updates; a cluster-scoped store is drawn outside the namespaces.
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: site, namespace: shop}\nspec: {tls: [{secretName: db}]}\n',
    'apiVersion: external-secrets.io/v1beta1\nkind: ClusterSecretStore\nmetadata: {name: vault}\nspec: {provider: {vault: {auth: {tokenSecretRef: {name: db, namespace: shop, key: key}}}}}\n',
    workload('Deployment', 'gone', 'shop', []),
  ].join('---\n')
  const head = base.replaceAll('"one"', '"two"').replace('MARKER-SECRET-ONE', 'MARKER-SECRET-TWO')
    .replace(/---\n[^-]*name: "gone"[^]*$/, `---\n${workload('Deployment', 'new', 'shop', [['ConfigMap', 'web-config']])}`)
  const result = diff(base, head)
  const markdown = formatDiffMarkdown(result, { base: 'origin/main', head: 'work tree' })

  it('is stable', async () => {
    await expect(markdown).toMatchFileSnapshot('./snapshots/diff.md')
  })

  it('draws a Mermaid flowchart that Mermaid parses, with every changed reference and names exactly as written', async () => {
    await expect(mermaid.parse(mermaidBlock(markdown))).resolves.toMatchObject({ diagramType: 'flowchart-v2' })
    const graph = await graphOf(markdown)
    expect(graph.edges).toEqual(expectedEdges(result))
    expect(graph.edges).toContain(`namespace odd "ns" #1: ConfigMap ${WEIRD} -rolls-> namespace odd "ns" #1: Deployment ${WEIRD}`)
    expect(graph.edges).toContain('namespace shop: Secret db -recreate-> namespace shop: Pod debug')
    expect(graph.edges).toContain('namespace shop: Secret db -updates-> namespace shop: Ingress site')
    expect(graph.edges).toContain('namespace shop: Secret db -updates-> cluster: ClusterSecretStore vault')
    expect(graph.groups).toEqual({
      'namespace odd "ns" #1': [`ConfigMap ${WEIRD}`, `Deployment ${WEIRD}`],
      'namespace shop': ['ConfigMap web-config', 'CronJob nightly', 'Deployment web', 'Ingress site', 'Pod debug', 'Secret db'],
    })
  })

  it('keeps every table row to its columns whatever the names, and shows no value', () => {
    const tables = markdown.split(/\n(?!\|)/).map(t => t.split('\n').filter(l => l.startsWith('|'))).filter(t => t.length > 0)
    expect(tables.length).toBeGreaterThanOrEqual(3)
    // GitHub splits cells on every | not escaped as \|, code spans included.
    const cells = (row: string) => row.split(/(?<!\\)\|/).length
    for (const table of tables) for (const row of table) expect(cells(row), row).toBe(cells(table[0]!))
    expect(markdown).toContain('Deployment ``we"i#r[d]\\|`x`&(y);*z_``')
    expect(markdown).not.toMatch(/MARKER|TUFSS0VS/)
  })

  it('stays readable for a hundred changes: large tables and the graph fold into <details>', async () => {
    const namespaces = ['alpha', 'beta', 'gamma', 'delta', 'epsilon']
    const docs = (value: string) => namespaces.flatMap(ns => Array.from({ length: 20 }, (_, i) => [
      config('ConfigMap', `config-${i}`, ns, value),
      workload('Deployment', `app-${i}`, ns, [['ConfigMap', `config-${i}`], ['ConfigMap', `config-${(i + 1) % 20}`]]),
    ]).flat()).join('---\n')
    const big = diff(docs('one'), docs('two'))
    expect(big.configs).toHaveLength(100)
    expect(big.affected).toHaveLength(100)
    const md = formatDiffMarkdown(big)
    expect(md.split('\n')[0]).toBe('### cmhash diff: 100 objects roll')
    expect(md).toMatch(/<details><summary>Graph: 200 nodes, 200 references<\/summary>\n\n```mermaid\n/)
    expect((await graphOf(md)).edges).toEqual(expectedEdges(big))
    // One folded table per namespace; each namespace's restarts on one line.
    expect([...md.matchAll(/^#### Namespace `(\w+)`$/gm)].map(m => m[1])).toEqual([...namespaces].sort())
    expect([...md.matchAll(/<details><summary>20 ConfigMaps\/Secrets changed<\/summary>/g)]).toHaveLength(5)
    expect(md.match(/^\*\*Rolls:\*\* (Deployment `app-\d+`, ){19}Deployment `app-\d+`$/gm)).toHaveLength(5)
  })

  it('leaves the graph out past 300 edges, and says so', () => {
    const docs = (value: string) => Array.from({ length: 16 }, (_, i) => [
      config('ConfigMap', `c-${i}`, 'big', value),
      ...Array.from({ length: 20 }, (_, j) => workload('Deployment', `d-${i}-${j}`, 'big', [['ConfigMap', `c-${i}`]])),
    ]).flat().join('---\n')
    const md = formatDiffMarkdown(diff(docs('one'), docs('two')))
    expect(md).not.toContain('```mermaid')
    expect(md).toContain('_320 references change: too many to draw._')
  })

  it('says when nothing changed', () => {
    // The bare Pod's RECREATE_REQUIRED holds whatever changed; set to ignore, nothing is left to say.
    expect(formatDiffMarkdown(diff(base, base, { warnings: { RECREATE_REQUIRED: 'ignore' } }))).toBe('### cmhash diff: no changes\n')
  })
})
