import { isMap, isSeq, visit, type Node } from 'yaml'

// --- internal ---

// Inside a flow collection (`{...}`, `[...]`), goyaml v2 reads `?` and a
// leading `:` as indicators wherever they are: a plain scalar ends before a
// `?` (kubectl then refuses the document: `{a: what?}`), one cannot start
// with `:` (`{a: :b}` is refused), and a leading `?` makes an explicit key
// (`{?name: cfg}` is the key `name` to kubectl, `?name` to the yaml package).
// The yaml package reads all of these as plain text. Checked with kubectl.

const MAY_HAVE = /\?|(?:^|[\s[{,]):\S/m

/** The first plain scalar in a flow collection that goyaml reads otherwise, and why. */
export function flowPlainProblem(contents: Node | null, text: string, start: number, end: number): { offset: number; message: string } | undefined {
  if (!contents) return undefined
  const slice = text.slice(start, end)
  if (!MAY_HAVE.test(slice) || !/[[{]/.test(slice)) return undefined
  let found: { offset: number; message: string } | undefined
  visit(contents, {
    Scalar(_key, s, path) {
      if (s.type !== 'PLAIN' || !s.range || !inFlow(path)) return undefined
      const source = text.slice(s.range[0], s.range[1])
      const q = source.indexOf('?')
      if (q < 0 && source[0] !== ':') return undefined
      found = {
        offset: s.range[0] + Math.max(q, 0),
        message: `a plain value inside { } or [ ] that ${q < 0 ? 'starts with ":"' : q === 0 ? 'starts with "?"' : 'holds "?"'}; kubectl (goyaml) reads it there as an indicator, ` +
          'so it refuses the document or reads another key: quote the value',
      }
      return visit.BREAK
    },
  })
  return found
}

/** Whether the nearest collection around a node is a flow collection. */
function inFlow(path: ReadonlyArray<unknown>): boolean {
  for (let i = path.length - 1; i >= 0; i--) {
    const p = path[i]
    if (isMap(p) || isSeq(p)) return p.flow === true
  }
  return false
}
