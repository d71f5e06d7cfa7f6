// What the table and the Markdown share: the headline counts and the words
// for a ConfigMap/Secret's key changes.
import type { DiffConfig, DiffResult } from './diff-types.js'

// --- internal ---

export interface DiffCounts {
  readonly configs: number
  readonly rolls: number
  readonly recreate: number
  readonly updates: number
  readonly added: number
  readonly removed: number
  readonly changed: number
}

export function countDiff(d: DiffResult): DiffCounts {
  const effect = (e: string) => d.affected.filter(a => a.effect === e).length
  return {
    configs: d.configs.length, rolls: effect('rolls'), recreate: effect('recreate'), updates: effect('updates'),
    added: d.added.length, removed: d.removed.length, changed: d.changed.length,
  }
}

/**
 * The one-line verdict: what rolls because a ConfigMap or Secret changed,
 * or that no such change rolls anything (a new image may still change a pod
 * template: those objects are CHANGED).
 */
export function headline(c: DiffCounts): string {
  const parts: string[] = []
  if (c.rolls > 0) parts.push(`${c.rolls} ${c.rolls === 1 ? 'object rolls' : 'objects roll'}`)
  if (c.recreate > 0) parts.push(`${c.recreate} ${c.recreate === 1 ? 'object' : 'objects'} to recreate`)
  if (c.updates > 0) parts.push(`${c.updates} updated`)
  if (parts.length > 0) return parts.join(', ')
  return c.configs + c.added + c.removed + c.changed > 0 ? 'no ConfigMap or Secret change rolls anything' : 'no changes'
}

/** `3 ConfigMaps/Secrets changed; objects: 1 added, 2 changed`: the counts that are not zero. */
export function tally(c: DiffCounts): string {
  const objects = [[c.added, 'added'], [c.removed, 'removed'], [c.changed, 'changed']].filter(([n]) => n !== 0).map(([n, w]) => `${n} ${w}`)
  const parts: string[] = []
  if (c.configs > 0) parts.push(`${c.configs} ${c.configs === 1 ? 'ConfigMap/Secret' : 'ConfigMaps/Secrets'} changed`)
  if (objects.length > 0) parts.push(`objects: ${objects.join(', ')}`)
  return parts.join('; ')
}

/** The key changes as `label: names` groups (names passed through `show`), or nothing for a rename only. */
export function keyGroups(c: DiffConfig, show: (name: string) => string, max: number = Infinity): string[] {
  const groups: string[] = []
  const list = (names: readonly string[]) =>
    names.length > max ? `${names.slice(0, max).map(show).join(', ')} and ${names.length - max} more` : names.map(show).join(', ')
  if (c.keys.changed.length > 0) groups.push(`changed ${list(c.keys.changed)}`)
  if (c.keys.added.length > 0) groups.push(`added ${list(c.keys.added)}`)
  if (c.keys.removed.length > 0) groups.push(`removed ${list(c.keys.removed)}`)
  if (c.type) groups.push(`type ${show(c.type.from)} → ${show(c.type.to)}`)
  return groups
}
