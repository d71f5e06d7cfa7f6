import type { ExternalName, TargetKind } from '../types.js'

// --- internal ---

/**
 * The first entry that says an object exists outside the input: same kind,
 * and name and namespace matching (`*` any run of characters, `?` one; no
 * namespace means any). `namespace` undefined (a reference from a
 * cluster-scoped object) matches only an entry without one or `*`.
 */
export function findExternal<T extends ExternalName>(entries: readonly T[], kind: TargetKind, namespace: string | undefined, name: string): T | undefined {
  for (const { entry, names, namespaces } of compiledList(entries)) {
    if (entry.kind !== kind || !names(name)) continue
    if (entry.namespace === undefined || (namespace !== undefined ? namespaces!(namespace) : entry.namespace === '*')) return entry
  }
  return undefined
}

/** An entry with its name and namespace patterns as tests: string equality when a pattern has no `*` or `?`. */
interface Compiled<T> {
  readonly entry: T
  readonly names: (s: string) => boolean
  readonly namespaces: ((s: string) => boolean) | undefined
}

// Per list of entries (the options' lists are made once per set of presets).
const compiledLists = new WeakMap<readonly ExternalName[], readonly Compiled<ExternalName>[]>()

function compiledList<T extends ExternalName>(entries: readonly T[]): readonly Compiled<T>[] {
  let list = compiledLists.get(entries) as readonly Compiled<T>[] | undefined
  if (!list) {
    list = entries.map(entry => ({ entry, names: matcher(entry.name), namespaces: entry.namespace === undefined ? undefined : matcher(entry.namespace) }))
    compiledLists.set(entries, list)
  }
  return list
}

const matchers = new Map<string, (s: string) => boolean>()

function matcher(pattern: string): (s: string) => boolean {
  let test = matchers.get(pattern)
  if (!test) {
    if (!/[*?]/.test(pattern)) test = s => s === pattern
    else {
      const re = new RegExp(`^${pattern.split('').map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 's')
      test = s => re.test(s)
    }
    matchers.set(pattern, test)
  }
  return test
}
