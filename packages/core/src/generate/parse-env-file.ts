// Env files as kustomize reads them, measured on the kubectl 1.32 binary
// (kustomize v5.5): generate-kustomize.test.ts re-runs every rule.

// --- internal ---

export interface EnvEntry {
  readonly key: string
  readonly value: string
  /** 1-based line, and the line's byte offset in the file. */
  readonly line: number
  readonly offset: number
}

export interface EnvProblem {
  readonly kind: 'not-utf8' | 'line-too-long'
  readonly line: number
  readonly offset: number
}

/**
 * kustomize reads lines with Go's bufio.Scanner, whose lines end at the first
 * 64 KiB: a longer line stops the reading without an error, dropping it and
 * every line after it. cmhash refuses such a file instead.
 */
const MAX_ENV_LINE_BYTES = 65_535

/**
 * The entries of an env file: one `KEY=value` per line, split at the first
 * `=`. A line's trailing `\r` is dropped, then its leading white space
 * (Unicode's, as Go's unicode.IsSpace); lines left empty or starting with `#`
 * are skipped. Nothing else is trimmed: `KEY =v` has the key `KEY `, and
 * quotes and backslashes stay in the value. A line with no `=` is a key with
 * an empty value; a line with nothing before its `=` is skipped. One UTF-8
 * byte-order mark at the start of the file is dropped. A line that is not
 * UTF-8 (even a comment), or is 64 KiB or longer, is a problem.
 */
export function parseEnvFile(bytes: Uint8Array): { entries: EnvEntry[]; problems: EnvProblem[] } {
  const entries: EnvEntry[] = []
  const problems: EnvProblem[] = []
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  let start = 0
  for (let line = 1; start < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start)
    const next = end < 0 ? bytes.length : end + 1
    if (end < 0) end = bytes.length
    if (end - start > MAX_ENV_LINE_BYTES) {
      problems.push({ kind: 'line-too-long', line, offset: start })
      break
    }
    let text: string
    try {
      text = decoder.decode(bytes.subarray(start, end > start && bytes[end - 1] === 0x0d ? end - 1 : end))
    } catch {
      problems.push({ kind: 'not-utf8', line, offset: start })
      start = next
      continue
    }
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    text = trimStartGoSpace(text)
    if (text !== '' && !text.startsWith('#')) {
      const eq = text.indexOf('=')
      const key = eq < 0 ? text : text.slice(0, eq)
      if (key !== '') entries.push({ key, value: eq < 0 ? '' : text.slice(eq + 1), line, offset: start })
    }
    start = next
  }
  return { entries, problems }
}

/** Go's unicode.IsSpace: JavaScript's white space plus U+0085, minus U+FEFF. */
function trimStartGoSpace(s: string): string {
  let i = 0
  while (i < s.length && isGoSpace(s.charCodeAt(i))) i++
  return i === 0 ? s : s.slice(i)
}

function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
}
