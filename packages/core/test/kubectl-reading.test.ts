// Inputs that the yaml package reads but kubectl refuses, or reads
// differently (its reader splits the stream on --- lines, and goyaml v2
// decodes only the first document of each part). cmhash refuses them with
// the reason, rather than build something kubectl would read another way.
import { describe, expect, it } from 'vitest'
import { build, CmhashError } from '@cmhash/core'
import { kubectlRead } from '../../../test/_utils/k8s-read.js'
import { skipKubectl } from '../../../test/_utils/kubectl.js'

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {k: v}\n`
/** A ConfigMap `a` with `data` as given, then a Pod that references it. */
const withPod = (data: string) => `${CM('a').replace('data: {k: v}', data)}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: a}}]}]}\n`

/**
 * Builds `input` and checks it against kubectl: the name hashes what kubectl
 * reads (a build of kubectl's JSON), and kubectl reads the output's data as
 * the input's. Returns kubectl's reading of the input.
 */
function readByBoth(input: string): any[] {
  const before = kubectlRead(input) as any[]
  const result = build(input)
  expect(result.renames[0]!.to).toBe(build(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: before })).renames[0]!.to)
  expect((kubectlRead(result.output) as any[])[0].data).toEqual(before[0].data)
  return before
}

type Kubectl = 'refuses' | 'reads one object' | 'reads another value' | 'reads it' | 'reads "?" as a key'

const cases: Array<[name: string, input: string, kubectl: Kubectl, line: number]> = [
  ['a %YAML directive', `%YAML 1.1\n---\n${CM('a')}`, 'refuses', 1],
  ['content on the --- line', `${CM('a')}--- !!map\n${CM('b')}`, 'refuses', 5],
  ['a document after ... without ---', `${CM('a')}...\n${CM('b')}`, 'reads one object', 6],
  ['a lone carriage return in a quoted string', CM('a').replace('data: {k: v}', 'data: {k: "v\rw"}'), 'reads another value', 4],
  ['a lone carriage return in a block map', CM('a').replace('data: {k: v}', 'data:\n  k: v\rw'), 'refuses', 5],
  ['a raw U+2028 in a plain scalar', CM('a').replace('data: {k: v}', 'data:\n  k: v\u2028w'), 'refuses', 5],
  ['a raw U+0085 in a block scalar', CM('a').replace('data: {k: v}', 'data:\n  k: |\n    v\u0085w'), 'refuses', 6],
  ['a raw U+2029 in a comment', `${CM('a')}# note\u2029more\n`, 'refuses', 5],
  // kubectl skips a byte-order mark at the start of each part of the stream;
  // the yaml package cannot read one there. Refused, with the way out.
  ['a byte-order mark at the start of a later document', `${CM('a')}---\n\ufeff${CM('b')}`, 'reads it', 6],
  ['a byte-order mark before a --- line', `${CM('a')}\ufeff---\n${CM('b')}`, 'refuses', 5],
  ['a byte-order mark at the start of a folded block scalar\'s line', CM('a').replace('data: {k: v}', 'data:\n  k: >\n    v\n\ufeff\n    w'), 'refuses', 7],
  // In { } and [ ], goyaml reads `?` and a leading `:` as indicators even
  // without a space after them; the yaml package reads plain text.
  ['a "?" in a plain value in a flow map', CM('a').replace('data: {k: v}', 'data: {k: what?}'), 'refuses', 4],
  ['a "?" on the second line of a plain value in a flow map', CM('a').replace('data: {k: v}', 'data: {k: a\n  ?b}'), 'refuses', 5],
  ['a "?" in a plain item of a flow list', CM('a').replace('{name: a}', '{name: a, finalizers: [a?b]}'), 'refuses', 3],
  ['a plain value in a flow map starting with ":"', CM('a').replace('data: {k: v}', 'data: {k: :v}'), 'refuses', 4],
  ['a flow map key starting with "?", in a reference', withPod('data: {k: v}').replace('{configMapRef: {name: a}}', '{configMapRef: {?name: a}}'), 'reads "?" as a key', 9],
  ['a flow list item starting with "?"', `${CM('a')}---\napiVersion: x.io/v1\nkind: Thing\nmetadata: {name: t}\nspec: {list: [?b]}\n`, 'reads "?" as a key', 9],
]

