import type { ConfigMapGenerator, GeneratorOptions, GeneratorSpec, SecretGenerator } from './types.js'

// --- internal ---

export interface GeneratorEntry {
  readonly kind: 'ConfigMap' | 'Secret'
  readonly field: 'configMapGenerator' | 'secretGenerator'
  readonly index: number
  readonly spec: ConfigMapGenerator | SecretGenerator
  /** generatorOptions and the generator's own options, merged as kustomize merges them. */
  readonly labels: Readonly<Record<string, string>>
  readonly annotations: Readonly<Record<string, string>>
  readonly hashed: boolean
  readonly immutable: boolean
}

/**
 * Every generator in output order: ConfigMaps, then Secrets, each in the
 * order written. Options merge as kustomize merges them (measured):
 * labels and annotations of both levels, the generator's winning on the same
 * key; `disableNameSuffixHash` and `immutable` true when true at either level.
 */
export function listGenerators(spec: GeneratorSpec): GeneratorEntry[] {
  const global: GeneratorOptions = spec.generatorOptions ?? {}
  const entry = (kind: GeneratorEntry['kind'], field: GeneratorEntry['field']) => (g: ConfigMapGenerator | SecretGenerator, index: number): GeneratorEntry => {
    const local: GeneratorOptions = g.options ?? {}
    return {
      kind, field, index, spec: g,
      labels: { ...global.labels, ...local.labels },
      annotations: { ...global.annotations, ...local.annotations },
      hashed: !(global.disableNameSuffixHash === true || local.disableNameSuffixHash === true),
      immutable: global.immutable === true || local.immutable === true,
    }
  }
  return [
    ...(spec.configMapGenerator ?? []).map(entry('ConfigMap', 'configMapGenerator')),
    ...(spec.secretGenerator ?? []).map(entry('Secret', 'secretGenerator')),
  ]
}
