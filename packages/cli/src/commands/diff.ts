// cmhash diff: read BASE and HEAD (two inputs, or --git REF: the paths at a
// revision, read with git into a temporary directory, against the work
// tree), compare their builds, and format the result. Exit codes are
// decided by run() in cli.ts from what this returns.
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { diff, formatDiffMarkdown, formatDiffTable, type BuildOptions, type DiffResult } from '@cmhash/core'
import type { DiffCommand } from '../command-types.js'
import { InputError, readInputs, type InputFile, type ReadOptions } from '../inputs.js'

/** What a diff prints, and whether anything rolls. */
export interface DiffOutcome {
  readonly stdout: string
  readonly stderr: string
  /** A workload rolls or a bare Pod must be recreated. */
  readonly rolls: boolean
  /** --strict, and HEAD's build has warnings: stdout is empty. */
  readonly strictFailed: boolean
}

/**
 * The build and read options for inputs at `paths` (relative to `cwd`):
 * configuration found there (searching no higher than `top`), then flags.
 */
export type OptionsFor = (paths: readonly string[], cwd: string, top?: string) => Promise<BuildOptions & ReadOptions>

interface Side {
  readonly inputs: readonly InputFile[]
  readonly options: BuildOptions
  /** How the side is named in the Markdown heading. */
  readonly label: string
}

/** Reads both sides, diffs them and formats the result; throws InputError or DiffError. */
export async function runDiff(command: DiffCommand, cwd: string, stdin: Readable, optionsFor: OptionsFor): Promise<DiffOutcome> {
  const [base, head] = command.git === undefined
    ? await readPair(command.paths[0]!, command.paths[1]!, cwd, stdin, optionsFor)
    : await readAtRevision(command.git, command.paths, cwd, stdin, optionsFor)
  const result = diff(base.inputs, head.inputs, { ...head.options, baseOptions: base.options })
  // BASE's warnings were there before the change; HEAD's are the news. A
  // side with no files (the path is not there) is empty on purpose.
  const warnings = result.warnings.filter(w => w.side === 'head' && !(w.code === 'EMPTY_INPUT' && head.inputs.length === 0))
  const stderr = command.quiet ? '' : warnings.map(w => `warning: ${w.file === undefined ? '' : `${w.file}:${w.line}:${w.column}: `}${w.code}: ${w.message}\n`).join('')
  if (command.strict && warnings.length > 0) {
    return { stdout: '', stderr: `${stderr}cmhash: --strict: HEAD has ${warnings.length} warning${warnings.length === 1 ? '' : 's'}\n`, rolls: false, strictFailed: true }
  }
  return { stdout: format(result, command.format, base.label, head.label), stderr, rolls: rolls(result), strictFailed: false }
}

// --- internal ---

function format(result: DiffResult, as: DiffCommand['format'], base: string, head: string): string {
  if (as === 'json') return `${JSON.stringify(result, null, 2)}\n`
  if (as === 'markdown') return formatDiffMarkdown(result, { base, head })
  return formatDiffTable(result)
}

function rolls(result: DiffResult): boolean {
  return result.affected.some(a => a.effect === 'rolls' || a.effect === 'recreate')
}

async function readPair(base: string, head: string, cwd: string, stdin: Readable, optionsFor: OptionsFor): Promise<[Side, Side]> {
  const read = async (path: string): Promise<Side> => {
    const options = await optionsFor([path], cwd)
    return { inputs: await readInputs([path], cwd, stdin, options), options, label: path === '-' ? 'stdin' : path }
  }
  return [await read(base), await read(head)]
}

/**
 * BASE: `paths` as they are at `ref`, written with git into a temporary
 * directory laid out as the repository, and read from there as build reads
 * a directory (so its configuration file is found the same way); file names
 * in messages are `REF:path`. HEAD: `paths` in the work tree. A path that
 * exists on one side only is empty on the other.
 */
async function readAtRevision(ref: string, given: readonly string[], cwd: string, stdin: Readable, optionsFor: OptionsFor): Promise<[Side, Side]> {
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

interface TreeEntry {
  readonly mode: string
  readonly object: string
  /** Relative to the repository's top. */
  readonly path: string
}

/** `git ls-tree -z` output: `<mode> SP <type> SP <object> TAB <path> NUL`; files and symbolic links only (not submodules). */
function parseTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = []
  for (const record of out.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t')
    if (tab < 0) continue
    const [mode, type, object] = record.slice(0, tab).split(' ') as [string, string, string]
    if (type === 'blob') entries.push({ mode, object, path: record.slice(tab + 1) })
  }
  return entries
}

/** Writes the blobs under `dir` at their paths, with one `git cat-file --batch` for all of them. */
async function writeEntries(entries: readonly TreeEntry[], dir: string, cwd: string): Promise<void> {
  const out = await git(['cat-file', '--batch'], cwd, entries.map(e => `${e.object}\n`).join(''))
  let at = 0
  for (const e of entries) {
    // `<object> SP blob SP <size> LF <content> LF`
    const header = out.indexOf(10, at)
    const size = Number(out.subarray(at, header).toString('latin1').split(' ')[2])
    const content = out.subarray(header + 1, header + 1 + size)
    at = header + 1 + size + 1
    const target = join(dir, e.path)
    await mkdir(dirname(target), { recursive: true })
    // A symbolic link stays one, as a checkout would make it.
    if (e.mode === '120000') await symlink(content.toString('utf8'), target).catch(() => undefined)
    else await writeFile(target, content)
  }
}

class GitError extends Error {
  constructor(message: string, readonly notFound = false) {
    super(message)
  }
}

/** Runs git in `cwd` and returns its stdout; rejects with its first line of stderr. */
function git(args: readonly string[], cwd: string, input?: string): Promise<Buffer> {
  return new Promise((done, fail) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => stdout.push(c))
    child.stderr.on('data', (c: Buffer) => stderr.push(c))
    child.on('error', (e: NodeJS.ErrnoException) => fail(new GitError(e.message, e.code === 'ENOENT')))
    child.on('close', code => {
      if (code === 0) done(Buffer.concat(stdout))
      else fail(new GitError(Buffer.concat(stderr).toString('utf8').split('\n')[0]!.replace(/^fatal: /, '') || `git exited with ${code}`))
    })
    child.stdin.on('error', () => undefined)
    child.stdin.end(input ?? '')
  })
}
