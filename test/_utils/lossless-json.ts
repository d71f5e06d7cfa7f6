/** A JSON number kept as written, so that integers beyond 2^53 compare exactly. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/**
 * JSON.parse, but numbers are {@link JsonNumber}s holding their text in a
 * canonical form (integers as BigInt digits, other numbers as JavaScript
 * writes them), so `toEqual` compares them exactly.
 */
export function parseLossless(text: string): unknown {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++
  }
  const value = (): unknown => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>
      ws()
      if (text[i] === '}') return i++, out
      for (;;) {
        ws()
        const key = value() as string
        ws()
        i++ // :
        out[key] = value()
        ws()
        if (text[i++] === '}') return out
      }
    }
    if (c === '[') {
      i++
      const out: unknown[] = []
      ws()
      if (text[i] === ']') return i++, out
      for (;;) {
        out.push(value())
        ws()
        if (text[i++] === ']') return out
      }
    }
    if (c === '"') {
      let j = i + 1
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      const s = JSON.parse(text.slice(i, j + 1)) as string
      i = j + 1
      return s
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400))
    if (!m) throw new Error(`bad JSON at ${i}`)
    i += m[0].length
    if (m[0] === 'true') return true
    if (m[0] === 'false') return false
    if (m[0] === 'null') return null
    return new JsonNumber(/^-?\d+$/.test(m[0]) ? BigInt(m[0]).toString() : String(Number(m[0])))
  }
  return value()
}

/** Every JSON value in a stream of concatenated documents (what kubectl prints for several objects). */
export function parseLosslessStream(text: string): unknown[] {
  const out: unknown[] = []
  let depth = 0
  let start = -1
  let inString = false
  for (let k = 0; k < text.length; k++) {
    const c = text[k]
    if (inString) {
      if (c === '\\') k++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = k
    } else if ((c === '}' || c === ']') && --depth === 0) out.push(parseLossless(text.slice(start, k + 1)))
  }
  return out
}
