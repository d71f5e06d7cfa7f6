import type { ResourceRef } from '../errors.js'
import type { ObjectSummary } from '../facts.js'

// --- internal ---

/** The identity of an object among those of its kind: kind, namespace, name. */
export function idOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\0${namespace ?? ''}\0${name}`
}

/** An object's kind, namespace (absent for cluster-scoped objects) and name, for messages. */
export function resourceOf(o: ObjectSummary): ResourceRef {
  return o.namespace === undefined ? { kind: o.kind, name: o.name ?? '' } : { kind: o.kind, namespace: o.namespace, name: o.name ?? '' }
}
