// The safety net's facts: strings that look like the name of a ConfigMap or
// Secret by the key they are under or by the shape of the map holding them,
// at places no table entry covers. Plan compares them with the names it
// renamed (POSSIBLE_REFERENCE).
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml'
import type { PossibleReference } from '../facts.js'
import type { TargetKind } from '../types.js'
import { indexKey, isIdentifier } from './find-references.js'
import { AliasLimitError, deref, entries, getPair, scalarText, str, type ReadContext } from '../yaml/read-context.js'

// --- internal ---

/**
 * Every string that may name a ConfigMap or Secret, except at `skip` (the
 * offsets of the references the table found), under the root's `status`,
 * and the object's own name:
 *
 * - under a key that names one (the key, or for `name` the key above it,
 *   mentions `secret` or `configmap`, and is not a namespace, a data key, a
 *   class, a prefix or a template);
 * - in a custom resource (a kind outside Kubernetes' own API groups), the
 *   `name` of Kubernetes' own selector shapes under any key: a map of
 *   exactly `{name, key}` (optionally `optional`), as SecretKeySelector and
 *   ConfigMapKeySelector are written (CloudNativePG's
 *   `s3Credentials.accessKeyId: {name, key}`), and a map of only `{name}`
 *   under a key ending in `Ref`/`Refs` or `credentials`/`creds`. Either kind;
 * - the value of an env entry whose variable's name says it names one
 *   (`{name: CONFIG_MAP_NAME, value: x}`, `MONITORING_QUERIES_CONFIGMAP`);
 * - in `args` and `command` lists, the value of a flag whose name says it
 *   names one: `--configmap=x`, `--config-map-name x`.
 *
 * Each may be `namespace/name` (or `$(POD_NAMESPACE)/name`: the object's
 * own namespace).
 * A Secret is never read (its values are secret); of a ConfigMap only
 * `data` and annotations are; CRDs (whose schemas are full of such keys)
 * not at all.
 */
