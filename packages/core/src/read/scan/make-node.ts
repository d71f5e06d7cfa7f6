// The yaml package's node classes, made faster. Its constructors mark each
// node with Object.defineProperty (the symbol isScalar(), isMap()... read),
// which V8 does slowly: it was the largest single cost of a small build.
// Nodes made here are instances of the same classes (instanceof, methods,
// isScalar() and visit() all work) whose mark sits on their prototype. If
// the package ever marks nodes another way, the check below fails and the
// package's own constructors are used.
import { isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type ParsedNode } from 'yaml'

// --- internal ---

type Range = [number, number, number]

interface Makers {
  scalar(value: string, type: Scalar.Type, range: Range): Scalar.Parsed
  map(flow: boolean): YAMLMap.Parsed
  seq(flow: boolean): YAMLSeq.Parsed
  pair(key: ParsedNode, value: ParsedNode | null): Pair<ParsedNode, ParsedNode | null>
}

const slow: Makers = {
  scalar(value, type, range) {
    const s = new Scalar(value) as Scalar.Parsed
    s.range = range
    s.source = value
    s.type = type
    return s
  },
  map(flow) {
    const m = new YAMLMap() as YAMLMap.Parsed
    if (flow) m.flow = true
    return m
  },
  seq(flow) {
    const s = new YAMLSeq() as YAMLSeq.Parsed
    if (flow) s.flow = true
    return s
  },
  pair: (key, value) => new Pair(key, value),
}

/** A prototype for `cls` that carries the mark `probe` carries as its own only symbol; undefined if it does not. */
function markedPrototype(cls: { prototype: object }, probe: object): object | undefined {
  const own = Object.getOwnPropertySymbols(probe)
  if (own.length !== 1) return undefined
  const proto = Object.create(cls.prototype) as object
  Object.defineProperty(proto, own[0]!, { value: (probe as Record<symbol, unknown>)[own[0]!] })
  return proto
}

function fastMakers(): Makers | undefined {
  const protos = [
    markedPrototype(Scalar, new Scalar('')), markedPrototype(YAMLMap, new YAMLMap()),
    markedPrototype(YAMLSeq, new YAMLSeq()), markedPrototype(Pair, new Pair(null)),
  ]
  if (protos.some(p => p === undefined)) return undefined
  const [scalarProto, mapProto, seqProto, pairProto] = protos as [object, object, object, object]
  function FastScalar(this: Record<string, unknown>, value: string, type: Scalar.Type, range: Range) {
    this.value = value
    this.range = range
    this.source = value
    this.type = type
  }
  FastScalar.prototype = scalarProto
  function FastMap(this: Record<string, unknown>, flow: boolean) {
    this.items = []
    if (flow) this.flow = true
  }
  FastMap.prototype = mapProto
  function FastSeq(this: Record<string, unknown>, flow: boolean) {
    this.items = []
    if (flow) this.flow = true
  }
  FastSeq.prototype = seqProto
  function FastPair(this: Record<string, unknown>, key: unknown, value: unknown) {
    this.key = key
    this.value = value
  }
  FastPair.prototype = pairProto
  type Ctor<A extends unknown[], T> = new (...args: A) => T
  const S = FastScalar as unknown as Ctor<[string, Scalar.Type, Range], Scalar.Parsed>
  const M = FastMap as unknown as Ctor<[boolean], YAMLMap.Parsed>
  const Q = FastSeq as unknown as Ctor<[boolean], YAMLSeq.Parsed>
  const P = FastPair as unknown as Ctor<[ParsedNode, ParsedNode | null], Pair<ParsedNode, ParsedNode | null>>
  const makers: Makers = {
    scalar: (value, type, range) => new S(value, type, range),
    map: flow => new M(flow),
    seq: flow => new Q(flow),
    pair: (key, value) => new P(key, value),
  }
  const s = makers.scalar('', Scalar.PLAIN, [0, 0, 0])
  const m = makers.map(false)
  const q = makers.seq(false)
  const p = makers.pair(s, null)
  // Each is an instance of its class, and yaml's identity checks tell them apart.
  const is: ReadonlyArray<(node: unknown) => boolean> = [isScalar, isMap, isSeq, isPair]
  const checks: ReadonlyArray<readonly [unknown, abstract new (...args: never[]) => unknown]> = [[s, Scalar], [m, YAMLMap], [q, YAMLSeq], [p, Pair]]
  const works = checks.every(([node, cls], i) => node instanceof cls && is.every((check, j) => check(node) === (i === j)))
  return works ? makers : undefined
}

/** Makers of yaml nodes, as the composer makes them (the failsafe schema, no tags). */
export const make: Makers = fastMakers() ?? slow
