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
