import { formatResource } from '../errors.js'
import type { ObjectIdentity } from '../facts.js'
import type { Place, PlanContext } from './context.js'
import { identityOf, resourceOf } from '../read/identity.js'

// --- internal ---

/**
 * Two objects with the same group, kind, namespace and name: an error at
 * the second. The objects are visited twice in input order. The first
 * visit (see()) keeps only a number made from each identity, and notes
 * the numbers seen twice; the second (check()) keeps the identities whose
 * number was seen twice (two objects of the same identity, or two whose
 * numbers merely coincide) and finds the duplicates among them. So a
 * build without duplicates holds a set of small numbers, not an identity
 * per object.
 */
export class DuplicateCheck {
  private readonly seen = new Set<number>()
  private readonly twice = new Set<number>()
  private readonly first = new Map<string, number>()
  private readonly again: Array<{ readonly object: ObjectIdentity; readonly first: number }> = []

  see(o: ObjectIdentity): void {
    if (!o.name) return
    const n = numberOf(keyOf(o, o.name))
    if (this.seen.has(n)) this.twice.add(n)
    else this.seen.add(n)
  }

  check(o: ObjectIdentity, place: Place): void {
    // The first visit is over: only the numbers seen twice matter now.
    if (this.seen.size > 0) this.seen.clear()
    if (!o.name || this.twice.size === 0) return
    const k = keyOf(o, o.name)
    if (!this.twice.has(numberOf(k))) return
    const first = this.first.get(k)
    if (first === undefined) this.first.set(k, place.file * 2 ** 32 + o.offset)
    else this.again.push({ object: identityOf(o), first })
  }

  report(ctx: PlanContext): void {
    for (const { object, first } of this.again) {
      const file = ctx.files[Math.floor(first / 2 ** 32)]!
      // Counted by the reporter, on from its last count: a file given twice makes a duplicate of each of its objects.
      const firstAt = `${file.path}:${ctx.report.line({ file: file.path, text: file.text, offset: first % 2 ** 32 })}`
      ctx.report.error('DUPLICATE_RESOURCE', {
        message: `${formatResource(resourceOf(object))} is defined twice: here and at ${firstAt}`,
        at: ctx.where(object), resource: resourceOf(object),
      })
    }
  }
}

function keyOf(o: ObjectIdentity, name: string): string {
  return `${o.group}\0${o.kind}\0${o.namespace ?? ''}\0${name}`
}

/** FNV-1a over the string's code units, in 31 bits (a small integer to V8, kept in a set without a box). */
function numberOf(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 1
}
