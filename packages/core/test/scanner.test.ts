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
import { StreamScanner, type ScannedDoc } from '../src/read/scan/scan-stream.js'
import { Unusual } from '../src/read/scan/unusual.js'
import { estateArb, objectsOf, render, styleArb } from '../../../test/_utils/estates.js'

const root = new URL('../../../', import.meta.url).pathname
const RUNS = Number(process.env.CMHASH_SCAN_RUNS ?? 1)
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
  })

  it('block YAML with comments, blank lines, block scalars and flow values anywhere', () => {
    fc.assert(fc.property(treeArb, layoutArb, (tree, layout) => {
      check(writeTree(tree, layout))
      check(`---\n${writeTree(tree, layout)}---\n# c\n\n---\n${writeTree(tree, layout)}`)
    }), { numRuns: 2000 * RUNS })
  })

  it('the same with characters inserted, deleted and changed', () => {
    fc.assert(fc.property(treeArb, layoutArb, editsArb, (tree, layout, edits) => {
      check(mutate(writeTree(tree, layout), edits))
    }), { numRuns: 3000 * RUNS })
    const corpus = filesUnder(join(root, 'fixtures/corpus')).slice(0, 60).map(f => readFileSync(f, 'utf8').slice(0, 3000))
    fc.assert(fc.property(fc.constantFrom(...corpus), editsArb, (text, edits) => {
      check(mutate(text, edits))
    }), { numRuns: 1000 * RUNS })
  })
})
