import type { ResourceRef } from '../errors.js'
import type { ObjectIdentity } from '../facts.js'
import { interner } from '../text/intern.js'

// --- internal ---

/** The identity of an object among those of its kind: kind, namespace, name. */
export function idOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\0${namespace ?? ''}\0${name}`
}

/** An object's kind, namespace (absent for cluster-scoped objects) and name, for messages. */
export function resourceOf(o: ObjectIdentity): ResourceRef {
  return o.namespace === undefined ? { kind: o.kind, name: o.name ?? '' } : { kind: o.kind, namespace: o.namespace, name: o.name ?? '' }
}

/**
 * Who an object is and where, in a record of its own: kept without the
 * rest of its facts. Its kind, group and namespace are one string each
 * for all the objects that share them.
 */
export function identityOf({ file, offset, group, kind, name, namespace }: ObjectIdentity): ObjectIdentity {
  return { file, offset, group: common(group), kind: common(kind), name, namespace: namespace === undefined ? undefined : common(namespace) }
}

/** One string for all equal ones, for the words that recur (kinds, groups, namespaces, Secret types, data keys). */
export const common: (word: string) => string = interner(4_000)
