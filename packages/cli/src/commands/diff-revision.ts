// cmhash diff --git REF: BASE is the paths at a revision, read with git
// into a temporary directory laid out as the repository; HEAD is the work
// tree.
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { InputError, readInputs } from '../inputs.js'
import type { OptionsFor, Side } from './diff-sides.js'
import { git, parseTree, writeEntries, type GitError } from './git.js'

/**
 * BASE: `paths` as they are at `ref`, written with git into a temporary
 * directory laid out as the repository, and read from there as build reads
 * a directory (so its configuration file is found the same way); file names
 * in messages are `REF:path`. HEAD: `paths` in the work tree. A path that
 * exists on one side only is empty on the other.
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
    // The temporary directory stands for the repository's top: its configuration is found as in a checkout.
    const baseOptions = atRef.length > 0 ? await optionsFor(atRef, baseCwd, dir) : await optionsFor([], cwd)
    const baseInputs = atRef.length > 0 ? await readInputs(atRef, baseCwd, stdin, baseOptions) : []
    const headOptions = await optionsFor(inTree, cwd)
    const headInputs = inTree.length > 0 ? await readInputs(inTree, cwd, stdin, headOptions) : []
    return [
      { inputs: baseInputs.map(f => ({ ...f, path: `${ref}:${f.path}` })), options: baseOptions, label: ref },
      { inputs: headInputs, options: headOptions, label: 'work tree' },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
