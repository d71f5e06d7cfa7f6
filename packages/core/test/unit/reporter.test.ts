// Warning levels apply in Reporter.settle, once everything is reported; a
// warning reported later would never get its level (review finding 8).
import { describe, expect, it } from 'vitest'
import { Reporter } from '../../src/report/reporter.js'

describe('Reporter', () => {
  it('gives each warning the level set for its code, sorted by file and place', () => {
    const report = new Reporter()
    const text = 'a\nb\n'
    report.warn('EMPTY_INPUT', { message: 'none' })
    report.warn('PINNED', { message: 'p', at: { file: 'b.yaml', text, offset: 2 } })
    report.warn('MISSING_REFERENCE', { message: 'm', at: { file: 'a.yaml', text, offset: 0 } })
    report.warn('INCOMPLETE_LIVE_STATE', { message: 'i' })
    report.settle({ PINNED: 'error', EMPTY_INPUT: 'ignore' }, ['a.yaml', 'b.yaml'])
    expect(report.warnings.map(w => w.code)).toEqual(['MISSING_REFERENCE', 'INCOMPLETE_LIVE_STATE'])
    expect(report.errors.map(e => e.code)).toEqual(['PINNED'])
  })

  it('refuses a warning reported after settling, whose level would not apply', () => {
    const report = new Reporter()
    report.settle({}, [])
    expect(() => report.warn('INCOMPLETE_LIVE_STATE', { message: 'late' })).toThrow(/after the warnings were settled/)
  })
})
