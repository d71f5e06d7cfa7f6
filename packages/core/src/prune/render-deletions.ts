import type { ResourceRef } from '../errors.js'
import { renderString } from '../emit/render.js'

// --- internal ---

/** The deletions as a `v1` `List` of bare object references, for `kubectl delete -f -`. */
export function renderDeletions(deletions: readonly ResourceRef[]): string {
  if (deletions.length === 0) return 'apiVersion: v1\nkind: List\nitems: []\n'
  const items = deletions.map(d =>
    `- apiVersion: v1\n  kind: ${d.kind}\n  metadata:\n    name: ${renderString(d.name, false)}\n    namespace: ${renderString(d.namespace ?? '', false)}\n`).join('')
  return `apiVersion: v1\nkind: List\nitems:\n${items}`
}
