import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml'
import type { FlowCopy, FlowPart } from '../facts.js'
import { quoteDouble } from '../emit/render.js'
import { k8sPlainScalarKind } from '../kube/scalar.js'
import { scalarText } from '../yaml/read-context.js'

// --- internal ---

/** Largest node copied in place of an alias; larger ones are refused rather than multiplied. */
const MAX_COPY = 64 * 1024

/**
 * A node written in flow style (`{app: web}`, `[a, b]`), for writing in
 * place of an alias to it, so that an edit to the anchored node does not
 * reach that use. Kubernetes reads the copy as it read the node: scalars
 * keep their source text where flow style can hold it, and are written as
 * double-quoted strings otherwise (a multi-line plain or quoted scalar, a
 * block scalar). Each scalar is a slot that a planned rewrite can fill.
 * Refused (with the reason) when the node holds aliases, anchors or tags,
 * or a key that is not a scalar: their meaning depends on where they are.
 */
export function flowCopy(node: Node, text: string): FlowCopy {
  const parts: FlowPart[] = []
  let size = 0
  const emit = (p: FlowPart) => {
    size += typeof p === 'string' ? p.length : p.text.length
    if (size > MAX_COPY) throw new Refused('it is too large to copy')
    parts.push(p)
  }
  const walk = (n: unknown, top: boolean): void => {
    if (isAlias(n)) throw new Refused('it holds an alias')
    if (n === null || n === undefined) return emit('null')
    const props = n as Node
    if (!top && props.anchor) throw new Refused('it holds an anchor')
    if (props.tag) throw new Refused('it holds a tag')
    if (isScalar(n)) return emit({ at: n.range?.[0] ?? 0, text: scalarInFlow(n, text) })
    if (isMap(n)) {
      emit('{')
      n.items.forEach((pair, i) => {
        if (!isPair(pair) || (pair.key !== null && !isScalar(pair.key))) throw new Refused('it has a key that is not a scalar')
        if (i > 0) emit(', ')
        walk(pair.key, false)
        emit(': ')
        walk(pair.value, false)
      })
      return emit('}')
    }
    if (isSeq(n)) {
      emit('[')
      n.items.forEach((item, i) => {
        if (i > 0) emit(', ')
        walk(item, false)
      })
      return emit(']')
    }
    throw new Refused('it is not a scalar, map or list')
  }
  try {
    walk(node, true)
    return { parts }
  } catch (e) {
    if (e instanceof Refused) return { refused: e.message }
    throw e
  }
}

class Refused extends Error {}

/** A scalar's text in flow context, read by Kubernetes as the same value. */
function scalarInFlow(s: Scalar, text: string): string {
  const [start, end] = s.range ?? [0, 0]
  const source = text.slice(start, end)
  const oneLine = !/[\r\n]/.test(source)
  switch (s.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE':
      return oneLine ? source : quoteDouble(scalarText(s))
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL':
      return quoteDouble(scalarText(s))
    default: {
      // A plain scalar keeps its text (and so its type: 8080 stays a number)
      // unless flow style would read it differently; such a scalar is a
      // string to Kubernetes anyway, so quoting keeps its meaning. In flow,
      // goyaml also reads `?` anywhere and a leading `:` as indicators
      // (flow-plain.ts).
      if (source === '') return 'null'
      const flowSafe = oneLine && !/[,[\]{}?]|: |:$| #|^:/.test(source)
      if (flowSafe) return source
      return k8sPlainScalarKind(scalarText(s)) === 'string' ? quoteDouble(scalarText(s)) : source
    }
  }
}
