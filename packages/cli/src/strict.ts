// What --strict says when it fails: how many warnings of which codes, and
// how to accept one. Every code counts, PINNED too (a name kept on purpose),
// so a CI that accepts a code says so with --warning CODE=ignore.

/**
 * The line --strict prints when `warnings` is not empty: the count, the
 * codes by frequency (then name), and the flag that accepts the first.
 */
export function strictFailure(warnings: readonly { readonly code: string }[], what = ''): string {
  const counts = new Map<string, number>()
  for (const w of warnings) counts.set(w.code, (counts.get(w.code) ?? 0) + 1)
  const codes = [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
  const list = codes.map(([code, n]) => n === 1 ? code : `${code} ×${n}`).join(', ')
  const s = warnings.length === 1 ? '' : 's'
  return `cmhash: --strict: ${what}${warnings.length} warning${s} (${list}); nothing was written\n`
    + `cmhash: to accept a code, set its level: --warning ${codes[0]![0]}=ignore (or warnings: in cmhash.config.yaml)\n`
}
