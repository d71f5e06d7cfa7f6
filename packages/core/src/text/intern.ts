// --- internal ---

/**
 * One string for all equal ones, for words that recur from object to
 * object (paths of references, kinds, namespaces, data keys), so that each
 * is held once however many records keep it. Bounded: past `limit`
 * distinct words (inputs built to differ) a word is returned as given.
 */
export function interner(limit: number): (word: string) => string {
  const known = new Map<string, string>()
  return word => {
    const same = known.get(word)
    if (same !== undefined) return same
    if (known.size < limit) known.set(word, word)
    return word
  }
}
