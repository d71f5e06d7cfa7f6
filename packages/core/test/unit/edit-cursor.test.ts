import { expect, it } from 'vitest'
import { EditBook } from '../../src/emit/edit-cursor.js'
import type { Edit } from '../../src/facts.js'

const TEXT = 'aaa\nbbb\nccc\n'

const cursorOver = (edits: readonly Edit[], text = TEXT) => {
  const book = new EditBook()
  book.add('a.yaml', edits)
  return book.cursor('a.yaml', text)
}

it('applies the edits that start inside each slice, in order of offset', () => {
  const cursor = cursorOver([{ start: 9, end: 10, text: 'X' }, { start: 0, end: 1, text: 'A' }])
  expect(cursor.slice(0, 4)).toBe('Aaa\n')
  expect(cursor.slice(4, 8)).toBe('bbb\n')
  expect(cursor.slice(8, 12)).toBe('cXc\n')
})

it('orders insertions at the same offset by their order', () => {
  const cursor = cursorOver([{ start: 3, end: 3, text: '2', order: 1 }, { start: 3, end: 3, text: '1', order: 0 }])
  expect(cursor.slice(0, 12)).toBe('aaa12\nbbb\nccc\n')
})

it('gives an insertion at a slice boundary to the next slice, except at the end of the text', () => {
  const cursor = cursorOver([{ start: 4, end: 4, text: '>' }, { start: 12, end: 12, text: '<' }])
  expect(cursor.slice(0, 4)).toBe('aaa\n')
  expect(cursor.slice(4, 12)).toBe('>bbb\nccc\n<')
})

it('leaves text without edits byte for byte', () => {
  expect(new EditBook().cursor('x.yaml', 'x\r\ny').slice(0, 4)).toBe('x\r\ny')
})

it('keeps each file to its own edits, across the growth of the offsets it packs', () => {
  // 2,000 files of one line each, three edits a file: the offsets outgrow
  // the first Int32Array several times over.
  const book = new EditBook()
  const line = (n: number) => `name-${n}: value-${n}\n`
  for (let n = 0; n < 2_000; n++) {
    const text = line(n)
    const colon = text.indexOf(':')
    book.add(`f${n}.yaml`, [
      { start: text.length - 1, end: text.length - 1, text: ' # edited' },
      { start: 0, end: 4, text: 'NAME' },
      { start: colon + 2, end: text.length - 1, text: `v${n}` },
    ])
  }
  for (const n of [0, 1, 511, 1_999]) {
    expect(book.cursor(`f${n}.yaml`, line(n)).slice(0, line(n).length)).toBe(`NAME-${n}: v${n} # edited\n`)
  }
  expect(book.cursor('other.yaml', line(7)).slice(0, line(7).length)).toBe(line(7))
})
