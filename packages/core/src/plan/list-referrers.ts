import { formatResource } from '../errors.js'
import { resourceOf } from '../read/identity.js'
import type { Resolution } from './context.js'

// --- internal ---

/** `Deployment a/web (spec…name), Pod a/p (spec…name) and 2 more`: each referring field once, in input order. */
export function listReferrers(rs: readonly Resolution[], shown = 5): string {
  const each = [...new Set(rs.map(r => `${formatResource(resourceOf(r.referrer))} (${r.ref.path})`))]
  const more = each.length > shown ? ` and ${each.length - shown} more` : ''
  return each.slice(0, shown).join(', ') + more
}
