// Golden suffixes, each produced by `kubectl kustomize` (v5.5 in kubectl
// 1.32) for a configMapGenerator/secretGenerator with the same content; the
// differential test (../kustomize-diff.test.ts) re-runs kubectl on many
// more. Pinned here so that a change to hashing fails without kubectl too.
import { describe, expect, it } from 'vitest'
import { hashConfigMap, hashSecret } from '../../src/kube/hash.js'
import { encodeSuffix } from '../../src/kube/hash.js'

describe('hashConfigMap', () => {
  it.each([
    ['one literal', { data: { k: 'v' } }, 'bdg947hgcc'],
    ['two keys, given out of order', { data: { b: '2', a: '1' } }, '7gdc49gk6d'],
    ['two keys, in order', { data: { a: '1', b: '2' } }, '7gdc49gk6d'],
    ['HTML characters, escaped as Go does', { data: { x: '<&>' } }, '77fg4g5dd2'],
    ['no data', {}, '6ct58987ht'],
    ['empty data map', { data: {} }, '6ct58987ht'],
  ])('%s', (_name, content, suffix) => {
    expect(hashConfigMap(content)).toBe(suffix)
  })
})

describe('hashSecret', () => {
  it.each([
    ['Opaque by default, from stringData', { stringData: { password: 'hunter2' } }, 'cf85kd65mm'],
    ['the same bytes as data', { data: { password: Buffer.from('hunter2') } }, 'cf85kd65mm'],
    ['the same bytes as base64 text', { data: { password: Buffer.from('hunter2').toString('base64') } }, 'cf85kd65mm'],
    ['a typed Secret', { type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'CERT', 'tls.key': 'KEY' } }, '4b255hm948'],
    ['no data', {}, '46f8b28mk5'],
  ])('%s', (_name, content, suffix) => {
    expect(hashSecret(content)).toBe(suffix)
  })
})

it('encodeSuffix keeps 10 hex digits and swaps 0, 1, 3, a and e for letters', () => {
  expect(encodeSuffix('0123456789abcdef')).toBe('gh2k456789')
  expect(encodeSuffix('aeaeaeaeaeff')).toBe('mtmtmtmtmt')
})
