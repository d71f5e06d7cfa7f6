// --- internal ---

/**
 * An empty record with no prototype. Data keys are user input, and
 * Kubernetes accepts `__proto__`, `constructor` or `toString` as keys: in a
 * plain `{}`, assigning `__proto__` sets the prototype instead of a key.
 */
export function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}
