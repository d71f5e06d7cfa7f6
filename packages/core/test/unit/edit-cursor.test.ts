import { expect, it } from 'vitest'
import { EditCursor, packEdits } from '../../src/emit/edit-cursor.js'

const TEXT = 'aaa\nbbb\nccc\n'

it('applies the edits that start inside each slice, in order of offset', () => {
  const cursor = new EditCursor(TEXT, packEdits([{ start: 9, end: 10, text: 'X' }, { start: 0, end: 1, text: 'A' }]))
  expect(cursor.slice(0, 4)).toBe('Aaa\n')
  expect(cursor.slice(4, 8)).toBe('bbb\n')
  expect(cursor.slice(8, 12)).toBe('cXc\n')
})

it('orders insertions at the same offset by their order', () => {
  const cursor = new EditCursor(TEXT, packEdits([{ start: 3, end: 3, text: '2', order: 1 }, { start: 3, end: 3, text: '1', order: 0 }]))
  expect(cursor.slice(0, 12)).toBe('aaa12\nbbb\nccc\n')
})

it('gives an insertion at a slice boundary to the next slice, except at the end of the text', () => {
  const cursor = new EditCursor(TEXT, packEdits([{ start: 4, end: 4, text: '>' }, { start: 12, end: 12, text: '<' }]))
  expect(cursor.slice(0, 4)).toBe('aaa\n')
  expect(cursor.slice(4, 12)).toBe('>bbb\nccc\n<')
})

it('leaves text without edits byte for byte', () => {
  expect(new EditCursor('x\r\ny', undefined).slice(0, 4)).toBe('x\r\ny')
})
