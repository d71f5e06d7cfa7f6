// How Kubernetes (goyaml v2, YAML 1.1) reads plain scalars: the table the
// rest of cmhash relies on to tell a string from a boolean or a number.
import { describe, expect, it } from 'vitest'
import { k8sBool, k8sPlainScalarKind, k8sScalarKind } from '../../src/kube/scalar.js'

describe('k8sPlainScalarKind', () => {
  it.each([
    ['', 'null'], ['~', 'null'], ['null', 'null'], ['Null', 'null'], ['NULL', 'null'],
    ['true', 'bool'], ['yes', 'bool'], ['Yes', 'bool'], ['on', 'bool'], ['OFF', 'bool'], ['y', 'bool'], ['N', 'bool'],
    ['0', 'int'], ['8080', 'int'], ['-1', 'int'], ['0755', 'int'], ['0x1F', 'int'], ['0o17', 'int'], ['0b101', 'int'], ['1_000', 'int'],
    ['08', 'float'], ['1.5', 'float'], ['1e3', 'float'], ['.5', 'float'], ['.inf', 'float'], ['-.Inf', 'float'], ['.NaN', 'float'],
    ['2024-01-01', 'string'], ['2001-12-14T21:59:43.10-05:00', 'string'],
    ['yess', 'string'], ['0x', 'string'], ['1.2.3', 'string'], ['.', 'string'], ['-', 'string'], ['v1', 'string'],
  ])('%j is read as %s', (text, kind) => {
    expect(k8sPlainScalarKind(text)).toBe(kind)
  })
})

describe('k8sScalarKind', () => {
  it('reads quoted scalars as strings whatever their text', () => {
    expect(k8sScalarKind('true', false, undefined)).toBe('string')
    expect(k8sScalarKind('8080', false, undefined)).toBe('string')
  })

  it.each([
    ['tag:yaml.org,2002:str', 'string'], ['!', 'string'], ['tag:yaml.org,2002:int', 'int'],
    ['tag:yaml.org,2002:binary', 'binary'], ['tag:yaml.org,2002:null', 'null'],
  ])('follows the explicit tag %s', (tag, kind) => {
    expect(k8sScalarKind('x', true, tag)).toBe(kind)
  })
})

describe('k8sBool', () => {
  it.each([['true', true], ['on', true], ['Y', true], ['no', false], ['Off', false]] as const)('%s is %s', (text, value) => {
    expect(k8sBool(text, true)).toBe(value)
  })

  it('is undefined for quoted text and non-booleans', () => {
    expect(k8sBool('true', false)).toBeUndefined()
    expect(k8sBool('1', true)).toBeUndefined()
  })
})
