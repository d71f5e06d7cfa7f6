// kubectl reads a file that starts with `{` as JSON and any other as YAML
// (goyaml v2), and the two take different escapes: YAML 1.1 has no `\/`,
// and goyaml refuses a `\u` escape naming half of a surrogate pair (JSON
// writers spell characters past U+FFFF so). cmhash refuses what kubectl
// refuses or reads otherwise, and writes a JSON document it puts in a YAML
// stream with escapes YAML reads.
import { describe, expect, it } from 'vitest'
import { build, type CmhashError } from '@cmhash/core'
import { kubectlRead } from '../../../test/_utils/k8s-read.js'
import { skipKubectl } from '../../../test/_utils/kubectl.js'
import { undoPlannedEdits } from '../../../test/_utils/fidelity.js'

const configMap = (data: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":${data}}`
const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: i, envFrom: [{configMapRef: {name: cfg}}]}\n'
const codes = (input: Parameters<typeof build>[0]) => {
  try {
    build(input)
    return []
  } catch (e) {
    return (e as CmhashError).errors.map(x => [x.code, x.message])
  }
}

describe.skipIf(skipKubectl)('JSON escapes, as kubectl reads them', () => {
  it.each([
    ['\\/ (PHP\'s json_encode)', '{"url":"http:\\/\\/x\\/y","back":"a\\\\/b"}'],
    ['a surrogate pair (Python\'s json.dumps)', '{"emoji":"\\ud83d\\ude00 and \\uD834\\uDD1E","plain":"\\u00e9"}'],
    // Characters in a JSON string; line breaks to goyaml, which folds them even in quotes.
    ['raw NEL, LS and PS (JSON.stringify writes them so)', '{"nel":"a\u0085b","ls":"a \u2028 b","ps":"\u2029"}'],
  ])('a JSON file with %s, built with a YAML file: kubectl reads the stream as it read the files', (_, data) => {
    const inputs = [{ path: 'a.json', content: configMap(data) }, { path: 'b.yaml', content: pod }]
    const result = build(inputs)
    const before = kubectlRead(inputs)
    expect(undoPlannedEdits(kubectlRead(result.output), result.renames, { inputObjects: before })).toEqual(before)
    // The name hashes what kubectl reads.
    expect(result.renames.map(r => r.to)).toEqual(build([{ path: 'k.json', content: JSON.stringify(before[0]) }, inputs[1]!]).renames.map(r => r.to))
  })

  it('a JSON document alone stays JSON, escapes and all', () => {
    const input = configMap('{"url":"http:\\/\\/x"}')
    const out = build(input, { select: 'all' }).output
    expect(out).toContain('"url":"http:\\/\\/x"')
    expect(kubectlRead(out)).toHaveLength(1)
  })

  it.each([
    ['\\/ in YAML', 'data: {url: "http:\\/\\/x"}', /escape \\\//],
    ['a surrogate pair in YAML', 'data: {e: "\\ud83d\\ude00"}', /half of a UTF-16 surrogate pair/],
  ])('refuses %s, as kubectl does', (_, data, message) => {
    const input = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n${data}\n`
    expect(() => kubectlRead(input)).toThrow(/escape/)
    expect(codes(input)).toEqual([['YAML_SYNTAX', expect.stringMatching(message)]])
  })

  it('refuses a lone surrogate in JSON, which Kubernetes reads as U+FFFD', () => {
    const input = configMap('{"e":"\\ud83d!"}')
    expect(JSON.stringify(kubectlRead(input))).toContain('\ufffd!')
    expect(codes(input)).toEqual([['YAML_SYNTAX', expect.stringMatching(/lone UTF-16 surrogate.*U\+FFFD/)]])
  })

  it('takes the YAML spelling of the same characters', () => {
    const input = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {e: "\\U0001F600", s: "a/b", q: \'\\/\'}\n'
    expect(codes(input)).toEqual([])
    expect(kubectlRead(input)).toMatchObject([{ data: { e: '\u{1F600}', s: 'a/b', q: '\\/' } }])
  })
})
