// Reading a revision with git itself: the tree of some paths at a commit,
// and their blobs written out under a directory, as a checkout would lay
// them out (the work tree is never touched).
import { spawn } from 'node:child_process'
import { mkdir, readlink, symlink, writeFile } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'

export interface TreeEntry {
  readonly mode: string
  readonly object: string
  /** Relative to the repository's top. */
  readonly path: string
}

/** What git said when it failed; `notFound` when git itself is not installed. */
export class GitError extends Error {
  constructor(message: string, readonly notFound = false) {
    super(message)
  }
}

/** `git ls-tree -z` output: `<mode> SP <type> SP <object> TAB <path> NUL`; files and symbolic links only (not submodules). */
export function parseTree(out: Buffer): TreeEntry[] {
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
export async function writeEntries(entries: readonly TreeEntry[], dir: string, cwd: string): Promise<void> {
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

/**
 * Writes `paths` (relative to the repository's top `top`: files, or
 * directories with everything below them) as they are at `commit` under
 * `dir`, with what a symbolic link among them leads to in the repository,
 * so that they read there as in a checkout. A path that is not at `commit`
 * is left out.
 */
export async function writeAtCommit(commit: string, paths: readonly string[], dir: string, top: string): Promise<void> {
  const seen = new Set<string>()
  // A link to a link is followed too, a few times (a loop ends with `seen`).
  for (let round = 0, next = paths; round < 8 && next.length > 0; round++) {
    for (const p of next) seen.add(p)
    const entries = parseTree(await git(['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', '--full-name', commit, '--', ...next], top))
    await writeEntries(entries, dir, top)
    const targets: string[] = []
    for (const e of entries.filter(e => e.mode === '120000')) {
      const to = await readlink(join(dir, e.path)).catch(() => undefined)
      if (to === undefined || posix.isAbsolute(to)) continue
      const path = posix.normalize(posix.join(posix.dirname(e.path), to))
      if (path !== '.' && path !== '..' && !path.startsWith('../') && !seen.has(path)) targets.push(path)
    }
    next = targets
  }
}

/** Runs git in `cwd` and returns its stdout; rejects with its first line of stderr. */
export function git(args: readonly string[], cwd: string, input?: string): Promise<Buffer> {
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
