// Writing output files (--output-dir, --report): every one or none. Where a
// file really goes is decided before anything is written: a regular file
// (or nothing yet) is replaced atomically; a device, a FIFO or a descriptor
// such as /dev/stderr is written where it is, because a rename over it
// would destroy it (as root, /dev/null) and the output would never reach
// the stream.
import { lstat, mkdir, open, readlink, realpath, rename, rm, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { OutputError, STDERR, write, type Io } from './io.js'

/** A file to write: where, what, and the path as the user knows it. */
export interface OutputFile {
  readonly target: string
  readonly content: string
  readonly shown: string
  /**
   * A directory the file must stay in: one of its parents reached through a
   * symbolic link that leads out is refused, and a link at the target is
   * replaced, never followed. Without it, a link at the target is followed,
   * as the shell's `>` follows it.
   */
  readonly within?: string
}

/** How one output file is written. */
export type Placement =
  /** A regular file, or nothing yet: a temporary file beside `path`, renamed over it. */
  | { readonly how: 'rename'; readonly path: string }
  /** This process's standard output (1) or standard error (2): `/dev/stdout`, `/dev/fd/2`... */
  | { readonly how: 'stream'; readonly fd: 1 | 2 }
  /** A character device, a FIFO or a socket, or another descriptor: opened where it is (`a`: appended to, as a descriptor may hold a log). */
  | { readonly how: 'open'; readonly path: string; readonly flags: 'w' | 'a' }

/**
 * Writes every file or none. A regular file (or a new one) is written to a
 * temporary name beside its target and renamed into place only when every
 * file is written; on any failure the temporary files, and the directories
 * made for them, are removed. A character device, a FIFO or a socket (or,
 * outside `within`, a link to one), and `/dev/stdout`, `/dev/stderr` or
 * `/dev/fd/N`, are written in place, before the renames: they cannot be
 * replaced without destroying them. A directory, a block device, or a
 * file whose directory leads out of its `within` through a symbolic link is
 * refused before anything is written.
 */
export async function writeAll(files: readonly OutputFile[], streams: Pick<Io, 'stdout' | 'stderr'>): Promise<void> {
  const made: string[] = []
  const staged: Array<{ tmp: string; path: string; shown: string }> = []
  const opened: FileHandle[] = []
  try {
    const placed: Placement[] = []
    for (const f of files) placed.push(await prepare(f, made))
    // Opened before any temporary file exists: opening a FIFO waits for its reader.
    const handles = new Map<number, FileHandle>()
    for (const [i, p] of placed.entries()) {
      if (p.how !== 'open') continue
      const handle = await open(p.path, p.flags).catch(failed(files[i]!.shown))
      opened.push(handle)
      handles.set(i, handle)
    }
    for (const [i, p] of placed.entries()) {
      if (p.how !== 'rename') continue
      const tmp = join(dirname(p.path), `.${basename(p.path)}.cmhash-${process.pid}-${i}.tmp`)
      await writeFile(tmp, files[i]!.content, { flag: 'wx' }).catch(failed(files[i]!.shown))
      staged.push({ tmp, path: p.path, shown: files[i]!.shown })
    }
    for (const [i, p] of placed.entries()) {
      const f = files[i]!
      if (p.how === 'open') await handles.get(i)!.writeFile(f.content).catch(failed(f.shown))
      else if (p.how === 'stream') await (p.fd === 1 ? write(streams.stdout, f.content) : write(streams.stderr, f.content, STDERR))
    }
  } catch (e) {
    await Promise.all(staged.map(s => unlink(s.tmp).catch(() => undefined)))
    // Directories made in this run hold nothing but this run's files.
    for (const d of made) await rm(d, { recursive: true, force: true })
    throw e
  } finally {
    await Promise.all(opened.map(h => h.close().catch(() => undefined)))
  }
  for (const s of staged) await rename(s.tmp, s.path).catch(failed(s.shown))
}

/**
 * How to write `target` (absolute). With `followLinks`, a symbolic link at
 * the target is followed as the shell's `>` follows it (`--report`);
 * without, it is replaced and what it points at is never written (under
 * `--output-dir`). Throws OutputError for a directory or a block device.
 */
export async function placeOutput(target: string, shown: string, followLinks: boolean): Promise<Placement> {
  const descriptor = followLinks ? await descriptorOf(target) : undefined
  if (descriptor !== undefined) {
    const { fd, own } = descriptor
    return own && (fd === 1 || fd === 2) ? { how: 'stream', fd } : { how: 'open', path: target, flags: 'a' }
  }
  const info = await (followLinks ? stat(target) : lstat(target)).catch(() => undefined)
  // Nothing there (a link to nothing included): made.
  if (!info) return { how: 'rename', path: target }
  if (info.isDirectory()) throw new OutputError(`${shown}: is a directory${followLinks ? '; --report needs a file' : ''}`)
  if (info.isBlockDevice()) throw new OutputError(`${shown}: is a block device; refusing to write there`)
  if (info.isCharacterDevice() || info.isFIFO() || info.isSocket()) return { how: 'open', path: target, flags: 'w' }
  // A regular file, or (not following) a link, which is replaced.
  return { how: 'rename', path: followLinks ? await realpath(target).catch(() => target) : target }
}

/** Fails early when the output directory is something else. */
export async function mustBeDirectory(path: string, shown: string): Promise<void> {
  const info = await stat(path).catch(() => undefined)
  if (info && !info.isDirectory()) throw new OutputError(`${shown}: exists and is not a directory; --output-dir needs a directory`)
}

// --- internal ---

/** Where `f` goes, with the directory it needs made (and recorded in `made`) and checked against `within`. */
async function prepare(f: OutputFile, made: string[]): Promise<Placement> {
  const within = f.within
  if (within === undefined) {
    const placement = await placeOutput(f.target, f.shown, true)
    if (placement.how === 'rename') await makeDirectory(dirname(placement.path), f.shown, made)
    return placement
  }
  const lexical = relative(within, f.target)
  if (lexical.startsWith(`..${sep}`) || lexical === '..' || isAbsolute(lexical)) throw new OutputError(`${f.shown}: is outside the output directory; refusing to write there`)
  const dir = dirname(f.target)
  await makeDirectory(dir, f.shown, made)
  const root = await realpath(within).catch(() => within)
  const rel = relative(root, await realpath(dir).catch(failed(f.shown)))
  if (rel.startsWith(`..${sep}`) || rel === '..') throw new OutputError(`${f.shown}: a symbolic link leads out of the output directory; refusing to write there`)
  return placeOutput(f.target, f.shown, false)
}

async function makeDirectory(dir: string, shown: string, made: string[]): Promise<void> {
  const first = await mkdir(dir, { recursive: true }).catch(failed(shown))
  if (first !== undefined) made.push(first)
}

/**
 * The descriptor a path names through /proc/PID/fd (as /dev/stderr,
 * /dev/fd/N and /proc/self/fd/N do on Linux), following links one at a
 * time: the last link points at a pipe, a terminal or the file the
 * descriptor has open, and must not be resolved (a rename over the file
 * behind `2>build.log` would replace the log).
 */
async function descriptorOf(target: string): Promise<{ fd: number; own: boolean } | undefined> {
  let path = target
  for (let hops = 0; hops < 40; hops++) {
    const dir = await realpath(dirname(path)).catch(() => undefined)
    if (dir === undefined) return undefined
    const m = /^\/proc\/(\d+)\/(?:task\/\d+\/)?fd$/.exec(dir)
    const name = basename(path)
    if (m && /^\d+$/.test(name)) return { fd: Number(name), own: Number(m[1]) === process.pid }
    const here = join(dir, name)
    const info = await lstat(here).catch(() => undefined)
    if (!info?.isSymbolicLink()) return undefined
    path = resolve(dir, await readlink(here))
  }
  return undefined
}

function failed(shown: string): (e: NodeJS.ErrnoException) => never {
  return e => {
    if (e instanceof OutputError) throw e
    throw new OutputError(`${shown}: cannot write (${e.code ?? e.message})`)
  }
}
