// --- internal ---

/**
 * A `literals` entry as kustomize reads it: split at the first `=` (no
 * trimming), then one pair of matching quotes (`"…"` or `'…'`) around the
 * whole value removed, with no escapes interpreted. Undefined when there is
 * no `=` or nothing before it, which kustomize refuses.
 */
export function parseLiteral(literal: string): { key: string; value: string } | undefined {
  const eq = literal.indexOf('=')
  if (eq <= 0) return undefined
  let value = literal.slice(eq + 1)
  const q = value[0]
  if (value.length >= 2 && (q === '"' || q === "'") && value.endsWith(q)) value = value.slice(1, -1)
  return { key: literal.slice(0, eq), value }
}
