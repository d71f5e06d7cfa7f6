// cmhash diff --git REF: BASE is the paths at a revision, read with git
// into a temporary directory laid out as the repository; HEAD is the work
// tree.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { CmhashError, CONFIG_FILE_NAMES, generatorFiles, type GeneratorSpec, type Problem } from '@cmhash/core'
import { findConfig, InputError, readInputs } from '../inputs.js'
import { readBoth, sideOf, type OptionsFor, type Side } from './diff-sides.js'
import { git, parseTree, writeAtCommit, writeEntries, type GitError } from './git.js'

/**
 * BASE: `paths` as they are at `ref`, written with git into a temporary
 * directory laid out as the repository, with the configuration that
 * applies to them at `ref` (found by build's rule, up to the repository's
 * top) and the files its generators read there, and read from there as
 * build reads a checkout; file names in messages are `REF:path`. HEAD:
 * `paths` in the work tree. A path that exists on one side only is empty
 * on the other (no generated objects either).
 */
export async function readAtRevision(ref: string, given: readonly string[], cwd: string, stdin: () => Readable, optionsFor: OptionsFor): Promise<[Side, Side]> {
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
    // Where BASE's configuration may be: the directory of each path at REF (itself when a directory) and the current one, and above.
    const configDirs = [prefix.replace(/\/$/, '') || '.']
    for (const p of paths) {
      const entries = parseTree(await git(['ls-tree', '-r', '-z', '--full-name', commit, '--', p], cwd).catch((e: GitError) => {
        throw new InputError(`${p}: ${e.message}`)
      }))
      if (entries.length === 0) continue
      atRef.push(p)
      await writeEntries(entries, dir, cwd)
      const full = posix.join(prefix, p.split(sep).join('/'))
      configDirs.push(entries.length === 1 && entries[0]!.path === full ? posix.dirname(full) : full)
    }
    const inTree: string[] = []
    for (const p of paths) if (await stat(resolve(cwd, p)).then(() => true, () => false)) inTree.push(p)
    const missing = paths.filter(p => !atRef.includes(p) && !inTree.includes(p))
    if (missing.length > 0) throw new InputError(`${missing.join(', ')}: not in the work tree, nor at ${ref}`)
    const baseCwd = join(dir, prefix)
    await writeConfiguration(commit, configDirs, atRef, baseCwd, dir, top)
    const renamed = new Set<string>()
    const rename = atRevision(ref, dir, renamed)
    const base = async (): Promise<Side> => {
      try {
        // The temporary directory stands for the repository's top: its configuration is found as in a checkout.
        const options = await optionsFor(atRef, baseCwd, dir)
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
 * Writes under `dir` what BASE's configuration is at `commit`: each file
 * build's rule could find for `atRef` (each name, in each of `dirs` and
 * every directory above, up to the top), then the files the generators of
 * the one it finds read. A configuration that cannot be read is left for
 * optionsFor, which reads it again, to report.
 */
async function writeConfiguration(commit: string, dirs: readonly string[], atRef: readonly string[], baseCwd: string, dir: string, top: string): Promise<void> {
  const above = new Set<string>()
  for (let d of dirs) {
    for (; !above.has(d) && d !== '.'; d = posix.dirname(d)) above.add(d)
  }
  const candidates = ['', ...[...above].map(d => `${d}/`)].flatMap(d => CONFIG_FILE_NAMES.map(name => d + name))
  await writeAtCommit(commit, candidates, dir, top)
  const found = await findConfig(atRef, baseCwd, CONFIG_FILE_NAMES, dir).catch(() => undefined)
  if (!found) return
  const file = resolve(baseCwd, found.path)
  const generators = await readGenerators(file).catch(() => undefined)
  if (!generators) return
  const files = generatorFiles(generators).map(f => relative(dir, resolve(dirname(file), f)).split(sep).join('/'))
  await writeAtCommit(commit, files.filter(f => f !== '' && f !== '..' && !f.startsWith('../') && !isAbsolute(f)), dir, top)
}

async function readGenerators(file: string): Promise<GeneratorSpec | undefined> {
  const { configToOptions, parseConfig } = await import('@cmhash/core/config')
  return configToOptions(parseConfig(await readFile(file, 'utf8'), file)).generators
}

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
