// cmhash against kubectl on random ConfigMap data written line by line from
// the pieces where the yaml package and goyaml v2 disagree: quoted values
// continued over lines at any indentation (column 0 and the key's column
// included), lines that end just after an escape (`\"`, `\\`, `''`, `\`),
// block scalars with indicators, comments, tabs, a byte-order mark, document
// markers, NEL, LS and PS (line breaks to goyaml, characters to the yaml
// package), CRLF line ends; and data and the Pod's reference in flow style,
// with plain scalars holding `?` or starting with `?` or `:` (indicators
// to goyaml there). Whatever kubectl reads, cmhash either refuses or reads the same:
// the name hashes kubectl's values and kubectl reads the output back as the
// input, apart from the planned edits. What kubectl refuses, cmhash refuses,
// or kubectl refuses its output too. `pnpm fuzz` runs it long; CMHASH_FC_SEED
// and CMHASH_FC_PATH replay a failure.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { build, CmhashError, type BuildResult } from '@cmhash/core'
import { undoPlannedEdits } from './_utils/fidelity.js'
import { fuzzParams, fuzzRuns } from './_utils/fuzz.js'
import { kubectlRead } from './_utils/k8s-read.js'
import { skipKubectl } from './_utils/kubectl.js'

const RUNS = fuzzRuns()

// The Pod's reference, in block or flow style (where `?name` is the key
// `name` to goyaml, and `?` inside a plain value ends it).
const REFERENCE = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('\n    - configMapRef:\n        name: cfg', ' [{configMapRef: {name: cfg}}]') },
  { weight: 1, arbitrary: fc.constantFrom(' [{configMapRef: {?name: cfg}}]', ' [{configMapRef: {? name: cfg}}]', ' [{configMapRef: {name: cfg?}}]', ' [{configMapRef: {name: :cfg}}]', ' [{configMapRef: {"name": cfg}}]') },
)
const podWith = (reference: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    envFrom:${reference}\n`

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

// One value in two is a plain one, or a quoted one closed on its line, with
// its other lines deeper than the key: most such data is read by both, so
// that a case has, as often as not, one awkward value among readable ones.
const TAME = fc.oneof(
  fc.tuple(fc.constantFrom('v', 'a b', 'a:b', 'v#'), fc.array(fc.tuple(fc.constantFrom(3, 4, 6), fc.constantFrom('b', 'b c', 'x:y', '')), { maxLength: 2 })),
  fc.tuple(fc.constantFrom('"q"', "'s'", '"a\\\\"', "'it''s'", '"\\"q\\" \\\\ x"'), fc.constant([] as Array<[number, string]>)),
)
const blockDataArb = fc.uniqueArray(fc.tuple(
  fc.constantFrom('a', 'b', 'c', 'w', 'x-y', '"q"', "'s'"),
  fc.oneof(fc.tuple(OPENING, fc.array(fc.tuple(INDENT, PIECE), { maxLength: 3 })), TAME),
), { minLength: 1, maxLength: 3, selector: ([key]) => key }).map(entries => entries.map(([key, [first, rest]]) =>
  [`  ${key}: ${first}`, ...rest.map(([indent, piece]) => `${' '.repeat(indent)}${piece}`)].join('\n')).join('\n'))

// Data as a flow map: plain scalars holding or starting with the
// characters goyaml reads as indicators there (`?`, `:`, `-`, `#`), some
// continued on the next line.
const FLOW_KEY = fc.constantFrom('a', 'b', 'x-y', '?c', '? c', '"d"', 'e?', ':f', "'g'")
const FLOW_VALUE = fc.constantFrom(
  'v', 'a b', 'a?b', 'what?', '?v', '? v', ':v', 'v:', 'a:b', 'a: b', '-', '-v', 'a #b', 'a#b', '"q?"', "':s'", '"a\\"', "'it''s'",
  'a\n  ?b', 'a\n?b', 'a\n  b?', '[x]', '{x: y}', '', 'a\u0085b', '"a\n b"',
)
const flowDataArb = fc.uniqueArray(fc.tuple(FLOW_KEY, FLOW_VALUE), { minLength: 1, maxLength: 3, selector: ([key]) => key.replace(/^[?:]? ?["']?|["']$/g, '') })
  .map(entries => ` {${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`)
const dataArb = fc.oneof({ weight: 3, arbitrary: blockDataArb.map(d => `\n${d}`) }, { weight: 1, arbitrary: flowDataArb })

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
    fc.assert(fc.property(dataArb, REFERENCE, fc.boolean(), fc.boolean(), (data, reference, last, crlf) => {
      const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:${data}\n`
      const pod = podWith(reference)
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
      const after = kubectlRead(result.output) as any[]
      expect(undoPlannedEdits(after, result.renames, { inputObjects: before }), input).toEqual(before)
      // The reference kubectl reads in the output names the ConfigMap it reads there.
      const cm = after.find(o => o.kind === 'ConfigMap')
      const ref = after.find(o => o.kind === 'Pod')?.spec?.containers?.[0]?.envFrom?.[0]?.configMapRef?.name
      if (cm && ref !== undefined && before.some((o: any) => o.kind === 'Pod' && o.spec?.containers?.[0]?.envFrom?.[0]?.configMapRef?.name === 'cfg')) {
        expect(ref, input).toBe(cm.metadata.name)
      }
      const fromJson = build(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: before }), { select: 'all' })
      expect(result.renames.map(r => r.to), input).toEqual(fromJson.renames.map(r => r.to))
    }), fuzzParams(RUNS))
    // Enough of them are built, not refused, for this to test something:
    // about a third are (211 of 600 measured), so fewer than a tenth of 60
    // happens about once in 10^5 runs. (Before the tame values, one in 7
    // were, and this check failed by chance about one run in five.)
    expect(built).toBeGreaterThan(RUNS / 10)
  }, Math.max(60_000, RUNS * 2_000))
})
