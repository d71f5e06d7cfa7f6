import { expect, it } from 'vitest'
import { decodeBase64, isKubernetesBase64 } from '../../src/kube/base64.js'

it.each([
  ['', true], ['aGk=', true], ['aGk', false], ['aGk==', false], ['aGVsbG8=', true], ['aG\nVs\r\nbG8=', true],
  ['aG Vs', false], ['a-_b', false], ['====', false], ['YQ==', true], ['YQ=', false],
])('%j is base64 Kubernetes accepts: %s', (text, ok) => {
  expect(isKubernetesBase64(text)).toBe(ok)
})

it('decodes across line breaks', () => {
  expect(Buffer.from(decodeBase64('aGVs\nbG8=')).toString()).toBe('hello')
})
