import { readdir } from 'node:fs/promises'
import { join } from 'node:path'

/** What a directory holds for a build: its manifests and the files checkDirectory() looks at, relative, `/`-separated. */
export interface Listing {
  readonly manifests: readonly string[]
  readonly special: readonly string[]
}

const MANIFEST = /\.(?:yaml|yml|json)$/

/**
 * Lists a directory with the default patterns (every .yaml, .yml and .json
 * file, hidden paths left out, `skipped` names and `outputDir` not read)
 * and the names in `special`, as fast-glob lists them with those patterns,
 * in one walk and without loading fast-glob, which is most of the start-up
 * of a small build. Undefined when it cannot answer exactly as fast-glob
 * would, so that the caller asks fast-glob: a symbolic link (fast-glob
 * follows them, and a loop as deep as the system allows), a directory it
 * cannot read, an output directory whose name a glob would read as a
 * pattern.
 */
export async function listDirectory(
  dir: string, skipped: ReadonlySet<string>, special: ReadonlySet<string>, outputDir: string | undefined,
): Promise<Listing | undefined> {
  if (outputDir !== undefined && /[*?[\]{}()!+@\\]/.test(outputDir)) return undefined
  const manifests: string[] = []
  const found: string[] = []
  const walk = async (rel: string): Promise<boolean> => {
    const entries = await readdir(rel === '' ? dir : join(dir, rel), { withFileTypes: true }).catch(() => undefined)
    if (!entries) return false
    const below: string[] = []
    for (const e of entries) {
      if (e.name.startsWith('.')) continue
      if (e.isSymbolicLink()) return false
      const path = rel === '' ? e.name : `${rel}/${e.name}`
      if (e.isDirectory()) {
        if (path !== outputDir) below.push(path)
      } else if (e.isFile()) {
        if (MANIFEST.test(e.name) && !skipped.has(e.name)) manifests.push(path)
        if (special.has(e.name)) found.push(path)
      }
    }
    for (const path of below) if (!await walk(path)) return false
    return true
  }
  return await walk('') ? { manifests, special: found } : undefined
}