export function findPossibleReferences(root: YAMLMap, kind: string, group: string, skip: ReadonlySet<number>, ctx: ReadContext): readonly PossibleReference[] {
  if (kind === 'Secret' || kind === 'CustomResourceDefinition') return NONE
  const custom = !KUBERNETES_GROUPS.has(group)
  const found: PossibleReference[] = []
  // Keys and list indices, rendered as a path only for a string found.
  const path: Array<string | number> = []
  const keys: string[] = []
  const rendered = () => path.map(k => (typeof k === 'number' ? indexKey(k) : pathKey(k))).join('').replace(/^\./, '')
  const visit = (node: unknown, hint: Hint | undefined): void => {
    const n = deref(node, ctx)
    if (path.length > MAX_DEPTH) throw new AliasLimitError(n?.range?.[0] ?? 0)
    if (isSeq(n)) {
      for (let i = 0; i < n.items.length; i++) {
        path.push(i)
        visit(n.items[i], hint)
        path.pop()
      }
      if (COMMAND_LINES.has(keys.at(-1) ?? '')) flags(n)
    } else if (isScalar(n)) {
      if (hint) add(n, hint)
    } else if (isMap(n)) {
      const shape = hint === undefined && custom ? selectorShape(n, keys.at(-1), ctx) : undefined
      const variable = envVariable(n, ctx)
      for (const pair of entries(n, ctx)) {
        const key = str(pair.key)
        if (key === undefined || (path.length === 0 && key === 'status')) continue
        const child = key === 'name' ? hint ?? shape : key === 'value' && variable ? variable : namesTarget(key)
        if (child === undefined && isScalar(deref(pair.value, ctx))) continue
        path.push(key)
        keys.push(key)
        visit(pair.value, child)
        keys.pop()
        path.pop()
      }
    }
  }
  /** A string under a hint: a name, `namespace/name`, or `$(VAR)/name` (the object's namespace, as `$(POD_NAMESPACE)` is). */
  const add = (s: Scalar, hint: Hint, text = scalarText(s) ?? '', at?: string) => {
    const offset = s.range?.[0] ?? 0
    const m = NAMESPACED.exec(text) ?? VARIABLE_NAMESPACE.exec(text)
    const value = m ? m[2]! : text
    if (value === '' || skip.has(offset) || /[$/{}\s]/.test(value)) return
    const viaVariable = m?.[1]?.startsWith('$') ?? false
    const namespace = m && !viaVariable ? m[1] : undefined
    const tablePath = hint.entry && !viaVariable ? keys.map(k => k.replaceAll('/', '\\/')).join('/') : undefined
    found.push({ path: at ?? rendered(), tablePath, value, namespace, offset, target: hint.target })
  }
  /** Command-line flags that name one: `--configmap=ns/name`, and `--config-map-name name` (the next argument). */
  const flags = (seq: YAMLSeq) => {
    const items = seq.items.map(item => deref(item, ctx))
    items.forEach((item, i) => {
      const text = isScalar(item) ? scalarText(item) ?? '' : ''
      const flag = FLAG.exec(text)
      const hint = flag ? namesTarget(flag[1]!) : undefined
      if (!flag || !hint) return
      const next = items[i + 1]
      if (flag[2] !== undefined) add(item as Scalar, { ...hint, entry: false }, flag[2], `${rendered()}[${i}]`)
      else if (isScalar(next) && !(scalarText(next) ?? '-').startsWith('-')) add(next, { ...hint, entry: false }, undefined, `${rendered()}[${i + 1}]`)
    })
  }
  const enter = (key: string, then: () => void) => {
    path.push(key)
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

/**
 * What the strings under a key may name: a ConfigMap, a Secret, or
 * (`target` undefined) either; and whether a configuration entry can say
 * where (not for an env value known by its variable's name, nor a flag).
 */
interface Hint {
  readonly target: TargetKind | undefined
  readonly entry: boolean
}

const SECRET: Hint = { target: 'Secret', entry: true }
const CONFIG_MAP: Hint = { target: 'ConfigMap', entry: true }
const EITHER: Hint = { target: undefined, entry: true }

/** `namespace/name`: both DNS names. */
const NAMESPACED = /^([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\/([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)$/
/** `$(POD_NAMESPACE)/name` (ingress-nginx's `--configmap`): the namespace the pod runs in. */
const VARIABLE_NAMESPACE = /^(\$\([A-Za-z_][A-Za-z0-9_]*\))\/([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)$/

/** Lists of command-line arguments. */
const COMMAND_LINES: ReadonlySet<string> = new Set(['args', 'command'])
/** `--flag=value` or `--flag` (one dash too, as Go's flag package allows). */
const FLAG = /^--?([A-Za-z][\w.-]*)(?:=(.*))?$/s

/**
 * An env entry `{name: CONFIG_MAP_NAME, value: x}` (a program finds its
 * ConfigMap or Secret by the name in the value): what the variable's name
 * says the value names, as for a key.
 */
function envVariable(map: YAMLMap, ctx: ReadContext): Hint | undefined {
  const name = deref(getPair(map, 'name', ctx)?.value, ctx)
  const value = deref(getPair(map, 'value', ctx)?.value, ctx)
  const hint = isScalar(name) && isScalar(value) ? namesTarget(scalarText(name) ?? '') : undefined
  return hint && { ...hint, entry: false }
}

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
function namesTarget(key: string): Hint | undefined {
  if (!MENTIONS.test(key) || NOT_A_NAME.test(key)) return undefined
  return /config[-_]?map/i.test(key) ? CONFIG_MAP : SECRET
}

const MENTIONS = /secret|config[-_]?map/i
const NOT_A_NAME = /(namespace|key|prefix|template|class|classname|type|path|file|mode|format)$|^(remove|disable|generate|require|preserve)/i

/**
 * Kubernetes' own selector shapes, which name a ConfigMap or Secret
 * whatever key they are under: `{name, key}` (optionally `optional`), and
 * `{name}` alone under a key that says it refers (`tokenRef`,
 * `credentials`).
 */
function selectorShape(map: YAMLMap, under: string | undefined, ctx: ReadContext): Hint | undefined {
  const present = entries(map, ctx).map(p => str(p.key))
  const has = (k: string) => present.includes(k)
  if (!has('name') || !isScalar(deref(getPair(map, 'name', ctx)?.value, ctx))) return undefined
  const others = present.filter(k => k !== 'name' && k !== 'optional')
  if (others.length === 1 && others[0] === 'key') return EITHER
  return present.length === 1 && under !== undefined && REFERS.test(under) ? EITHER : undefined
}

/** Keys whose value refers to an object by name: `tokenRef`, `secretRefs`, `credentials`, `creds`. */
const REFERS = /Refs?$|credentials?$|creds$/i

/**
 * Kubernetes' own API groups: their kinds' references are in the built-in
 * table, so only custom resources are read for selector shapes.
 */
const KUBERNETES_GROUPS: ReadonlySet<string> = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'extensions',
  ...['admissionregistration', 'apiextensions', 'apiregistration', 'authentication', 'authorization', 'certificates', 'coordination',
    'discovery', 'events', 'internal.apiserver', 'flowcontrol.apiserver', 'networking', 'node', 'rbac.authorization', 'resource',
    'scheduling', 'storage', 'storagemigration'].map(g => `${g}.k8s.io`),
])

/** Deeper than any real manifest; reached only through recursive aliases. */
const MAX_DEPTH = 200

function pathKey(key: string): string {
  return isIdentifier(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}
