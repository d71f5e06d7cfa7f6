import { mkdir, realpath, rename, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative, sep } from 'node:path'
import type { Readable, Writable } from 'node:stream'

/** The process around the CLI, injected so tests can drive it in-process. */
export interface Io {
  readonly stdin: Readable
  readonly stdout: Writable
  readonly stderr: Writable
  readonly cwd: string
}

/** A file, a directory or a stream that cannot be written; exit code 2. */
export class OutputError extends Error {
  override readonly name = 'OutputError'
}

/** Names of the two streams, for messages. */
const STDOUT = 'standard output'
export const STDERR = 'standard error'

/**
 * Writes all of `text` to a stream. Any error (a full disk, a closed pipe,
 * a closed descriptor) is an OutputError naming the stream: output that did
 * not arrive is a failure, never an exit 0.
 */
export function write(stream: Writable, text: string, name: string = STDOUT): Promise<void> {
  if (text.length === 0) return Promise.resolve()
  return new Promise((done, fail) => {
    try {
      stream.write(text, e => {
        if (e) fail(new OutputError(`cannot write to ${name} (${(e as NodeJS.ErrnoException).code ?? e.message})`))
        else done()
      })
    } catch (e) {
      fail(new OutputError(`cannot write to ${name} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`))
    }
  })
}

/**
 * Writes text made in pieces to a stream as it is made, about a megabyte at
 * a time, waiting for each to be taken (a large output is never held
 * whole). Errors as write().
 */
export async function writeChunks(stream: Writable, pieces: Iterable<string>, name: string = STDOUT): Promise<void> {
  let batch = ''
  for (const piece of pieces) {
    batch += piece
    if (batch.length >= 1 << 20) {
      await write(stream, batch, name)
      batch = ''
    }
  }
  await write(stream, batch, name)
}

/** A file to write: where, what, and the path as the user knows it. */
export interface OutputFile {
  readonly target: string
  readonly content: string
  readonly shown: string
  /** A directory the file must stay in: one of its parents reached through a symbolic link that leads out is refused. */
  readonly within?: string
}

/**
 * Writes every file or none. Each is written to a temporary name beside its
 * target; only when all are written are they renamed into place (a rename
 * replaces a symbolic link at the target, never follows it). On any
 * failure the temporary files, and the directories made for them, are
 * removed. A file whose directory leads out of its `within` through a
 * symbolic link is refused.
 */
export async function writeAll(files: readonly OutputFile[]): Promise<void> {
  const staged: string[] = []
  const made: string[] = []
  try {
    for (const [i, f] of files.entries()) {
      const within = f.within
      const root = within === undefined ? undefined : await realpath(within).catch(() => within)
      const dir = dirname(f.target)
      const first = await mkdir(dir, { recursive: true }).catch(failed(f.shown))
      if (first !== undefined) made.push(first)
      if (root !== undefined) {
        const real = await realpath(dir).catch(failed(f.shown))
        const rel = relative(root, real)
        if (rel.startsWith(`..${sep}`) || rel === '..') throw new OutputError(`${f.shown}: a symbolic link leads out of the output directory; refusing to write there`)
      }
      const info = await stat(f.target).catch(() => undefined)
      if (info?.isDirectory()) throw new OutputError(`${f.shown}: is a directory`)
      const tmp = join(dir, `.${basename(f.target)}.cmhash-${process.pid}-${i}.tmp`)
      await writeFile(tmp, f.content, { flag: 'wx' }).catch(failed(f.shown))
      staged.push(tmp)
    }
  } catch (e) {
    await Promise.all(staged.map(t => unlink(t).catch(() => undefined)))
    // Directories made in this run hold nothing but this run's files.
    for (const d of made) await rm(d, { recursive: true, force: true })
    throw e
  }
  for (const [i, f] of files.entries()) await rename(staged[i]!, f.target).catch(failed(f.shown))
}

/** Fails early when an output path is of the wrong kind. */
export async function mustBe(path: string, what: 'file-or-nothing' | 'dir-or-nothing', shown: string): Promise<void> {
  const info = await stat(path).catch(() => undefined)
  if (!info) return
  if (what === 'file-or-nothing' && info.isDirectory()) throw new OutputError(`${shown}: is a directory; --report needs a file`)
  if (what === 'dir-or-nothing' && !info.isDirectory()) throw new OutputError(`${shown}: exists and is not a directory; --output-dir needs a directory`)
}

function failed(shown: string): (e: NodeJS.ErrnoException) => never {
  return e => {
    if (e instanceof OutputError) throw e
    throw new OutputError(`${shown}: cannot write (${e.code ?? e.message})`)
  }
}
