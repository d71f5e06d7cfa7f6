import { open } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { InputError } from './inputs.js'

/** Bytes of input read so far, and the most allowed in one run. */
export interface InputBudget {
  left: number
  readonly limit: number
}

/** The default bound on all inputs of one run: far above real estates (12,000 documents are ~10 MB). */
export const DEFAULT_MAX_INPUT: number = 256 * 1024 * 1024

/**
 * Reads a stream (stdin, a pipe, `/dev/fd/N`, a device) to its end, failing
 * as soon as the run's inputs pass the budget: `yes | cmhash build -` and
 * `/dev/zero` would otherwise grow until memory runs out.
 */
export async function readStreamBounded(stream: Readable, shown: string, budget: InputBudget): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    take(budget, b.length, shown)
    chunks.push(b)
  }
  return Buffer.concat(chunks)
}

/** Reads a path that is not a regular file (a FIFO, `/dev/stdin`, a process substitution) as a stream. */
export async function readSpecialBounded(path: string, shown: string, budget: InputBudget): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    return await readStreamBounded(handle.createReadStream({ autoClose: false }), shown, budget)
  } finally {
    await handle.close()
  }
}

/** Charges `bytes` to the budget; past it, an input error naming the flag that raises it. */
export function take(budget: InputBudget, bytes: number, shown: string): void {
  budget.left -= bytes
  if (budget.left < 0) {
    throw new InputError(`${shown}: the inputs are larger than ${formatSize(budget.limit)}; raise the bound with --max-input SIZE (e.g. --max-input 1G) if that is meant`)
  }
}

/** Parses `512M`, `2G`, `100000` (bytes; K, M, G binary multiples). */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+)([KMG]i?B?)?$/i.exec(text.trim())
  if (!m) return undefined
  const unit = (m[2] ?? '').toUpperCase()[0]
  const factor = unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : 1
  return Number(m[1]) * factor
}

function formatSize(bytes: number): string {
  for (const [unit, size] of [['G', 1024 ** 3], ['M', 1024 ** 2], ['K', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`
  }
  return `${bytes} bytes`
}
