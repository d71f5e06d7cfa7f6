import type { ReferenceSpec } from '../types.js'

// --- internal ---

/** A reference table split by where each entry starts, compiled once. */
export interface CompiledTable {
  readonly podSpec: readonly CompiledSpec[]
  readonly volumeList: readonly CompiledSpec[]
  readonly envHolder: readonly CompiledSpec[]
  readonly byKind: ReadonlyMap<string, readonly CompiledSpec[]>
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
  return { podSpec, volumeList, envHolder, byKind }
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
