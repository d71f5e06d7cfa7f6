import type { ExternalName, TargetKind } from '../types.js'

// --- internal ---

/**
 * The first entry that says an object exists outside the input: same kind,
 * and name and namespace matching (`*` any run of characters, `?` one; no
 * namespace means any). `namespace` undefined (a reference from a
 * cluster-scoped object) matches only an entry without one or `*`.
 */
export function findExternal<T extends ExternalName>(entries: readonly T[], kind: TargetKind, namespace: string | undefined, name: string): T | undefined {
  return entries.find(e => e.kind === kind && glob(e.name).test(name) &&
    (e.namespace === undefined || (namespace !== undefined ? glob(e.namespace).test(namespace) : e.namespace === '*')))
}

const compiled = new Map<string, RegExp>()

function glob(pattern: string): RegExp {
  let re = compiled.get(pattern)
  if (!re) {
    re = new RegExp(`^${pattern.split('').map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 's')
    compiled.set(pattern, re)
  }
  return re
}
