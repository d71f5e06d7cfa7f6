import { formatResource, type Problem, type SourceLocation } from '../errors.js'
import type { GeneratedObject } from './types.js'

/**
 * Points the build's problems about generated objects at the generators
 * that made them. The build sees generated objects as the text of one input
 * (`generatedPath`); a problem located there moves to the generator's name
 * in the configuration, and a `DUPLICATE_RESOURCE` between a manifest and a
 * generated object names the generator. `namespace` is the build's default
 * namespace, which generated objects without one are in. Other problems are
 * returned as they are.
 */
export function attributeToGenerators<P extends Problem>(
  problems: readonly P[], generatedPath: string, objects: readonly GeneratedObject[], namespace = 'default',
): P[] {
  return problems.map(p => {
    const r = p.resource
    const inGenerated = p.location?.file === generatedPath
    if (!r || (!inGenerated && p.code !== 'DUPLICATE_RESOURCE')) return p
    const candidates = objects.filter(o => o.kind === r.kind && o.name === r.name && (o.namespace ?? namespace) === (r.namespace ?? namespace))
    const o = candidates.find(c => c.namespace === r.namespace) ?? candidates[0]
    if (!o) return p
    if (inGenerated) {
      const { location: _dropped, ...rest } = p
      // The build's advice for an object annotated cmhash.dev/hash: "false"
      // is, for a generated one, about its generator's option.
      const message = o.hashed ? p.message : p.message.replace(PINNED_BY_ANNOTATION, 'its generator sets disableNameSuffixHash (remove it to hash the object)')
      return { ...rest, message, ...(o.location ? { location: o.location } : {}) } as P
    }
    return { ...p, message: `${formatResource(r)} is defined twice: here and by ${o.generator}${at(o.location)}` }
  })
}

const PINNED_BY_ANNOTATION = 'its annotation cmhash.dev/hash is "false" (annotate it cmhash.dev/hash: "true" to hash it anyway)'

function at(l: SourceLocation | undefined): string {
  return l ? ` at ${l.file}:${l.line}` : ''
}
