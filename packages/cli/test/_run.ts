import { Readable, Writable } from 'node:stream'
import { run } from '../src/cli.js'

export interface Ran {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

class Capture extends Writable {
  text = ''
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8')
    done()
  }
}

/** Runs the CLI in-process, with `stdin` as standard input. */
export async function cli(argv: string[], options: { stdin?: string | Buffer; cwd?: string; tty?: boolean; program?: string } = {}): Promise<Ran> {
  const stdout = new Capture()
  const stderr = new Capture()
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)])
  if (options.tty) Object.assign(stdin, { isTTY: true })
  const code = await run(argv, { stdin, stdout, stderr, cwd: options.cwd ?? process.cwd() }, options.program === undefined ? {} : { program: options.program })
  return { code, stdout: stdout.text, stderr: stderr.text }
}
