import { mkdir, stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Readable, Writable } from 'node:stream'

/** The process around the CLI, injected so tests can drive it in-process. */
export interface Io {
  readonly stdin: Readable
  readonly stdout: Writable
  readonly stderr: Writable
  readonly cwd: string
}

/** A file or directory that cannot be written; exit code 2. */
export class OutputError extends Error {
  override readonly name = 'OutputError'
}

/** Writes all of `text`; a reader that went away (`| head`) is not an error. */
export function write(stream: Writable, text: string): Promise<void> {
  if (text.length === 0) return Promise.resolve()
  return new Promise((done, fail) => {
    stream.write(text, e => {
      if (!e || (e as NodeJS.ErrnoException).code === 'EPIPE') done()
      else fail(e)
    })
  })
}

/** Writes a file, creating its directory; `shown` is the path as the user gave it. */
export async function writeOut(target: string, content: string, shown: string): Promise<void> {
  try {
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, content)
  } catch (e) {
    throw new OutputError(`${shown}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
}

/** Fails early when an output path is of the wrong kind. */
export async function mustBe(path: string, what: 'file-or-nothing' | 'dir-or-nothing', shown: string): Promise<void> {
  const info = await stat(path).catch(() => undefined)
  if (!info) return
  if (what === 'file-or-nothing' && info.isDirectory()) throw new OutputError(`${shown}: is a directory; --report needs a file`)
  if (what === 'dir-or-nothing' && !info.isDirectory()) throw new OutputError(`${shown}: exists and is not a directory; --output-dir needs a directory`)
}
