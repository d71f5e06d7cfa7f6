import type { Reporter, TestModule } from 'vitest/node'

/**
 * Ends a test run with one plain line, `N passed, N failed, N skipped`, which
 * CI log readers understand whatever the test runner, after the names of
 * the tests that failed (so a failure is found without the full log).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    const names: string[] = []
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') {
          failed++
          names.push(`${m.moduleId.replace(process.cwd() + '/', '')} > ${t.fullName}`)
        } else skipped++
      }
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) {
        failed++
        names.push(m.moduleId.replace(process.cwd() + '/', ''))
      }
    }
    const list = names.map(n => `FAILED: ${n}\n`).join('')
    process.stdout.write(`\n${list}${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
