// Searches bounded to a part of a text, and lines counted from the last question (text/offsets.ts).
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { indexWithin, LineCounter, lineColOf, matchesWithin } from '../../src/text/offsets.js'

const text = fc.array(fc.constantFrom('a', 'b', '\n', '\r\n', '<<', '*', '\\u', ' '), { maxLength: 60 }).map(parts => parts.join(''))
const span = (t: string) => fc.tuple(fc.nat(t.length), fc.nat(t.length)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)

it('indexWithin finds what indexOf finds inside the part, and nothing past its end', () => {
  fc.assert(fc.property(text.chain(t => fc.tuple(fc.constant(t), span(t), fc.constantFrom('<<', '*', '\n', 'ab'))), ([t, [start, end], search]) => {
    const i = t.indexOf(search, start)
    expect(indexWithin(t, search, start, end)).toBe(i >= 0 && i + search.length <= end ? i : -1)
  }))
})

it('matchesWithin reads the part alone', () => {
  expect(matchesWithin('x\\uy', /\\[/uU]/, 0, 4)).toBe(true)
  expect(matchesWithin('x\\uy', /\\[/uU]/, 0, 2)).toBe(false)
  expect(matchesWithin('x\\uy', /\\[/uU]/, 2, 4)).toBe(false)
  expect(matchesWithin('ab', /^b/, 1, 2)).toBe(true)
})

it('a LineCounter answers as lineColOf does, whatever order the offsets come in', () => {
  fc.assert(fc.property(text.chain(t => fc.tuple(fc.constant(t), fc.array(fc.nat(t.length + 2), { maxLength: 20 }))), ([t, offsets]) => {
    const lines = new LineCounter(t)
    for (const o of offsets) expect(lines.at(o)).toEqual(lineColOf(t, o))
  }))
})
