import type { PlanOptions } from './plan/index.js'
import type { ReadOptions } from './read/scope.js'
import { compileTable, type CompiledTable } from './refs/compile-table.js'
import { PRESETS } from './refs/presets/index.js'
import { EXTERNAL_NAMES, REFERENCE_SPECS } from './refs/table.js'
import type { BuildOptions, ReferenceSpec } from './types.js'

// --- internal ---

/** The read and plan settings that build options stand for: built-in table, enabled presets, extras. */
export function resolveOptions(options: BuildOptions): { readOptions: ReadOptions; planOptions: PlanOptions } {
  const presets = PRESETS.filter(p => options.presets?.[p.name] !== false)
  return {
    readOptions: {
      defaultNamespace: options.namespace ?? 'default',
      table: tableFor(presets.map(p => p.name), options.references),
      aliasBudget: options.aliasBudget ?? 100_000,
    },
    planOptions: {
      select: options.select ?? 'referenced',
      pinned: [
        ...presets.flatMap(p => p.pinned.map(pin => ({ ...pin, decided: false }))),
        ...(options.pinned ?? []).map(pin => ({ ...pin, decided: true })),
      ],
      external: [
        ...[...EXTERNAL_NAMES, ...presets.flatMap(p => p.external)].map(e => ({ ...e, decided: false })),
        ...(options.external ?? []).map(e => ({ ...e, decided: true })),
      ],
      annotations: options.annotations ?? {},
    },
  }
}

// Compiling the table (its paths into keys and patterns) is most of the
// fixed cost of a small build: it is done once per set of presets, and
// once per distinct array of extra references.
const byPresets = new Map<string, CompiledTable>()
const byReferences = new WeakMap<readonly ReferenceSpec[], Map<string, CompiledTable>>()

function tableFor(presetNames: readonly string[], extra: readonly ReferenceSpec[] | undefined): CompiledTable {
  const key = presetNames.join(',')
  const cache = extra === undefined ? byPresets : byReferences.get(extra) ?? new Map<string, CompiledTable>()
  if (extra !== undefined) byReferences.set(extra, cache)
  let table = cache.get(key)
  if (!table) {
    const presets = PRESETS.filter(p => presetNames.includes(p.name))
    table = compileTable([...REFERENCE_SPECS, ...presets.flatMap(p => p.references), ...(extra ?? [])])
    cache.set(key, table)
  }
  return table
}
