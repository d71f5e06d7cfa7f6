// --format json: the objects exactly as kubectl sends them. kubectl reads
// the YAML output (no cluster needed) and its JSON is compared with cmhash's,
// numbers compared by their text so that integers beyond 2^53 count.
import { describe, expect, it } from 'vitest'
import { build, CmhashError, toJsonList } from '@cmhash/core'
import { kubectlJson } from '../../../test/_utils/k8s-read.js'
import { skipKubectl } from '../../../test/_utils/kubectl.js'
import { parseLossless, parseLosslessStream } from '../../../test/_utils/lossless-json.js'

const values = `
  octal: 0o644
  octal11: 0644
  underscores: 1_000
  hex: 0x1F
  binaryInt: 0b101
  int64max: 9223372036854775807
  int64min: -9223372036854775808
  beyondInt64: 9223372036854775808
  twentyDigits: 12345678901234567890
  beyondUint64: 123456789012345678901234
  hugeHex: 0xFFFFFFFFFFFFFFFFFFFF
  float: 1.0
  exponent: 1e3
  tiny: 1e-7
  big: 1e21
  negativeZero: -0.0
  outOfRange: 1e400
  leadingDot: .5
  yes: yes
  On: on
  tilde: ~
  empty:
  date: 2001-12-14
  timestamp: 2001-12-14t21:59:43.10-05:00
  binary: !!binary aGVsbG8=
  invalidUtf8: !!binary //4=
  str: !!str 0o644
  quoted: "0o644"
  unicode: "é \\u2028 😀"
  nested: {a: [1, 2.5, "3", null, true]}`

describe.skipIf(skipKubectl)('--format json holds what kubectl reads', () => {
  it('values of every YAML 1.1 type, beside a hashed ConfigMap', () => {
    const input = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {k: v}\n---\n` +
      `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  configRef: {name: cfg}\n  values:${values}\n` +
      `---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Service, metadata: {name: s}, spec: {ports: [{port: 0x50}]}}\n`
    const { output } = build(input, { select: 'all' })
    const ours = parseLossless(toJsonList(output)) as { items: unknown[] }
    expect(ours.items).toEqual(parseLosslessStream(kubectlJson(output)))
    expect(ours.items).toHaveLength(3)
  })

  it.each(['.inf', '-.Inf', '.nan'])('refuses %s, as kubectl does', value => {
    const input = `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {x: ${value}}\n`
    expect(() => kubectlJson(input)).toThrow(/unsupported value/)
    expect(() => toJsonList(input)).toThrow(CmhashError)
  })

  it('refuses a list as a map key, as kubectl does', () => {
    const input = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  ? [a, b]\n  : c\n'
    expect(() => kubectlJson(input)).toThrow()
    expect(() => toJsonList(input)).toThrow(CmhashError)
  })
})
