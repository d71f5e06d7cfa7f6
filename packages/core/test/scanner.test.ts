// The scanner (read/scan/) must build, for every document it reads, the
// tree the yaml package's composer builds: the same nodes, values, scalar
// styles, flow flags and ranges. Everything read/ does after that is then
// the same as before, by construction. Checked here on the corpus and the
// examples, on generated estates in every style the property tests write,
// on generated block YAML with comments and blank lines everywhere, and on
// all of these with characters inserted, deleted and changed (where the
// scanner must give up exactly when it is not sure).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { Composer, Parser, isMap, isPair, isScalar, isSeq, type Document } from 'yaml'
import { CmhashError, build } from '@cmhash/core'
import { StreamScanner, type ScannedDoc } from '../src/read/scan/scan-stream.js'
import { Unusual } from '../src/read/scan/unusual.js'
import { estateArb, objectsOf, render, styleArb } from '../../../test/_utils/estates.js'

const root = new URL('../../../', import.meta.url).pathname
const RUNS = Number(process.env.CMHASH_SCAN_RUNS ?? 1)
/** The property tests' time grows with RUNS. */
const TIMEOUT = 60_000 * Math.max(1, RUNS)
const stats = { cases: 0, read: 0, whole: 0 }

/** A node as a plain record of everything read/ may look at. */
function shape(n: unknown): unknown {
  if (n === null || n === undefined) return n
  if (isScalar(n)) return { scalar: n.value, type: n.type, source: n.source, range: n.range, tag: n.tag, anchor: n.anchor }
  if (isMap(n)) return { map: n.items.map(p => (isPair(p) ? [shape(p.key), shape(p.value)] : 'not a pair')), flow: n.flow === true, range: n.range, tag: n.tag, anchor: n.anchor }
  if (isSeq(n)) return { seq: n.items.map(shape), flow: n.flow === true, range: n.range, tag: n.tag, anchor: n.anchor }
  return { other: typeof n }
}

function compose(text: string): Document.Parsed[] {
  const composer = new Composer({ schema: 'failsafe', prettyErrors: false, logLevel: 'silent' })
  return [...composer.compose(new Parser().parse(text), false, text.length)]
}

/**
 * Scans a text as read/ does (with the final line break kubectl reads) and
 * checks every document read against the composer's. The composer gives a
 * parser error found in a document to the one before it, so when the
 * scanner gives up on a document, read/ reads the one before it with the
 * composer too: only the documents before that one count as read. Returns
 * how many documents count as read, and whether the scanner gave up.
 */
function check(source: string): { read: number; gaveUp: boolean } {
  const text = source.length > 0 && !source.endsWith('\n') ? `${source}\n` : source
  if (text.includes('\r')) return { read: 0, gaveUp: true }
  const composed = compose(text)
  const scanner = new StreamScanner(text)
  const scanned: ScannedDoc[] = []
  let gaveUp = false
  for (;;) {
    try {
      const doc = scanner.read()
      if (!doc) break
      scanned.push(doc)
    } catch (e) {
      if (!(e instanceof Unusual)) throw e
      gaveUp = true
      break
    }
  }
  const read = gaveUp ? Math.max(0, scanned.length - 1) : scanned.length
  const json = (errors: readonly unknown[], docStart: boolean, start: number, tree: unknown) => JSON.stringify({ errors, docStart, start, tree })
  for (let i = 0; i < scanned.length; i++) {
    const doc = scanned[i]!
    const c = composed[i]
    if (!c) throw new Error(`document ${i}: the composer reads no such document\n${text}`)
    const start = i > 0 ? c.range[0] : 0
    // The document left to the composer: only where it starts counts.
    const [got, expected] = i < read
      ? [json([], doc.docStart, i > 0 ? doc.start : 0, shape(doc.contents)), json(c.errors.map(e => e.code), c.directives.docStart === true, start, shape(c.contents))]
      : [String(i > 0 ? doc.start : 0), String(start)]
    if (got !== expected) {
      let at = 0
      while (got[at] === expected[at]) at++
      const from = Math.max(0, at - 300)
      throw new Error(`document ${i} of ${JSON.stringify(text.length > 2000 ? `…${text.slice(Math.max(0, text.length - 1500))}` : text)}\nscanned:  …${got.slice(from, at + 200)}\ncomposed: …${expected.slice(from, at + 200)}`)
    }
  }
  if (!gaveUp) expect({ documents: scanned.length }).toEqual({ documents: composed.length })
  stats.cases++
  if (read > 0) stats.read++
  if (!gaveUp) stats.whole++
  return { read, gaveUp }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(d => d.isFile() && /\.(ya?ml|json)$/.test(d.name))
    .map(d => join(d.parentPath, d.name)).sort()
}

