import { describe, expect, it } from 'vitest'
import { EditList } from '../../src/plan/edit-list.js'

// A file with few edits is searched, one with many is indexed: both must
// answer alike.
describe.each([4, 100])('EditList, a file with %i other edits', others => {
  function list(): EditList {
    const edits = new EditList()
    for (let i = 0; i < others; i++) {
      edits.replace(1000 + 10 * i, 1005 + 10 * i, `name-${i}`)
      edits.insert(1001 + 10 * i, `inserted-${i}`)
    }
    return edits
  }

  it('keeps one replacement when the same place gets the same text again', () => {
    const edits = list()
    expect(edits.replace(10, 15, 'cm-abc')).toBe(true)
    expect(edits.replace(10, 15, 'cm-abc')).toBe(true)
    expect(edits.list.filter(e => e.start === 10)).toEqual([{ start: 10, end: 15, text: 'cm-abc' }])
  })

  it('refuses a different text for a place already replaced, and keeps the first', () => {
    const edits = list()
    edits.replace(10, 15, 'cm-abc')
    expect(edits.replace(10, 15, 'cm-xyz')).toBe(false)
    expect(edits.textAt(10)).toBe('cm-abc')
    expect(edits.replace(1000 + 10 * (others - 1), 0, 'other')).toBe(false)
  })

  it('does not take an insertion for a replacement', () => {
    const edits = list()
    edits.insert(20, '\nimmutable: true', 20, 1)
    expect(edits.textAt(20)).toBeUndefined()
    expect(edits.replace(20, 25, 'cm-abc')).toBe(true)
    expect(edits.textAt(20)).toBe('cm-abc')
  })
})
