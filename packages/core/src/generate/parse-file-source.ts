// --- internal ---

export type FileSource =
  | { readonly ok: true; readonly key: string; readonly path: string }
  | { readonly ok: false; readonly problem: string; readonly code: 'INVALID_GENERATOR' | 'GENERATOR_FILE' }

/**
 * A `files` entry: `path` (the key is the file's name) or `key=path`, split
 * as kustomize splits it (no trimming; a second `=` is refused, so a file
 * whose name holds `=` cannot be named). The path comes back normalized
 * (see {@link normalizePath}).
 */
export function parseFileSource(source: string): FileSource {
  const parts = source.split('=')
  if (parts.length > 2) return { ok: false, code: 'INVALID_GENERATOR', problem: 'has more than one "=" (key=path, and neither may contain "=")' }
  const [key, written] = parts.length === 2 ? [parts[0]!, parts[1]!] : [undefined, source]
  if (key === '') return { ok: false, code: 'INVALID_GENERATOR', problem: 'has no key before "=" (write key=path)' }
  if (written === '') return { ok: false, code: 'INVALID_GENERATOR', problem: 'has no path after "=" (write key=path)' }
  const path = normalizePath(written)
  if (!path.ok) return path
  return { ok: true, key: key ?? path.path.slice(path.path.lastIndexOf('/') + 1), path: path.path }
}

/**
 * A path relative to the configuration's directory, with `.` and `a/..`
 * segments removed. Absolute paths, and paths whose `..` lead above the
 * directory, are refused: a configuration reads only what is beside it.
 */
export function normalizePath(path: string): { readonly ok: true; readonly path: string } | { readonly ok: false; readonly problem: string; readonly code: 'GENERATOR_FILE' } {
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) {
    return { ok: false, code: 'GENERATOR_FILE', problem: 'is an absolute path; paths are relative to the configuration file and stay in its directory' }
  }
  const out: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment !== '..') out.push(segment)
    else if (out.pop() === undefined) {
      return { ok: false, code: 'GENERATOR_FILE', problem: 'leads outside the configuration file\'s directory; generators read only files in it or below it' }
    }
  }
  if (out.length === 0) return { ok: false, code: 'GENERATOR_FILE', problem: 'names the configuration\'s directory, not a file' }
  return { ok: true, path: out.join('/') }
}