/** Characters that mean something to YAML, for mutations. */
const MUTATION = fc.constantFrom(' ', ' ', '  ', '\n', '\n', '#', ' #', ':', ': ', '-', '- ', '|', '>', '|-', '>+', '"', "'", '[', ']', '{', '}', ',', '\t', '&a ', '*a', '!', '? ', '...', '---', '%', '\\', '\\x4', '\\u00e9', 'a', '0', '<<', '@', '`', '\u2028', '\0')

function mutate(text: string, edits: Array<{ at: number; del: number; insert: string }>): string {
  let out = text
  for (const e of edits) {
    const at = text.length === 0 ? 0 : e.at % (out.length + 1)
    out = out.slice(0, at) + e.insert + out.slice(at + (e.del % 3))
  }
  return out
}
const editsArb = fc.array(fc.record({ at: fc.nat(), del: fc.nat(), insert: MUTATION }), { minLength: 1, maxLength: 4 })

// Block YAML: maps and lists nested, every scalar style, comments and blank
// lines at every indentation, empty values, flow collections on one line.
const scalarArb = fc.oneof(
  fc.constantFrom('a', 'b c', 'x:y', 'x#y', '-1', '--flag', 'http://h/p', "it's", 'é', '~', 'true', ''),
  fc.stringMatching(/^[a-z][a-z0-9 ./:-]{0,8}$/),
  fc.constantFrom('"q"', '"a\\"b"', '"\\n\\t\\x41\\u00e9\\U0001F600"', '"a # b"', "'s'", "'it''s'", "''", '""', '"\\/\\ \\_"'),
  fc.constantFrom('[]', '{}', '[a, "b", {c: d}]', '{a: b, "c":d, e: [f]}', '[ a , b ]', '{ }'),
)
interface BlockScalar { header: string; lines: string[]; extra: number; trailing: string }
const blockScalarArb: fc.Arbitrary<BlockScalar> = fc.record({
  header: fc.constantFrom('|', '>', '|-', '>-', '|+', '>+', '-|'),
  lines: fc.array(fc.constantFrom('text', '', '  more', 'two words', '# not a comment', '   ', ' '), { minLength: 1, maxLength: 5 }),
  extra: fc.nat(2),
  trailing: fc.constantFrom('', '\n', '\n\n', '\n   \n'),
})
const commentArb = fc.option(fc.record({ indent: fc.nat(8), blank: fc.boolean() }), { nil: undefined, freq: 2 })
type Tree = { map: Array<[string, Tree]> } | { seq: Tree[] } | { scalar: string } | { block: BlockScalar } | { empty: true }
const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>(tie => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ scalar: scalarArb }),
    fc.record({ block: blockScalarArb }),
    fc.record({ empty: fc.constant(true as const) }),
    fc.record({ map: fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'name', 'x y', '"q"', "'s'", 'k.8s/io', '-k'), tie('tree')), { minLength: 1, maxLength: 4, selector: e => e[0].replace(/["']/g, '') }) }),
    fc.record({ seq: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
  ),
})).tree
interface Layout { step: number; compact: boolean; comments: Array<{ indent: number; blank: boolean } | undefined>; trailing: string }
const layoutArb: fc.Arbitrary<Layout> = fc.record({ step: fc.integer({ min: 1, max: 4 }), compact: fc.boolean(), comments: fc.array(commentArb, { maxLength: 40 }), trailing: fc.constantFrom('', ' # c', '   ') })

function writeTree(tree: Tree, layout: Layout): string {
  let c = 0
  const comment = () => {
    const x = layout.comments[c++ % Math.max(1, layout.comments.length)]
    return x ? `${x.blank ? '\n' : ''}${' '.repeat(x.indent)}# c${c}\n` : ''
  }
  const value = (t: Tree, indent: number, inSeq: boolean): string => {
    if ('scalar' in t) return ` ${t.scalar}${layout.trailing}\n`
    if ('empty' in t) return '\n'
    if ('block' in t) {
      const pad = ' '.repeat(indent + layout.step + t.block.extra)
      return ` ${t.block.header}\n${t.block.lines.map(l => (l === '' ? '' : pad + l)).join('\n')}\n${t.block.trailing}`
    }
    const nested = 'seq' in t && layout.compact && !inSeq ? indent : indent + layout.step
    return `\n${comment()}${block(t, nested)}`
  }
  const block = (t: Tree, indent: number): string => {
    const pad = ' '.repeat(indent)
    if ('map' in t) return t.map.map(([k, v]) => `${comment()}${pad}${k}:${value(v, indent, false)}`).join('')
    if ('seq' in t) return t.seq.map(v => `${comment()}${pad}-${value(v, indent, true)}`).join('')
    return `${pad}x:${value(t, indent, false)}`
  }
  return block(tree, 0)
}

describe('the scanner reads what the composer reads', () => {
  afterEach(() => {
    if (process.env.CMHASH_SCAN_STATS) process.stdout.write(`${JSON.stringify(stats)}\n`)
    stats.cases = stats.read = stats.whole = 0
  })

  it('every file of the corpus and the examples', () => {
    let documents = 0
    let files = 0
    let whole = 0
    for (const file of [...filesUnder(join(root, 'fixtures/corpus')), ...filesUnder(join(root, 'examples'))]) {
      const r = check(readFileSync(file, 'utf8'))
      files++
      documents += r.read
      if (!r.gaveUp) whole++
    }
    // Most real files are read by the scanner alone.
    expect(whole / files).toBeGreaterThan(0.6)
    expect(documents).toBeGreaterThan(500)
  })

  it('estates in every style the property tests write', () => {
    fc.assert(fc.property(estateArb, styleArb, (estate, style) => {
      check(render(objectsOf(estate), style))
    }), { numRuns: 300 * RUNS })
  }, TIMEOUT)

  it('block YAML with comments, blank lines, block scalars and flow values anywhere', () => {
    fc.assert(fc.property(treeArb, layoutArb, (tree, layout) => {
      check(writeTree(tree, layout))
      check(`---\n${writeTree(tree, layout)}---\n# c\n\n---\n${writeTree(tree, layout)}`)
    }), { numRuns: 2000 * RUNS })
  }, TIMEOUT)

  it('the same with characters inserted, deleted and changed', () => {
    fc.assert(fc.property(treeArb, layoutArb, editsArb, (tree, layout, edits) => {
      check(mutate(writeTree(tree, layout), edits))
    }), { numRuns: 3000 * RUNS })
    const corpus = filesUnder(join(root, 'fixtures/corpus')).slice(0, 60).map(f => readFileSync(f, 'utf8').slice(0, 3000))
    fc.assert(fc.property(fc.constantFrom(...corpus), editsArb, (text, edits) => {
      check(mutate(text, edits))
    }), { numRuns: 1000 * RUNS })
  }, TIMEOUT)
})

// Lines put together at random from the pieces block YAML is made of, the
// awkward ones included: keys plain, quoted (with escapes), `<<`; values
// with `#` and `:` inside, trailing spaces, escapes, quotes left open,
// block scalar headers with indicators, flow collections, anchors, tags;
// document markers with something after them; comments at any
// indentation; tabs, NEL, the line and paragraph separators, a BOM, NUL;
// a line longer than an implicit key may be. Most of these the scanner
// gives up on; where it does not, it must build the composer's tree.
const LONG = 'k'.repeat(1030)
const KEY = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'name', 'x y', 'a#b', 'a:b', '"q"', "'s'", '"\\/"', '"\\u00e9"', '"k\\U0001F600"', '"a: b"', "'it''s'", '"<<"', "'<<'", '-k', '~', 'k ') },
  { weight: 1, arbitrary: fc.constantFrom('<<', '? a', LONG, `"${LONG}"`, '"\\ud83d"', '&a k', '*a', '!t k', '[a]', '{a: b}') },
)
const VALUE = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    '', ' ', '  ', 'v', 'v ', 'v  ', 'a b', 'a#b', 'a  # c', 'a:b', 'http://x/y?z=1#f', '-1', ':x', '-x', '?x',
    '"q"', '"\\/"', '"http:\\/\\/x"', '"\\u00e9"', '"\\U0001F600"', '"\\ud83d\\ude00"', '"\\x41\\t\\n"', '"a\\"b"', "'s'", "'it''s'", "'\\/'", '"a" # c',
    '|', '|-', '|+', '>', '>-', '>+', '| # c', '[]', '{}', '[a, b]', '{a: b}', '{"a":b}', '{<<: {a: b}}', '{<<: {a: b}, a: c}', '{a: [b, {c: d}]}',
    'a\u2028b', 'a\u0085b', '"a\u2028b"', '"a\\u2028b"', '"\\N\\L\\P\\_"', LONG,
  ) },
  { weight: 1, arbitrary: fc.constantFrom(
    'a #b', 'a: b', 'a:', '- x', '-', '? x', ': x', '"\\ud83d"', '"\\q"', '"open', "'open", '"a"#c', "'a'x",
    '|2', '|-2', '|2-', '>1', '|#c', '|+-', '[a, ]', '{a: }', '[a: b]', '[a #c]', `{${LONG}: b}`, `["${LONG}", b]`,
    '&a x', '*a', '!t x', '!!str x', '&a', '@x', '`x', '%x', `${LONG}: v`, 'a\u2029b', 'a\ufeffb', 'a\0b', 'a\tb', '\tb',
  ) },
)
const LINE = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(KEY, fc.constantFrom(':', ':', ':', ' :', ':  ', ':\t'), VALUE).map(([k, c, v]) => `${k}${c}${c === ':' && v !== '' ? ' ' : ''}${v}`) },
  { weight: 2, arbitrary: VALUE.map(v => `- ${v}`) },
  { weight: 2, arbitrary: fc.tuple(KEY, VALUE).map(([k, v]) => `- ${k}: ${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('-', '- ', '- -', '-  - a') },
  { weight: 2, arbitrary: fc.constantFrom('text', 'two words', '# not a comment', '', ' ', 'more: text') },
  { weight: 2, arbitrary: fc.constantFrom('# c', '#', '#c: d', '  # c') },
  { weight: 1, arbitrary: fc.constantFrom('---', '---', '--- ', '--- # c', '---', '--- # c', '---#c', '--- a', '--- |', '--- {}', '...', '... # c', '... x', '----', '---a: b', '%YAML 1.1', '\ufeff', '\t') },
)
// Each line indented as the one before it, one step deeper, back, or at the left.
const linesArb = fc.array(fc.tuple(fc.constantFrom<number | 'left'>(0, 0, 0, 0, 2, 2, -2, -2, -4, 'left', 1, -1), LINE), { minLength: 1, maxLength: 10 })
  .map(lines => {
    let indent = 0
    return lines.map(([step, line]) => {
      indent = step === 'left' ? 0 : Math.max(0, indent + step)
      return ' '.repeat(indent) + line
    }).join('\n')
  })

describe('the scanner reads random lines as the composer does, or gives up', () => {
  it('lines of block YAML with the awkward pieces', () => {
    let read = 0
    fc.assert(fc.property(linesArb, fc.constantFrom('', '\n', '\n\n', '   '), (text, end) => {
      if (!check(`${text}${end}`).gaveUp) read++
      check(`key: v\n${text}${end}`)
      check(`---\nkind: K\n---\n${text}${end}\n---\nkind: K\n`)
    }), { numRuns: 4000 * RUNS })
    // Enough of them are read, not given up on, for this to test something.
    expect(read).toBeGreaterThan(150 * RUNS)
  }, TIMEOUT)
})

/**
 * A build of `text`, and the same build read by the composer alone: a line
 * holding only a tab before the first document makes the scanner give up
 * at once, and the composer reads it as a blank line. Everything the build
 * says (output, renames, warnings, errors, where they are) must be the
 * same either way.
 */
function bothWays(text: string): void {
  const outcome = (input: string, shift: number) => {
    const at = (l?: { line: number; col: number; offset: number }) => l && [l.line - shift, l.col, l.offset - 2 * shift]
    // Lines named in messages too: `a.yaml:5`, and `first at line 5` (DUPLICATE_KEY).
    const said = (m: string) => m.replace(/(a\.yaml:|at line )(\d+)/g, (_, before: string, line: string) => `${before}${Number(line) - shift}`)
    try {
      const r = build([{ path: 'a.yaml', content: input }], { select: 'all' })
      return { output: r.output.slice(2 * shift), renames: r.renames, warnings: r.warnings.map(w => [w.code, said(w.message), at(w.location)]) }
    } catch (e) {
      if (!(e instanceof CmhashError)) throw e
      return { errors: e.errors.map(x => [x.code, said(x.message), at(x.location)]) }
    }
  }
  expect(check(`\t\n${text}`)).toEqual({ read: 0, gaveUp: true }) // the composer alone reads this one
  expect(outcome(`\t\n${text}`, 1), text).toEqual(outcome(text, 0))
}

const configMap = (metadata: string, data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n${metadata}data:\n${data}`
const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    envFrom:\n    - configMapRef:\n        name: cfg\n'

// main read these as kubectl does (merge keys, JSON escapes, quoted values
// continued left of their key, JSON documents); the scanner must give the
// composer's tree for them or give up, and the build must say the same.
describe('the shapes kubectl reads otherwise than the yaml package', () => {
  it.each([
    ['a flow merge key', '  name: cfg\n  labels: {<<: {a: b}, c: d}\n', '  k: v\n'],
    ['a flow merge key a later key overrides', '  name: cfg\n  labels: {<<: {a: b}, a: c}\n', '  k: v\n'],
    ['a flow merge key that overrides', '  name: cfg\n  annotations: {a: c, <<: {a: b}}\n', '  k: v\n'],
    ['a flow merge key on a scalar', '  name: cfg\n  labels: {<<: x}\n', '  k: v\n'],
    ['a quoted "<<" key', '  name: cfg\n  labels:\n    "<<": x\n', '  k: v\n'],
    ['\\/ in a value', '  name: cfg\n', '  url: "http:\\/\\/x"\n'],
    ['\\/ in a key', '  name: cfg\n', '  "\\/k": v\n'],
    ['\\u00e9 and \\U0001F600', '  name: cfg\n', '  a: "\\u00e9"\n  b: "\\U0001F600"\n  "\\u00e9": c\n'],
    ['a surrogate pair', '  name: cfg\n', '  e: "\\ud83d\\ude00"\n'],
    ['a lone surrogate', '  name: cfg\n', '  e: "\\ud83d"\n'],
    ['YAML\'s escapes', '  name: cfg\n', '  e: "\\x41\\t\\N\\L\\P\\_\\0\\a\\e\\ "\n'],
    ['a line separator outside quotes', '  name: cfg\n', '  e: a\u2028b\n'],
    ['a line separator inside quotes', '  name: cfg\n', '  e: "a\u2028b"\n  f: \'a\u0085b\'\n'],
  ])('%s', (_, metadata, data) => {
    const text = configMap(metadata, data)
    const r = check(text)
    expect(r.gaveUp).toBe(false) // the scanner reads it
    bothWays(text)
    bothWays(`${text}---\n${pod}`)
    bothWays(`${pod}---\n${text}`)
  })

  it.each([
    ['a block merge key', '  name: cfg\n  labels:\n    <<: {a: b}\n    c: d\n', '  k: v\n'],
    ['a merge key with an alias', '  name: cfg\n  labels: &l\n    a: b\n  annotations:\n    <<: *l\n', '  k: v\n'],
    ['a quoted value continued left of its key', '  name: cfg\n  annotations:\n    a: \'[\n      1\n    ]\'\n', '  k: v\n'],
    ['a double-quoted value continued left of its key', '  name: cfg\n', '  a: "x\n  y"\n'],
    ['a quoted value continued, never closed', '  name: cfg\n', '  a: "x\n  y\n'],
  ])('%s: left to the composer', (_, metadata, data) => {
    const text = configMap(metadata, data)
    expect(check(text)).toEqual({ read: 0, gaveUp: true })
    expect(check(`${pod}---\n${text}`)).toEqual({ read: 0, gaveUp: true }) // the document before it is read by the composer too
    expect(check(`${pod}---\n${pod.replace('name: p', 'name: p2')}---\n${text}`)).toEqual({ read: 1, gaveUp: true })
    bothWays(text)
    bothWays(`${pod}---\n${pod.replace('name: p', 'name: p2')}---\n${text}---\n${pod.replace('name: p', 'name: p3')}`)
  })

  it.each([
    ['a JSON file', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"u":"http:\\/\\/x","e":"\\ud83d\\ude00"}}\n'],
    ['a JSON document after a YAML one', `${pod}---\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"u":"http:\\/\\/x"}}\n`],
  ])('%s: left to the composer', (_, text) => {
    expect(check(text).gaveUp).toBe(true)
    bothWays(text)
  })
})

describe('a build reads what the scanner reads as it reads what the composer reads', () => {
  const metaArb = fc.array(fc.tuple(fc.constantFrom('labels', 'annotations'), fc.array(fc.tuple(fc.constantFrom('a', 'b', 'cmhash.dev/x', '"q"', '"\\/k"'), VALUE), { maxLength: 3 })), { maxLength: 2 })
  const dataArb = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', '"\\u00e9"', "'s'"), VALUE), { minLength: 1, maxLength: 4 })
  it('ConfigMaps with awkward values, and a workload that refers to them', () => {
    let scanned = 0
    fc.assert(fc.property(metaArb, dataArb, fc.boolean(), (meta, data, first) => {
      const metadata = `  name: cfg\n${meta.map(([k, entries]) => `  ${k}:${entries.length === 0 ? ' {}' : ''}\n${entries.map(([e, v]) => `    ${e}: ${v}\n`).join('')}`).join('')}`
      const text = configMap(metadata, data.map(([k, v]) => `  ${k}: ${v}\n`).join(''))
      const stream = first ? `${text}---\n${pod}` : `${pod}---\n${text}`
      if (!check(stream).gaveUp) scanned++
      bothWays(stream)
    }), { numRuns: 300 * RUNS })
    expect(scanned).toBeGreaterThan(30 * RUNS) // the scanner read some of them whole
  }, TIMEOUT)

  it('random lines as a ConfigMap\'s data', () => {
    fc.assert(fc.property(linesArb, text => {
      bothWays(configMap('  name: cfg\n', `${text.split('\n').map(l => `  ${l}`).join('\n')}\n`))
    }), { numRuns: 1000 * RUNS })
  }, TIMEOUT)
})
