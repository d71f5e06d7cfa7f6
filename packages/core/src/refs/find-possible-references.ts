// The safety net's facts: strings that look like the name of a ConfigMap or
// Secret by the key they are under, at places no table entry covers. Plan
// compares them with the names it renamed (POSSIBLE_REFERENCE).
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml'
import type { PossibleReference } from '../facts.js'
import type { TargetKind } from '../types.js'
import { indexKey, isIdentifier } from './find-references.js'
import { AliasLimitError, deref, entries, getPair, scalarText, str, type ReadContext } from '../yaml/read-context.js'

// --- internal ---

/**
 * Every string under a key that names a ConfigMap or Secret (the key, or
 * for `name` the key above it, mentions `secret` or `configmap`, and is not
 * a namespace, a data key, a class, a prefix or a template), except at
 * `skip` (the offsets of the references the table found), under the root's
 * `status`, and the object's own name. A Secret is never read (its values
 * are secret); of a ConfigMap only `data` and annotations are; CRDs (whose
 * schemas are full of such keys) not at all.
 */
export function findPossibleReferences(root: YAMLMap, kind: string, skip: ReadonlySet<number>, ctx: ReadContext): readonly PossibleReference[] {
  if (kind === 'Secret' || kind === 'CustomResourceDefinition') return NONE
  const found: PossibleReference[] = []
  const path: string[] = []
  const keys: string[] = []
  const visit = (node: unknown, hint: TargetKind | undefined): void => {
    const n = deref(node, ctx)
    if (path.length > MAX_DEPTH) throw new AliasLimitError(n?.range?.[0] ?? 0)
    if (isSeq(n)) {
      for (let i = 0; i < n.items.length; i++) {
        path.push(indexKey(i))
        visit(n.items[i], hint)
        path.pop()
      }
    } else if (isScalar(n)) {
      const value = scalarText(n)
      const offset = n.range?.[0] ?? 0
      if (hint && value !== '' && !skip.has(offset) && !/[$/{}\s]/.test(value)) {
        found.push({ path: path.join('').replace(/^\./, ''), tablePath: keys.map(k => k.replaceAll('/', '\\/')).join('/'), value, offset, target: hint })
      }
    } else if (isMap(n)) {
      for (const pair of entries(n, ctx)) {
        const key = str(pair.key)
        if (key === undefined || (path.length === 0 && key === 'status')) continue
        const child = key === 'name' ? hint : namesTarget(key)
        if (child === undefined && isScalar(deref(pair.value, ctx))) continue
        path.push(pathKey(key))
        keys.push(key)
        visit(pair.value, child)
        keys.pop()
        path.pop()
      }
    }
  }
  const enter = (key: string, then: () => void) => {
    path.push(pathKey(key))
    keys.push(key)
    then()
    keys.pop()
    path.pop()
  }
  if (kind !== 'ConfigMap') {
    visit(root, undefined)
    return found.length === 0 ? NONE : found.slice()
  }
  // A ConfigMap: its data (program settings that name a Secret) and its annotations.
  enter('data', () => visit(mapAt(root, ['data'], ctx), undefined))
  enter('metadata', () => enter('annotations', () => visit(mapAt(root, ['metadata', 'annotations'], ctx), undefined)))
  return found.length === 0 ? NONE : found.slice()
}

// Kept with every object's facts: one empty list for all, and no room left by push().
const NONE: PossibleReference[] = []

function mapAt(root: YAMLMap, keys: readonly string[], ctx: ReadContext): YAMLMap | undefined {
  let node: unknown = root
  for (const k of keys) node = isMap(node) ? deref(getPair(node, k, ctx)?.value, ctx) : undefined
  return isMap(node) ? node : undefined
}

/**
 * What a key says the strings under it name: a Secret (`secretName`,
 * `tlsSecret`, `nginx.org/basic-auth-secret`), a ConfigMap (`configMap`,
 * `configMapRef`), or nothing (`secretNamespace`, `secretKey`,
 * `secretProviderClass`, `secretTemplate`, `removeSecret`).
 */
function namesTarget(key: string): TargetKind | undefined {
  if (!MENTIONS.test(key) || NOT_A_NAME.test(key)) return undefined
  return /config-?map/i.test(key) ? 'ConfigMap' : 'Secret'
}

const MENTIONS = /secret|config-?map/i
const NOT_A_NAME = /(namespace|key|prefix|template|class|classname|type|path|file|mode|format)$|^(remove|disable|generate|require|preserve)/i

/** Deeper than any real manifest; reached only through recursive aliases. */
const MAX_DEPTH = 200

function pathKey(key: string): string {
  return isIdentifier(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}