describe.skipIf(skipKubectl)('refused: kubectl refuses them, or reads them otherwise than the yaml package', () => {
  it.each(cases)('%s', (_name, input, kubectl, line) => {
    switch (kubectl) {
      case 'refuses': expect(() => kubectlRead(input)).toThrow(); break
      case 'reads one object': expect(kubectlRead(input)).toHaveLength(1); break
      case 'reads another value': expect((kubectlRead(input)[0] as any).data.k).toBe('v w'); break
      case 'reads it': expect(kubectlRead(input)).toHaveLength(2); break
      case 'reads "?" as a key': expect(JSON.stringify(kubectlRead(input))).not.toContain('?')
    }
    try {
      build(input)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(CmhashError)
      expect((e as CmhashError).errors.map(x => [x.code, x.location?.line])).toEqual([['YAML_SYNTAX', line]])
    }
  })

  // Inside a line, in a block scalar, or in a quoted string (mended when
  // cut short: quoted-continuations.test.ts), it is a character to both.
  it.each([
    ['in a plain value', 'data:\n  k: v\ufeffw\n  j: \ufeffx'],
    ['starting a line of a block scalar', 'data:\n  k: |\n    v\n    \ufeffw'],
    ['starting a quoted value', 'data:\n  k: "\ufeffv"'],
  ])('a byte-order mark %s is read by both, as the character', (_name, data) => {
    expect(JSON.stringify(readByBoth(withPod(data))[0].data)).toContain('\ufeff')
  })

  // goyaml's line breaks in a quoted value are LF, CR, NEL, LS and PS, and it
  // folds them otherwise than the yaml package: cmhash hashes what kubectl reads.
  it.each([
    ['NEL in double quotes: a space', '"a\u0085b"', 'a b'],
    ['NEL in single quotes: a space', "'a\u0085b'", 'a b'],
    ['two NELs: a line feed', '"a\u0085\u0085b"', 'a\nb'],
    ['LS with spaces around it: kept, the spaces dropped', '"a \u2028 b"', 'a\u2028b'],
    ['PS then a line break: both kept', '"a\u2029\n  b"', 'a\u2029\nb'],
    ['an escaped line break, then an empty line: a line feed', '"a\\\n\n  b"', 'a\nb'],
    ['an escaped line break, then a line of spaces: a line feed', '"a\\\n    \n  b"', 'a\nb'],
    ['an escaped line break, then the next line', '"a \\\n  b"', 'a b'],
  ])('a quoted value with %s', (_name, value, read) => {
    expect(readByBoth(withPod(`data:\n  k: ${value}`))[0].data).toEqual({ k: read })
  })

  it('in a file kubectl reads as JSON, NEL and LS in a string are characters', () => {
    const json = '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "a\u0085b \u2028 c"}}\n'
    const before = kubectlRead(json) as any[]
    expect(before[0].data.k).toBe('a\u0085b \u2028 c')
    const result = build(json, { select: 'all' })
    expect(result.renames[0]!.to).toBe(build(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: before }), { select: 'all' }).renames[0]!.to)
  })

  it.each([
    ['quoted', 'data: {k: "what?", j: \':v\'}'],
    ['in block style', 'data:\n  k: what?\n  j: a?b\n  i: ?c'],
    ['with a space after "?" in a flow map: an explicit key', 'data: {? k: v}'],
  ])('a "?" or a leading ":" %s is read by both', (_name, data) => {
    expect(JSON.stringify(readByBoth(withPod(data))[0].data)).toMatch(/\?|:v|"k":"v"/)
  })

  it('a raw U+2028 inside a quoted string is read by both, as the character', () => {
    const input = withPod('data: {k: "v\u2028w"}')
    const [cm] = kubectlRead(build(input).output) as any[]
    expect(cm.data).toEqual({ k: 'v\u2028w' })
  })
})

// kubectl reads a stream that starts with { as JSON alone: it fails at the
// first --- after it, and on a flow-style YAML map. The output stream starts
// with a --- line then, so `cmhash build a.json b.yaml | kubectl apply -f -`
// works; one JSON document alone stays byte for byte.
describe.skipIf(skipKubectl)('a stream that starts with {', () => {
  const json = '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {"name": "a"},\n  "data": {"k": "v"}\n}\n'

  it('a JSON file, then YAML: kubectl reads the output', () => {
    const { output } = build([{ path: 'a.json', content: json }, { path: 'b.yaml', content: CM('b') }])
    expect(output.startsWith('---\n{')).toBe(true)
    expect((kubectlRead(output) as any[]).map(o => o.metadata.name)).toEqual(['a', 'b'])
  })

  it('a flow-style YAML map first: kubectl reads the output', () => {
    const flow = '{apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {k: v}}\n'
    expect(() => kubectlRead(flow)).toThrow()
    expect((kubectlRead(build(flow).output) as any[]).map(o => o.metadata.name)).toEqual(['a'])
  })

  it('one JSON document alone: unchanged', () => {
    expect(build(json).output).toBe(json)
  })
})
