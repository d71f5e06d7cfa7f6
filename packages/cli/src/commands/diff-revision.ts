// cmhash diff --git REF: BASE is the paths at a revision, read with git
// into a temporary directory laid out as the repository; HEAD is the work
// tree.
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { CmhashError, type Problem } from '@cmhash/core'
import { InputError, readInputs } from '../inputs.js'
import { readBoth, sideOf, type OptionsFor, type Side } from './diff-sides.js'
import { git, parseTree, writeEntries, type GitError } from './git.js'

/**
 * BASE: `paths` as they are at `ref`, written with git into a temporary
 * directory laid out as the repository, and read from there as build reads
 * a directory (so its configuration file is found the same way); file names
 * in messages are `REF:path`. HEAD: `paths` in the work tree. A path that
 * exists on one side only is empty on the other (no generated objects
 * either).
 */
export async function readAtRevision(ref: string, given: readonly string[], cwd: string, stdin: Readable, optionsFor: OptionsFor): Promise<[Side, Side]> {
  // Relative to here, so that the same path names the file under the temporary directory.
  const paths = given.map(p => relative(cwd, resolve(cwd, p)) || '.')
  const top = (await git(['rev-parse', '--show-toplevel'], cwd).catch((e: GitError) => {
    throw new InputError(`--git: ${e.notFound ? 'git is not installed' : /not a git repository/.test(e.message) ? 'not inside a git repository' : e.message}`)
  })).toString('utf8').trim()
  const prefix = (await git(['rev-parse', '--show-prefix'], cwd)).toString('utf8').trim()
  const commit = (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd).catch(() => {
    throw new InputError(`--git ${ref}: no such revision in ${top}`)
  })).toString('utf8').trim()
  const dir = await mkdtemp(join(tmpdir(), 'cmhash-diff-'))
  try {
    const atRef: string[] = []
    for (const p of paths) {
      const entries = parseTree(await git(['ls-tree', '-r', '-z', '--full-name', commit, '--', p], cwd).catch((e: GitError) => {
        throw new InputError(`${p}: ${e.message}`)
      }))
      if (entries.length === 0) continue
      atRef.push(p)
      await writeEntries(entries, dir, cwd)
    }
    const inTree: string[] = []
    for (const p of paths) if (await stat(resolve(cwd, p)).then(() => true, () => false)) inTree.push(p)
    const missing = paths.filter(p => !atRef.includes(p) && !inTree.includes(p))
    if (missing.length > 0) throw new InputError(`${missing.join(', ')}: not in the work tree, nor at ${ref}`)
    const baseCwd = join(dir, prefix)
    const renamed = new Set<string>()
    const rename = atRevision(ref, dir, renamed)
    const base = async (): Promise<Side> => {
      try {
        // The temporary directory stands for the repository's top: its configuration is found as in a checkout.
        const options = atRef.length > 0 ? await optionsFor(atRef, baseCwd, dir) : await optionsFor([], cwd)
        const files = atRef.length > 0 ? (await readInputs(atRef, baseCwd, stdin, options)).map(f => ({ ...f, path: `${ref}:${f.path}` })) : []
        for (const f of files) renamed.add(f.path)
        return sideOf(ref, options, files, atRef.length > 0 ? options.generated : undefined, rename)
      } catch (e) {
        throw e instanceof CmhashError ? new CmhashError(e.errors.map(rename), { cause: e }) : e
      }
    }
    const head = async (): Promise<Side> => {
      const options = await optionsFor(inTree, cwd)
      const files = inTree.length > 0 ? await readInputs(inTree, cwd, stdin, options) : []
      return sideOf('work tree', options, files, inTree.length > 0 ? options.generated : undefined)
    }
    return await readBoth(base, head)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

// --- internal ---

/**
 * A problem of BASE as its user reads it: a file at the revision (a
 * manifest, the configuration, a file a generator reads) is `REF:path`, and
 * the temporary directory never shows. `inputs` are BASE's manifests,
 * already named so.
 */
function atRevision(ref: string, dir: string, inputs: ReadonlySet<string>): <P extends Problem>(p: P) => P {
  const temp = dir + sep
  const name = (file: string): string => file.startsWith(temp)
    ? `${ref}:${file.slice(temp.length).split(sep).join('/')}`
    : isAbsolute(file) || file.startsWith('<') || inputs.has(file) ? file : `${ref}:${file}`
  return p => ({
    ...p,
    message: p.message.replaceAll(temp, `${ref}:`),
    ...(p.location ? { location: { ...p.location, file: name(p.location.file) } } : {}),
  })
}
