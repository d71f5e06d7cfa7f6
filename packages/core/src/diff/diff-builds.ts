// Compares two built sides: objects added and removed, ConfigMaps/Secrets
// whose data or name changed (and the references that follow the new
// name), and objects whose own content changed.
import type { ObjectFacts } from '../facts.js'
import type { Referrer, Rename } from '../types.js'
import { compareKeys, byCodePoint } from './compare-keys.js'
import type { DiffAffected, DiffConfig, DiffEffect, DiffObject, DiffReferrer, DiffResult, DiffWarning } from './diff-types.js'
import type { Side } from './read-side.js'

// --- internal ---

export function diffBuilds(base: Side, head: Side): DiffResult {
  const added: DiffObject[] = []
  const removed: DiffObject[] = []
  const changed: DiffObject[] = []
  const configs: DiffConfig[] = []
  for (const [id, o] of head.objects) if (!base.objects.has(id)) added.push(objectOf(o))
  for (const [id, o] of base.objects) if (!head.objects.has(id)) removed.push(objectOf(o))
  for (const [id, after] of head.objects) {
    const before = base.objects.get(id)
    if (!before) continue
    const config = before.target && after.target ? compareConfig(id, before, after, base, head) : undefined
    if (config) configs.push(config)
    else if (base.content.get(id) !== head.content.get(id)) changed.push(objectOf(after))
  }
  return {
    version: 1,
    configs: configs.sort(byResource),
    affected: affectedBy(configs),
    added: added.sort(byResource),
    removed: removed.sort(byResource),
    changed: changed.sort(byResource),
    warnings: [...warningsOf('base', base), ...warningsOf('head', head)],
  }
}

/** A ConfigMap/Secret's change, or undefined when its data, type and name are the same. */
function compareConfig(id: string, beforeObject: ObjectFacts, afterObject: ObjectFacts, base: Side, head: Side): DiffConfig | undefined {
  const before = beforeObject.target!
  const after = afterObject.target!
  // Both builds succeeded and read-side asked for values, so both have them.
  const keys = compareKeys(after.kind, before.values!, after.values!)
  const typeBefore = before.secretType ?? 'Opaque'
  const typeAfter = after.secretType ?? 'Opaque'
  const typeChanged = after.kind === 'Secret' && typeBefore !== typeAfter
  const dataChanged = keys.added.length + keys.removed.length + keys.changed.length > 0 || typeChanged
  if (!dataChanged && before.name === after.name) return undefined
  return {
    kind: after.kind,
    namespace: afterObject.namespace ?? '',
    name: after.originalName,
    from: before.name,
    to: after.name,
    hashed: head.renames.has(id),
    keys,
    ...(typeChanged ? { type: { from: typeBefore, to: typeAfter } } : {}),
    referencedBy: before.name === after.name ? [] : following(base.renames.get(id), head.renames.get(id), base, head),
  }
}

/**
 * The references that now name the new name: HEAD's referrers of the
 * object (or BASE's, when HEAD no longer hashes it), in objects on both
 * sides; an object only in HEAD is listed as added instead.
 */
function following(before: Rename | undefined, after: Rename | undefined, base: Side, head: Side): DiffReferrer[] {
  const [rename, other] = after ? [after, base] : [before, head]
  if (!rename) return []
  return rename.referencedBy
    .filter(r => other.present.has(`${r.kind}\0${r.namespace ?? ''}\0${r.name}`))
    .map(referrerOf)
    .sort((a, b) => byResource(a, b) || byCodePoint(a.path, b.path))
}

function referrerOf(r: Referrer): DiffReferrer {
  return {
    kind: r.kind, ...(r.namespace === undefined ? {} : { namespace: r.namespace }), name: r.name, path: r.path, effect: r.effect,
  }
}

/** How much an effect disrupts: an object affected several ways shows the strongest. */
export const STRENGTH: Readonly<Record<DiffEffect, number>> = { updates: 0, rolls: 1, recreate: 2 }

/** Every object that references a renamed ConfigMap/Secret, once, with all its reasons. */
function affectedBy(configs: readonly DiffConfig[]): DiffAffected[] {
  const byObject = new Map<string, DiffAffected>()
  for (const c of configs) {
    for (const r of c.referencedBy) {
      const k = `${r.kind}\0${r.namespace ?? ''}\0${r.name}`
      let a = byObject.get(k)
      if (!a) {
        a = { kind: r.kind, ...(r.namespace === undefined ? {} : { namespace: r.namespace }), name: r.name, effect: r.effect, because: [] }
        byObject.set(k, a)
      }
      if (STRENGTH[r.effect] > STRENGTH[a.effect]) a.effect = r.effect
      a.because.push({ kind: c.kind, namespace: c.namespace, name: c.name, path: r.path, effect: r.effect })
    }
  }
  return [...byObject.values()].sort(byResource)
}

function objectOf(o: ObjectFacts): DiffObject {
  return {
    ...(o.group === '' ? {} : { group: o.group }),
    kind: o.kind,
    ...(o.namespace === undefined ? {} : { namespace: o.namespace }),
    name: o.target?.originalName ?? o.name ?? '',
  }
}

function warningsOf(side: 'base' | 'head', s: Side): DiffWarning[] {
  return s.result.warnings.map(w => ({
    side, code: w.code, message: w.message,
    ...(w.location ? { file: w.location.file, line: w.location.line, column: w.location.col } : {}),
    ...(w.path ? { path: w.path } : {}),
  }))
}

/** Namespace (cluster-scoped first), then kind, then name, then group. */
function byResource(a: { namespace?: string; kind: string; name: string; group?: string }, b: typeof a): number {
  return byCodePoint(a.namespace ?? '', b.namespace ?? '') || byCodePoint(a.kind, b.kind) || byCodePoint(a.name, b.name) ||
    byCodePoint(a.group ?? '', b.group ?? '')
}
