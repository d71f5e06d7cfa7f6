// A quoted value whose continuation lines are indented no deeper than its
// key: the YAML spec (and the yaml package) refuses it, goyaml v2 (kubectl,
// the API server) reads it. Real manifests have it (Sock Shop's Grafana
// import Job, Argo Workflows examples), so cmhash reads it as kubectl does:
// the same values, the same names, and output kubectl reads the same way.
import { describe, expect, it } from 'vitest'
import { build, type CmhashError } from '@cmhash/core'
import { kubectlRead } from '../../../test/_utils/k8s-read.js'
import { skipKubectl } from '../../../test/_utils/kubectl.js'
import { undoPlannedEdits } from '../../../test/_utils/fidelity.js'

const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    envFrom: [{configMapRef: {name: cfg}}]\n'

const cases: Array<[string, string]> = [
  ['an annotation closing at its key\'s column', 'metadata:\n  name: cfg\n  annotations:\n    a: \'[\n      1\n    ]\'\ndata: {k: v}\n'],
  ['data values at column 0, with an empty line and a \'\' escape', 'metadata: {name: cfg}\ndata:\n  k: \'one\ntwo\n\nthree\'\n  q: \'it\'\'s\nfine\'\n'],
  ['a double-quoted value with an escaped line break', 'metadata: {name: cfg}\ndata:\n  k: "x\\\n y \\t z"\n'],
  ['a tab before the text of a continuation line', 'metadata: {name: cfg}\ndata:\n  k: "a\n\tb"\n'],
  ['CRLF line breaks', 'metadata: {name: cfg}\r\ndata:\r\n  k: \'a\r\nb\'\r\n'],
  // A line that ends just after an escaped quote: the yaml package takes the
  // value as closed there and says nothing wrong, so kubectl's value
  // (`" w: z`) would have been read as two keys.
  ['a line ending in an escaped double quote, the next at the key\'s column', 'metadata: {name: cfg}\ndata:\n  k: "\\"\n  w: z"\n'],
  ['a line ending in an escaped single quote, the next at the key\'s column', 'metadata: {name: cfg}\ndata:\n  k: \'it\'\'\n  w: z\'\n'],
  ['a line ending in an escaped double quote, the next at column 0', 'metadata: {name: cfg}\ndata:\n  k: "\\"\ny"\n'],
  ['a line ending in an escaped backslash', 'metadata: {name: cfg}\ndata:\n  k: "a\\\\\nb"\n'],
  ['a byte-order mark starting a continuation line', 'metadata: {name: cfg}\ndata:\n  k: "a\n\ufeffb"\n'],
]

function faithful(input: string) {
  const result = build(input)
  const before = kubectlRead(input)
  expect(undoPlannedEdits(kubectlRead(result.output), result.renames, { inputObjects: before })).toEqual(before)
  return { result, before }
}

describe.skipIf(skipKubectl)('quoted values continued at or left of their key, as kubectl reads them', () => {
  it.each(cases)('%s', (_, configMap) => {
    const input = `apiVersion: v1\nkind: ConfigMap\n${configMap}---\n${pod}`
    const { result, before } = faithful(input)
    // The name hashes what kubectl reads: the same as built from kubectl's JSON of the input.
    const fromJson = build(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: before }))
    expect(result.renames.map(r => r.to)).toEqual(fromJson.renames.map(r => r.to))
    expect(result.renames).toHaveLength(1)
  })

  it('in a flow sequence, in a document after others', () => {
    const workflow = `${pod.replace('image: i', 'image: i\n    args: ["echo \'a\n    b\'", c]')}`
    faithful(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {k: v}\n---\n${workflow}`)
  })

  it('writes the mended lines one column deeper than the key, and nothing else differs', () => {
    const input = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  annotations:\n    a: '[\n  1\n    ]'\ndata: {k: v}\n---\n${pod}`
    const out = build(input).output
    expect(out).toContain("    a: '[\n     1\n     ]'\n")
  })

  it.each([
    ['a line that starts a document', 'metadata: {name: cfg}\ndata:\n  k: \'a\n---\nb\'\n'],
    ['no closing quote', 'metadata: {name: cfg}\ndata:\n  k: \'a\n  b\n'],
  ])('still refuses what kubectl refuses: %s', (_, configMap) => {
    const input = `apiVersion: v1\nkind: ConfigMap\n${configMap}`
    expect(() => kubectlRead(input)).toThrow()
    const error = (() => { try { build(input) } catch (e) { return e as CmhashError } })()
    expect(error?.errors.map(e => e.code)).toContain('YAML_SYNTAX')
  })
})
