import fc from 'fast-check'
import { expect, it } from 'vitest'
import { compareCodePoints, goMarshal, goQuote } from '../../src/kube/go-json.js'

it.each([
  ['plain', '"plain"'], ['<a&b>', '"\\u003ca\\u0026b\\u003e"'], ['\n\t\r', '"\\n\\t\\r"'], ['\b\f', '"\\b\\f"'],
  ['\u0001', '"\\u0001"'], ['\u2028', '"\\u2028"'], ['é😀', '"é😀"'], ['\ud800', '"\ufffd"'], ['"\\', '"\\"\\\\"'],
])('quotes %j as Go json.Marshal does', (s, quoted) => {
  expect(goQuote(s)).toBe(quoted)
})

it('sorts keys by code point, not UTF-16 unit', () => {
  expect(['\uff61', '\u{1f600}', 'a'].sort(compareCodePoints)).toEqual(['a', '\uff61', '\u{1f600}'])
  expect(goMarshal({ b: '1', a: { d: '', c: 'x' } })).toBe('{"a":{"c":"x","d":""},"b":"1"}')
})

it('orders any two strings as Go orders their UTF-8 bytes (the fast path below the surrogates included)', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '~', '\u00e9', '\ud7ff', '\ue000', '\uff61', '\u{1f600}', '\u{10000}'), maxLength: 5 })
  fc.assert(fc.property(text, text, (a, b) => {
    const bytes = Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')))
    expect(Math.sign(compareCodePoints(a, b))).toBe(bytes)
  }))
})
