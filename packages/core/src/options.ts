import type { PlanOptions } from './plan/index.js'
import type { ReadOptions } from './read/scope.js'
import { compileTable, type CompiledTable } from './refs/compile-table.js'
import { PRESETS } from './refs/presets/index.js'
import { EXTERNAL_NAMES, REFERENCE_SPECS } from './refs/table.js'
import type { BuildOptions, ReferenceSpec } from './types.js'

// --- internal ---

/** The read and plan settings that build options stand for: built-in table, enabled presets, extras. */
export function resolveOptions(options: BuildOptions): { readOptions: ReadOptions; planOptions: PlanOptions } {
  const fromPresets = presetsFor(options.presets)
  return {
    readOptions: {
      defaultNamespace: options.namespace ?? 'default',
      table: tableFor(fromPresets, options.references),
      aliasBudget: options.aliasBudget ?? 100_000,
      entryKeys: options.annotations ? new Set(Object.keys(options.annotations)) : NO_KEYS,
    },
    planOptions: {
      select: options.select ?? 'referenced',
      pinned: options.pinned?.length ? [...fromPresets.pinned, ...options.pinned.map(pin => ({ ...pin, decided: true }))] : fromPresets.pinned,
      external: options.external?.length ? [...fromPresets.external, ...options.external.map(e => ({ ...e, decided: true }))] : fromPresets.external,
      annotations: options.annotations ?? {},
    },
  }
}

const NO_KEYS: ReadonlySet<string> = new Set()

/** What the enabled presets add, computed once per set of presets. */
interface FromPresets {
  readonly key: string
  readonly presets: typeof PRESETS
  readonly pinned: PlanOptions['pinned']
  readonly external: PlanOptions['external']
}

const byPresetSet = new Map<string, FromPresets>()

let allPresets: FromPresets | undefined

function presetsFor(enabled: BuildOptions['presets']): FromPresets {
  // Most builds leave presets as they are: all of them, without the filter and key.
  if (enabled === undefined && allPresets) return allPresets
  const presets = PRESETS.filter(p => enabled?.[p.name] !== false)
  const key = presets.map(p => p.name).join(',')
  let found = byPresetSet.get(key)
  if (!found) {
    found = {
      key,
      presets,
      pinned: presets.flatMap(p => p.pinned.map(pin => ({ ...pin, decided: false }))),
      external: [...EXTERNAL_NAMES, ...presets.flatMap(p => p.external)].map(e => ({ ...e, decided: false })),
    }
    byPresetSet.set(key, found)
  }
  if (enabled === undefined) allPresets = found
  return found
}

// Compiling the table (its paths into keys and patterns) is most of the
// fixed cost of a small build: it is done once per set of presets, and
// once per distinct array of extra references.
const byPresets = new Map<string, CompiledTable>()
const byReferences = new WeakMap<readonly ReferenceSpec[], Map<string, CompiledTable>>()

function tableFor(fromPresets: FromPresets, extra: readonly ReferenceSpec[] | undefined): CompiledTable {
  const key = fromPresets.key
  const cache = extra === undefined ? byPresets : byReferences.get(extra) ?? new Map<string, CompiledTable>()
  if (extra !== undefined) byReferences.set(extra, cache)
  let table = cache.get(key)
  if (!table) {
    table = compileTable([...REFERENCE_SPECS, ...fromPresets.presets.flatMap(p => p.references), ...(extra ?? [])])
    cache.set(key, table)
  }
  return table
}
