// --- internal ---

/** Why Kubernetes rejects a data key (its IsConfigMapKey, which Secrets share), or undefined when it accepts it. */
export function dataKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'is empty'
  if (key.length > 253) return 'is longer than 253 characters'
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) return 'may contain only letters, digits, "-", "_" and "."'
  if (key === '.' || key === '..') return `must not be "${key}"`
  if (key.startsWith('..')) return 'must not start with ".."'
  return undefined
}
