import { isAlias, isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml'
import { quoteDouble } from '../emit/render.js'
import { deref, entries, isPlain, scalarText, type ReadContext } from '../yaml/read-context.js'
import { goInt, k8sBool, k8sScalarKind } from './scalar.js'

// --- internal ---

/** A value kubectl cannot turn into JSON, so it refuses the whole document. */
export class NotJsonError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message)
  }
}

const INT64_MAX = 2n ** 63n - 1n
const INT64_MIN = -(2n ** 63n)

/**
 * A YAML node as the JSON kubectl sends for it: sigs.k8s.io/yaml decodes
 * with goyaml v2 (YAML 1.1: `yes` is true, `0o644` and `0644` are 420,
 * timestamps stay strings, `!!binary` is its decoded bytes as a string) and
 * encodes with Go's encoding/json (integers beyond int64 become float64;
 * `.inf` and `.nan` cannot be encoded, so kubectl refuses the document).
 * Written as JSON text, indented like `JSON.stringify(x, null, 2)` at
 * `indent`, so that integers stay exact.
 */
export function nodeToJson(node: unknown, ctx: ReadContext, indent = ''): string {
  const n = deref(node, ctx)
  if (n === null) return 'null'
  if (isScalar(n)) return scalarToJson(n)
  const inner = `${indent}  `
  if (isSeq(n)) {
    if (n.items.length === 0) return '[]'
    return `[\n${n.items.map(i => inner + nodeToJson(i, ctx, inner)).join(',\n')}\n${indent}]`
  }
  if (isMap(n)) {
    const pairs = entries(n, ctx)
    if (pairs.length === 0) return '{}'
    return `{\n${pairs.map(p => `${inner}${quoteDouble(keyText(deref(p.key, ctx)))}: ${nodeToJson(p.value, ctx, inner)}`).join(',\n')}\n${indent}}`
  }
  return 'null'
}

/** A map key as the string JSON keys must be: goyaml's value of the key, formatted. */
function keyText(key: Node | null): string {
  if (key === null) return 'null'
  if (!isScalar(key)) throw new NotJsonError(key.range?.[0] ?? 0, 'a map key is a list or a map, which Kubernetes cannot read')
  const json = scalarToJson(key)
  return json.startsWith('"') ? (JSON.parse(json) as string) : json
}

function scalarToJson(s: Scalar): string {
  const text = scalarText(s)
  const plain = isPlain(s) && !isAlias(s)
  const at = s.range?.[0] ?? 0
  switch (k8sScalarKind(text, plain, s.tag ?? undefined)) {
    case 'null': return 'null'
    case 'bool': return String(k8sBool(text, true) ?? text.toLowerCase() === 'true')
    case 'int': {
      const value = goInt(text)
      if (value === undefined) return goFloat(text, at) ?? quoteDouble(text)
      if (value >= INT64_MIN && value <= INT64_MAX) return value.toString()
      // Beyond int64, kubectl's JSON decoder keeps a float64.
      return String(Number(value))
    }
    case 'float': return goFloat(text, at) ?? quoteDouble(text)
    case 'binary': {
      // The yaml package decodes !!binary itself; its text is the source.
      const b64 = typeof s.value === 'string' ? s.value : s.source ?? ''
      const bytes = Buffer.from(b64.replace(/\s+/g, ''), 'base64')
      return quoteDouble(new TextDecoder('utf-8').decode(bytes))
    }
    default: return quoteDouble(text)
  }
}

/**
 * A float as Go writes it in JSON (the shortest form that reads back, with
 * an exponent from 1e21 or below 1e-6, as JavaScript writes numbers); a
 * number out of float64's range stays the string it was (goyaml's parse
 * fails); infinities and NaN cannot be written at all.
 */
function goFloat(text: string, at: number): string | undefined {
  const t = text.replaceAll('_', '')
  const lower = t.toLowerCase()
  if (lower === '.nan' || lower.endsWith('.inf')) {
    throw new NotJsonError(at, `${text} is not a number JSON can hold (Infinity or NaN); Kubernetes refuses the whole document`)
  }
  const n = Number(t)
  if (!Number.isFinite(n)) return undefined
  return String(n)
}
