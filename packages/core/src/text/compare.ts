// --- internal ---

/** Orders strings by UTF-16 code units: stable whatever the locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function compareDesc(a: string, b: string): number {
  return compare(b, a)
}
