// The Mermaid flowchart of a diff: each renamed ConfigMap/Secret points at
// the objects that restart because of it, grouped by namespace. GitHub
// renders it in Markdown; node ids are generated, and every label is
// escaped with Mermaid's entity codes, so no name can break the syntax.
import { STRENGTH } from './diff-builds.js'
import type { DiffEffect, DiffResult } from './diff-types.js'

// --- internal ---

/** Mermaid stops drawing past 500 edges; a graph that large is not read anyway. */
export const MAX_EDGES = 300

export interface Mermaid {
  readonly lines: readonly string[]
  readonly nodes: number
  readonly edges: number
}

/** The flowchart (without the code fence), or undefined when nothing references a renamed object. */
export function formatMermaid(result: DiffResult): Mermaid | undefined {
  const nodes = new Map<string, { id: string; label: string; namespace: string | undefined; shape: 'config' | 'object' }>()
  const edges = new Map<string, { from: string; to: string; effect: DiffEffect }>()
  const node = (key: string, label: string, namespace: string | undefined, shape: 'config' | 'object') => {
    let n = nodes.get(key)
    if (!n) {
      n = { id: `${shape === 'config' ? 'c' : 'o'}${nodes.size}`, label, namespace, shape }
      nodes.set(key, n)
    }
    return n.id
  }
  for (const c of result.configs) {
    if (c.referencedBy.length === 0) continue
    const from = node(`config\0${c.kind}\0${c.namespace}\0${c.name}`, `${c.kind} ${c.name}`, c.namespace, 'config')
    for (const r of c.referencedBy) {
      const to = node(`object\0${r.kind}\0${r.namespace ?? ''}\0${r.name}`, `${r.kind} ${r.name}`, r.namespace, 'object')
      const key = `${from}\0${to}`
      const seen = edges.get(key)
      if (!seen || STRENGTH[r.effect] > STRENGTH[seen.effect]) edges.set(key, { from, to, effect: r.effect })
    }
  }
  if (edges.size === 0) return undefined
  const lines = ['flowchart LR']
  const namespaces = [...new Set([...nodes.values()].map(n => n.namespace))]
  for (const [i, ns] of namespaces.entries()) {
    const members = [...nodes.values()].filter(n => n.namespace === ns)
    const indent = ns === undefined ? '  ' : '    '
    if (ns !== undefined) lines.push(`  subgraph ns${i}["${escapeMermaid(`namespace ${ns}`)}"]`)
    for (const n of members) {
      const text = `"${escapeMermaid(n.label)}"`
      lines.push(`${indent}${n.id}${n.shape === 'config' ? `[(${text})]` : `(${text})`}`)
    }
    if (ns !== undefined) lines.push('  end')
  }
  for (const e of edges.values()) {
    lines.push(`  ${e.from} ${e.effect === 'updates' ? '-.->' : '-->'}|${e.effect}| ${e.to}`)
  }
  const recreated = [...edges.values()].filter(e => e.effect === 'recreate').map(e => e.to)
  if (recreated.length > 0) {
    lines.push('  classDef recreate stroke:#cf222e,stroke-width:2px', `  class ${[...new Set(recreated)].join(',')} recreate`)
  }
  return { lines, nodes: nodes.size, edges: edges.size }
}

/**
 * A label's text with every character but letters, digits, space and
 * `._:/-` written as a Mermaid entity code (`#34;`), which Mermaid decodes
 * when it draws: quotes, brackets, `#`, `<`, backticks and line breaks
 * cannot end the label or turn it into HTML or Markdown.
 */
function escapeMermaid(text: string): string {
  let out = ''
  for (const ch of text) out += /^[\p{L}\p{N} ._:/-]$/u.test(ch) ? ch : `#${ch.codePointAt(0)};`
  return out
}
