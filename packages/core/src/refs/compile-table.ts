import type { ReferenceSpec } from '../types.js'

// --- internal ---

/** A reference table split by where each entry starts, compiled once. */
export interface CompiledTable {
  readonly podSpec: readonly CompiledSpec[]
  readonly volumeList: readonly CompiledSpec[]
  readonly envHolder: readonly CompiledSpec[]
  readonly byKind: ReadonlyMap<string, readonly CompiledSpec[]>
  /** podSpec, volumeList and envHolder as tries: every pod spec found is walked once for all of its entries. */
  readonly tries: { readonly podSpec: SpecTrie; readonly volumeList: SpecTrie; readonly envHolder: SpecTrie }
}

/**
 * A list of entries merged by their keys, for walking them together: one
 * node per distinct path prefix. Each entry is numbered by its place in the
 * list, so that hits can be put back in the list's order.
 */
export interface SpecTrie {
  /** The entries whose last key leads here. */
  readonly ends: ReadonlyArray<{ readonly spec: CompiledSpec; readonly n: number }>
  /** Literal next keys, in the order the list first uses them. */
  readonly literal: ReadonlyMap<string, SpecTrie>
  /** Next keys with `*`. */
  readonly patterns: ReadonlyArray<readonly [RegExp, SpecTrie]>
}

export interface CompiledSpec {
  readonly spec: ReferenceSpec
  readonly keys: readonly Key[]
}

/** A path segment: a literal key, or a pattern for keys with `*`. */
type Key = string | RegExp

/** Splits paths into keys (`\/` is a slash inside a key) and groups specs by where they start. */
export function compileTable(specs: readonly ReferenceSpec[]): CompiledTable {
  const podSpec: CompiledSpec[] = []
  const volumeList: CompiledSpec[] = []
  const envHolder: CompiledSpec[] = []
  const byKind = new Map<string, CompiledSpec[]>()
  for (const spec of specs) {
    const compiled = { spec, keys: splitPath(spec.path) }
    if (spec.on === 'PodSpec') podSpec.push(compiled)
    else if (spec.on === 'VolumeList') volumeList.push(compiled)
    else if (spec.on === 'EnvHolder') envHolder.push(compiled)
    else {
      const list = byKind.get(spec.on.kind) ?? []
      list.push(compiled)
      byKind.set(spec.on.kind, list)
    }
  }
  return { podSpec, volumeList, envHolder, byKind, tries: { podSpec: trieOf(podSpec), volumeList: trieOf(volumeList), envHolder: trieOf(envHolder) } }
}

interface MutableTrie {
  ends: Array<{ spec: CompiledSpec; n: number }>
  literal: Map<string, MutableTrie>
  patterns: Array<[RegExp, MutableTrie]>
}

/** The entries as one trie, each numbered by its place in `specs`. */
export function trieOf(specs: readonly CompiledSpec[]): SpecTrie {
  const root: MutableTrie = { ends: [], literal: new Map(), patterns: [] }
  specs.forEach((spec, n) => {
    let node = root
    for (const key of spec.keys) {
      let next: MutableTrie | undefined
      if (typeof key === 'string') {
        next = node.literal.get(key)
        if (!next) node.literal.set(key, next = { ends: [], literal: new Map(), patterns: [] })
      } else {
        next = node.patterns.find(([re]) => re.source === key.source)?.[1]
        if (!next) node.patterns.push([key, next = { ends: [], literal: new Map(), patterns: [] }])
      }
      node = next
    }
    node.ends.push({ spec, n })
  })
  return root
}

function splitPath(path: string): Key[] {
  // Most paths have neither an escaped slash nor a wildcard: a plain split
  // (the table is compiled at the start of every process).
  const keys = path.includes('\\') ? path.split(/(?<!\\)\//).map(k => k.replaceAll('\\/', '/')) : path.split('/')
  return path.includes('*') ? keys.map(k => (k.includes('*') ? new RegExp(`^${k.split('*').map(escapeRegExp).join('.*')}$`) : k)) : keys
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
