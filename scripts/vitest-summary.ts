import type { Reporter, TestCase, TestModule } from 'vitest/node'

/**
 * Ends a test run with one plain line, `N passed, N failed, N skipped`, which
 * CI log readers understand whatever the test runner, after the names of
 * the tests that failed (so a failure is found without the full log). Under
 * each name go its error's first line and, for a property test, the seed and
 * path that replay it (CMHASH_FC_SEED, CMHASH_FC_PATH): CI logs are often
 * read from their tail only, and a random failure without its seed is lost.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    const lines: string[] = []
    for (const m of testModules) {
      const file = m.moduleId.replace(process.cwd() + '/', '')
      for (const t of m.children.allTests()) {
        const state = t.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') {
          failed++
          lines.push(`FAILED: ${file} > ${t.fullName}`, ...whyFailed(t))
        } else skipped++
      }
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) {
        failed++
        lines.push(`FAILED: ${file}`)
      }
    }
    const list = lines.map(n => `${n}\n`).join('')
    process.stdout.write(`\n${list}${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}

/**
 * At most three short lines: fast-check's seed and path (as the variables
 * that replay them), its counterexample, and what failed (the error, or the
 * last line of its cause: an assertion's "expected ... to be ...").
 */
export function whyFailed(t: TestCase): string[] {
  const result = t.result()
  const errors = result.state === 'failed' ? result.errors ?? [] : []
  // eslint-disable-next-line no-control-regex
  const plain = (s: unknown) => (typeof s === 'string' ? s : '').replace(/\u001b\[[0-9;]*m/g, '')
  const message = errors.map(e => plain(e.message)).join('\n')
  const cause = errors.map(e => plain((e as { cause?: { message?: unknown } }).cause?.message)).join('\n')
  const lines = (s: string) => s.split('\n').map(l => l.trim()).filter(l => l !== '')
  const short = (s: string) => (s.length > 240 ? `${s.slice(0, 240)}…` : s)
  const replay = /\{ seed: (-?\d+), path: "([^"]*)"/.exec(message)
  const example = lines(message).find(l => l.startsWith('Counterexample: '))
  const what = lines(cause).at(-1) ?? lines(message).find(l => !/^(Property failed|\{ seed:|Counterexample: |Shrunk |Hint: )/.test(l))
  return [
    ...(replay ? [`replay: CMHASH_FC_SEED=${replay[1]} CMHASH_FC_PATH=${replay[2]}`] : []),
    ...(example ? [example] : []),
    ...(what ? [what] : []),
  ].map(l => `  ${short(l)}`)
}
