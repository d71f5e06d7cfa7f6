// cmhash against kubectl on random ConfigMap data written line by line from
// the pieces where the yaml package and goyaml v2 disagree: quoted values
// continued over lines at any indentation (column 0 and the key's column
// included), lines that end just after an escape (`\"`, `\\`, `''`, `\`),
// block scalars with indicators, comments, tabs, a byte-order mark, document
// markers, NEL, LS and PS (line breaks to goyaml, characters to the yaml
// package), CRLF line ends. Whatever kubectl reads, cmhash either refuses or reads the same:
// the name hashes kubectl's values and kubectl reads the output back as the
// input, apart from the planned edits. What kubectl refuses, cmhash refuses,
// or kubectl refuses its output too. `pnpm fuzz` runs it long.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { build, CmhashError, type BuildResult } from '@cmhash/core'
import { undoPlannedEdits } from './_utils/fidelity.js'
import { kubectlRead } from './_utils/k8s-read.js'
import { skipKubectl } from './_utils/kubectl.js'

const RUNS = Number(process.env.CMHASH_FUZZ_RUNS ?? 60)

const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    envFrom:\n    - configMapRef:\n        name: cfg\n'

// A data value's first line: plain, quoted (maybe left open, to go on over
// the next lines), a block scalar header.
const OPENING = fc.constantFrom(
  'v', 'a b', 'a #b', 'a:b', '"q"', '"a', '"a\\"', '"a\\\\', '"a\\', '"\\"', "'a", "'it''", "'a''b", "'s'",
  '|', '|-', '|+', '>', '>-', '|2', '>1', '"a" # c', '"a b\\" c', '\ufeffv', 'v\ufeff',
  '"a\u0085b"', "'a \u2028 b'", '"a\u2029"', '"a \u0085', "'\u2028",
)
// A continuation line's text: words, quotes closing, escapes, indicators.
const PIECE = fc.constantFrom(
  'b', 'b c', 'b"', 'b\\""', "b'", "b'''", "''b'", '\\"b"', '"', "'", 'x: y', 'x: y"', "x: y'", '- z', '# c', 'b # c"',
  '\\tb"', '\\', '\\\\"', '\ufeffb"', '\ufeff', '---', '...', '--- x', 'b\tc', '', ' ',
  'b\u0085c"', ' \u2028 b"', '\u2029', "b \u0085 '", '\t',
)
// Where a continuation line starts: column 0, the key's column (2), deeper.
const INDENT = fc.constantFrom(0, 0, 1, 2, 2, 3, 4, 6)

const dataArb = fc.array(fc.tuple(
  fc.constantFrom('a', 'b', 'c', 'w', 'x-y', '"q"', "'s'"),
  OPENING,
  fc.array(fc.tuple(INDENT, PIECE), { maxLength: 3 }),
), { minLength: 1, maxLength: 3 }).map(entries => entries.map(([key, first, rest]) =>
  [`  ${key}: ${first}`, ...rest.map(([indent, piece]) => `${' '.repeat(indent)}${piece}`)].join('\n')).join('\n'))

/** What a build says: its result, or its errors; never anything else thrown. */
function attempt(input: string): BuildResult | CmhashError {
  try {
    return build(input, { select: 'all' })
  } catch (e) {
    if (e instanceof CmhashError) return e
    throw e
  }
}

/** What kubectl reads, or undefined where it refuses. */
function kubectlMay(input: string): unknown[] | undefined {
  try {
    return kubectlRead(input)
  } catch {
    return undefined
  }
}

describe.skipIf(skipKubectl)('cmhash and kubectl on random data lines', () => {
  it('reads what kubectl reads, or refuses', () => {
    let built = 0
    fc.assert(fc.property(dataArb, fc.boolean(), fc.boolean(), (data, last, crlf) => {
      const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n${data}\n`
      const stream = last ? `${pod}---\n${configMap}` : `${configMap}---\n${pod}`
      const input = crlf ? stream.replaceAll('\n', '\r\n') : stream
      const result = attempt(input)
      const before = kubectlMay(input)
      if (result instanceof CmhashError) return
      if (!before) {
        // kubectl refuses the input: it must refuse what cmhash wrote too.
        expect(kubectlMay(result.output), input).toBeUndefined()
        return
      }
      built++
      const after = kubectlRead(result.output)
      expect(undoPlannedEdits(after, result.renames, { inputObjects: before }), input).toEqual(before)
      const fromJson = build(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: before }), { select: 'all' })
      expect(result.renames.map(r => r.to), input).toEqual(fromJson.renames.map(r => r.to))
    }), { numRuns: RUNS })
    // Enough of them are built, not refused, for this to test something.
    expect(built).toBeGreaterThan(RUNS / 10)
  }, 600_000)
})
