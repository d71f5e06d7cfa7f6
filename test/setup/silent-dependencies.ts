// cmhash's own messages are fixed texts that never quote a value; a
// dependency printing on its own (the yaml package's process warnings quote
// source text, which can be a Secret's value) would bypass that. Every test
// fails if anything in the process prints a warning or logs to the console.
import { afterEach, beforeEach, expect, vi } from 'vitest'

const printed: string[] = []

beforeEach(() => {
  printed.length = 0
  vi.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error) => {
    printed.push(`process.emitWarning: ${String(warning)}`)
  })
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(`console.${method}: ${args.map(String).join(' ')}`)
    })
  }
})

afterEach(() => {
  vi.restoreAllMocks()
  expect(printed, 'something printed on its own instead of going through cmhash').toEqual([])
})
