// --- internal ---

/** Orders strings by UTF-16 code units: stable whatever the locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function compareDesc(a: string, b: string): number {
  return compare(b, a)
}

/**
 * Sorts in place, stably, as Array.prototype.sort does, but without the
 * workspace V8's sort allocates for every call: by insertion for the short
 * lists a small object has (its data keys, its file's edits), by sort()
 * beyond.
 */
export function sortSmall<T>(list: T[], order: (a: T, b: T) => number): T[] {
  if (list.length > 16) return list.sort(order)
  for (let i = 1; i < list.length; i++) {
    const x = list[i]!
    let j = i - 1
    for (; j >= 0 && order(list[j]!, x) > 0; j--) list[j + 1] = list[j]!
    list[j + 1] = x
  }
  return list
}
