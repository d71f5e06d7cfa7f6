// Random but valid estates for the property tests: ConfigMaps and Secrets
// with arbitrary keys (JavaScript-special ones included) and unicode values
// (each Secret value carrying a unique marker), workloads of every kind
// referencing them from every location, several namespaces, Lists,
// comments, flow and block style, names and references in every scalar
// style, labels shared through YAML anchors and aliases, and files that end
// without a line break (after a block scalar, a comment or spaces).
import fc from 'fast-check'
import { Document, isMap, isPair, isScalar, isSeq, Pair, visit, YAMLMap, type Node, type Scalar } from 'yaml'

export type Kind = 'ConfigMap' | 'Secret'
export interface Config { kind: Kind; name: string; ns: string; values: Record<string, string>; stringData: boolean; type?: string }
export type Loc = 'envFrom' | 'keyRef' | 'volume' | 'projected' | 'init' | 'ephemeral' | 'pullSecret'
export interface Ref { target: number; loc: Loc }
export interface Workload { kind: string; name: string; ns: string; refs: Ref[]; optionalMissing: boolean }
export interface Estate { configs: Config[]; workloads: Workload[] }

const NAMES = ['app', 'cfg', 'web-settings', 'x1', 'db']
const NAMESPACES = ['default', 'a', 'b']
// ProbeTask: a custom resource that embeds a container and volumes outside any
// pod spec (as a Chaos Mesh Workflow task does), found only by their shapes.
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Rollout', 'ProbeTask']
let marker = 0

// Data keys, now and then one that is special to JavaScript objects.
const key = fc.oneof(
  { weight: 9, arbitrary: fc.stringMatching(/^[A-Za-z0-9_][-._A-Za-z0-9]{0,11}$/).filter(k => !k.startsWith('..')) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf') },
)
// Values: any unicode, and now and then text made of the characters YAML
// writers and readers treat specially: indicators, a byte-order mark, NEL
// and LS (line breaks to goyaml, even in quotes), and quotes and
// backslashes before a space, where a quoted value written over lines ends
// a line just after an escape (`\"`, `''`, `\\`).
const AWKWARD = [' ', 'a', 'b', '?', '\u0085', '\u2028 ', '" ', "' ", '\\ ', '"', "'", '\\', '#', ':', '-', '.', '{', '[', ',', '&', '*', '!', '|', '>', '%', '@', '`', '\t', 'é', '\ufeff']
export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...AWKWARD), maxLength: 12 }) },
)

const configArb: fc.Arbitrary<Omit<Config, 'values'> & { values: Record<string, string> }> = fc.record({
  kind: fc.constantFrom<Kind>('ConfigMap', 'Secret'),
  name: fc.constantFrom(...NAMES),
  ns: fc.constantFrom(...NAMESPACES),
  values: fc.dictionary(key, text, { minKeys: 1, maxKeys: 4, noNullPrototype: true }),
  stringData: fc.boolean(),
  type: fc.option(fc.constantFrom('Opaque', 'kubernetes.io/basic-auth', 'example.com/custom'), { nil: undefined }),
})

export const estateArb: fc.Arbitrary<Estate> = fc.uniqueArray(configArb, { minLength: 1, maxLength: 5, selector: c => `${c.kind}/${c.ns}/${c.name}` })
  .chain(configs => fc.record({
    configs: fc.constant(configs as Config[]),
    workloads: fc.uniqueArray(fc.record({
      kind: fc.constantFrom(...WORKLOAD_KINDS),
      name: fc.constantFrom('w1', 'w2', 'w3', 'w4'),
      ns: fc.constantFrom(...NAMESPACES),
      refs: fc.array(fc.record({ target: fc.nat(configs.length - 1), loc: fc.constantFrom<Loc>('envFrom', 'keyRef', 'volume', 'projected', 'init', 'ephemeral', 'pullSecret') }), { maxLength: 4 }),
      optionalMissing: fc.boolean(),
    }), { maxLength: 4, selector: w => `${w.kind}/${w.ns}/${w.name}` }),
  }))

/** Plain objects for an estate; references only point into the workload's own namespace. */
export function objectsOf(estate: Estate): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = []
  for (const c of estate.configs) {
    const metadata = { name: c.name, ...(c.ns === 'default' && c.name.length % 2 ? {} : { namespace: c.ns }) }
    if (c.kind === 'ConfigMap') out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: c.values })
    else {
      const values = Object.fromEntries(Object.entries(c.values).map(([k, v]) => [k, `${v} MARKER${++marker}X`]))
      c.values = values
      out.push({
        apiVersion: 'v1', kind: 'Secret', metadata, ...(c.type ? { type: c.type } : {}),
        ...(c.stringData ? { stringData: values } : { data: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) }),
      })
    }
  }
  for (const w of estate.workloads) {
    const container: Record<string, any> = { name: 'main', image: 'app:1' }
    const spec: Record<string, any> = { containers: [container] }
    w.refs.forEach((r, i) => {
      const c = estate.configs[r.target]!
      if (c.ns !== w.ns) return
      const k = c.kind === 'ConfigMap' ? 'configMap' : 'secret'
      switch (r.loc) {
        case 'envFrom': (container.envFrom ??= []).push({ [`${k}Ref`]: { name: c.name } }); break
        case 'keyRef': (container.env ??= []).push({ name: `E${i}`, valueFrom: { [`${k}KeyRef`]: { name: c.name, key: Object.keys(c.values)[0] } } }); break
        case 'volume': (spec.volumes ??= []).push({ name: `v${i}`, ...(k === 'configMap' ? { configMap: { name: c.name } } : { secret: { secretName: c.name } }) }); break
        case 'projected': (spec.volumes ??= []).push({ name: `p${i}`, projected: { sources: [{ [k]: { name: c.name } }] } }); break
        case 'init': (spec.initContainers ??= [{ name: 'init', image: 'init:1' }])[0].envFrom = [{ [`${k}Ref`]: { name: c.name } }]; break
        case 'ephemeral': (spec.ephemeralContainers ??= [{ name: 'debug', image: 'busybox' }])[0].envFrom = [{ [`${k}Ref`]: { name: c.name } }]; break
        case 'pullSecret': if (k === 'secret') (spec.imagePullSecrets ??= []).push({ name: c.name }); break
      }
    })
    if (w.optionalMissing) (container.envFrom ??= []).push({ configMapRef: { name: 'nowhere', optional: true } })
    const meta = { name: w.name, namespace: w.ns }
    const podTemplate = { metadata: { labels: { app: w.name } }, spec }
    const obj: Record<string, unknown> = { apiVersion: 'apps/v1', kind: w.kind, metadata: meta }
    if (w.kind === 'Pod') Object.assign(obj, { apiVersion: 'v1', spec })
    else if (w.kind === 'CronJob') Object.assign(obj, { apiVersion: 'batch/v1', spec: { schedule: '@daily', jobTemplate: { spec: { template: podTemplate } } } })
    else if (w.kind === 'Job') Object.assign(obj, { apiVersion: 'batch/v1', spec: { template: podTemplate } })
    else if (w.kind === 'Rollout') Object.assign(obj, { apiVersion: 'argoproj.io/v1alpha1', spec: { template: podTemplate } })
    else if (w.kind === 'ProbeTask') Object.assign(obj, { apiVersion: 'example.com/v1', spec: { task: { container, ...(spec.volumes ? { volumes: spec.volumes } : {}) } } })
    else Object.assign(obj, { spec: { selector: { matchLabels: { app: w.name } }, template: podTemplate } })
    out.push(obj)
  }
  return out
}

/** How an estate is written: the same objects, differently. */
export interface Style {
  flow: boolean[]
  quote: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'
  comments: boolean
  json: boolean[]
  list: boolean
  shuffle: number
  /** Names and references written as block scalars (`|-`, `>-`) where the document is in block style. */
  blockNames: boolean
  /** In a List, the first ConfigMap/Secret's labels anchored and used by the first workload's selector and template labels. */
  anchors: boolean
  /**
   * Reference names and ConfigMap/Secret data written with a merge key that
   * overrides a decoy written before it (`{name: decoy, <<: {name: real}}`):
   * goyaml v2 reads entries in order, the later winning.
   */
  merges: boolean
  /**
   * Values with spaces written quoted over several lines, the lines after
   * the first at column 0: kubectl reads them, the yaml package (and the
   * YAML spec) does not. Only where the judge is kubectl.
   */
  dedent?: boolean
  /**
   * A file that is one JSON document written with the escapes JSON writers
   * use and YAML 1.1 lacks: `\/` (PHP) and surrogate pairs for characters
   * past U+FFFF (Python's json.dumps).
   */
  jsonEscapes: boolean
  /** How the stream ends: a line break, none, a block scalar, a comment or spaces without one. */
  ending: 'newline' | 'none' | 'comment' | 'spaces' | 'block'
}
export const styleArb: fc.Arbitrary<Style> = fc.record({
  flow: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  quote: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  comments: fc.boolean(),
  json: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  list: fc.boolean(),
  shuffle: fc.nat(1000),
  blockNames: fc.boolean(),
  anchors: fc.boolean(),
  merges: fc.boolean(),
  jsonEscapes: fc.boolean(),
  ending: fc.constantFrom('newline', 'none', 'comment', 'spaces', 'block'),
})

function shuffleKeys(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map(x => shuffleKeys(x, seed + 1))
  if (!v || typeof v !== 'object') return v
  const entries = Object.entries(v)
  entries.sort(([a], [b]) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7) || (seed % 2 ? a.localeCompare(b) : b.localeCompare(a)))
  return Object.fromEntries(entries.map(([k, x]) => [k, shuffleKeys(x, seed + 3)]))
}

/**
 * Strings that Kubernetes (YAML 1.1, goyaml v2) would read as something else
 * when written plain: booleans (y, N, on…), numbers in any base or with
 * underscores, nulls; a leading colon (goyaml refuses `{a: :b}`); and
 * text with characters YAML 1.1 reads as line
 * breaks (NEL, U+2028, U+2029, a carriage return), which only double quotes
 * keep. Writers for Kubernetes must quote them; cmhash rejects
 * them where a string is required (see errors.test.ts), so the generator
 * quotes them.
 */
const K8S_AMBIGUOUS = /^(?:[-+.0-9:].*|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|)$|[\u0085\u2028\u2029\r]/

/**
 * In flow style, goyaml also reads a `?` anywhere in a plain scalar as an
 * indicator (kubectl refuses `{k: what?}`, reads `{?k: v}` as the key `k`);
 * the yaml package writes such strings plain. Writers for Kubernetes must
 * quote them, and cmhash refuses them (flow-plain.ts).
 */
const K8S_AMBIGUOUS_IN_FLOW = /\?/

export function stringify(obj: unknown, options: { collectionStyle?: 'flow' | 'block'; defaultStringType?: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'; defaultKeyType?: 'PLAIN'; lineWidth?: number } = {}): string {
  return escapeSeparators(quoted(new Document(obj), options.collectionStyle === 'flow').toString(options))
}

/**
 * NEL, LS and PS written as `\u` escapes. The yaml package and
 * JSON.stringify write them raw, inside double quotes (quoted() puts them
 * there), where goyaml reads them as line breaks and folds them: kubectl
 * would read another value than the object's. The escape reads the same in
 * YAML and JSON. (kubectl-differential.test.ts writes them raw.)
 */
export function escapeSeparators(text: string): string {
  return text.replace(/[\u0085\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** A document whose ambiguous strings (see K8S_AMBIGUOUS) are double-quoted; `flow` when it is to be written in flow style. */
function quoted(doc: Document, flow = false): Document {
  const ambiguous = (v: unknown) => typeof v === 'string' && (K8S_AMBIGUOUS.test(v) || (flow && K8S_AMBIGUOUS_IN_FLOW.test(v)))
  visit(doc, { Scalar(_, node) { if (ambiguous(node.value)) node.type = 'QUOTE_DOUBLE' } })
  visit(doc, { Pair(_, pair) { if (isScalar(pair.key) && ambiguous(pair.key.value)) pair.key.type = 'QUOTE_DOUBLE' } })
  return doc
}

/** The objects as YAML text in a given style; the same objects, differently written. */
export function render(objs: Array<Record<string, unknown>>, style: Style): string {
  const docs = objs.map(o => shuffleKeys(o, style.shuffle) as Record<string, unknown>)
  // A List of two: the first ConfigMap/Secret and the first workload when
  // there are both (so that labels can be shared between them), else the
  // first two documents.
  const config = docs.findIndex(o => o.kind === 'ConfigMap' || o.kind === 'Secret')
  const workload = docs.findIndex(o => o.kind !== 'ConfigMap' && o.kind !== 'Secret')
  const pair = config >= 0 && workload >= 0 ? [config, workload] : [0, 1]
  const body = style.list && docs.length > 1
    ? [{ apiVersion: 'v1', kind: 'List', items: pair.map(i => docs[i]!) }, ...docs.filter((_, i) => !pair.includes(i))]
    : docs
  const text = body.map((o, i) => {
    const flow = style.flow[i % 12]!
    const written = style.json[i % 12]
      ? JSON.stringify(o, null, 2)
      : writeDocument(o, { flow, quote: style.quote, blockNames: style.blockNames && !flow, anchors: style.anchors && i === 0 && o.kind === 'List', merges: style.merges, dedent: style.dedent === true && !flow, seed: style.shuffle + i })
    return `${style.comments ? `# document ${i}\n` : ''}${written}`
  }).join('\n---\n')
  // kubectl reads a file that starts with { as JSON alone: a JSON document
  // with more after it, or flow-style YAML, needs a --- line before it.
  const ended = endWith(text, style.ending)
  // A file that is one JSON document keeps NEL, LS and PS raw, as JSON writers leave them.
  if (isJson(ended)) return style.jsonEscapes ? withJsonEscapes(ended) : ended
  const yaml = escapeSeparators(ended)
  return yaml.startsWith('{') ? `---\n${yaml}` : yaml
}

/** One document written with the yaml package, in the style asked for. */
function writeDocument(o: Record<string, unknown>, how: { flow: boolean; quote: Style['quote']; blockNames: boolean; anchors: boolean; merges: boolean; dedent: boolean; seed: number }): string {
  const doc = quoted(new Document(o), how.flow)
  if (how.blockNames) {
    // Names and reference names as strip-chomped block scalars: the same
    // strings, written over two lines.
    visit(doc, {
      Pair(_, pair) {
        const k = isScalar(pair.key) ? String(pair.key.value) : ''
        if (/^(name|secretName)$/.test(k) && isScalar(pair.value) && /^[a-z0-9][-a-z0-9.]*$/.test(String(pair.value.value))) {
          (pair.value).type = String(pair.value.value).length % 2 ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED'
        }
      },
    })
  }
  if (how.anchors) shareLabels(doc)
  // The decoys are new strings: quoted as the rest (a value with U+2028 makes a decoy with it).
  if (how.merges) quoted(overrideByMerges(doc), how.flow)
  const dedented = how.dedent ? dedentValues(doc, how.quote, how.seed) : []
  let text = doc.toString({ collectionStyle: how.flow ? 'flow' : 'block', defaultStringType: how.quote, defaultKeyType: 'PLAIN', lineWidth: 0 })
  for (const [i, written] of dedented.entries()) text = text.replace(`dedentxq${i}qx`, () => written)
  return text
}

/**
 * Data and annotation values holding a space between two other characters
 * (one in three of them): replaced by placeholders, and returned quoted with each such space a line
 * break and the next line at column 0 (the line break folds back into the
 * space). Quoted single when the style quotes so and the value can be
 * (printable, no line break), else double, as JSON writes it; a line may end
 * just after an escape (`\"`, `\\`, `''`), which the yaml package misreads.
 */
function dedentValues(doc: Document, quote: Style['quote'], seed: number): string[] {
  const written: string[] = []
  let seen = 0
  visit(doc, {
    Pair(_, pair, path) {
      const parent = path.at(-2)
      const parentKey = isPair(parent) && isScalar(parent.key) ? String(parent.key.value) : ''
      if (!['data', 'stringData', 'annotations'].includes(parentKey) || !isScalar(pair.value) || typeof pair.value.value !== 'string') return undefined
      const value = pair.value.value
      const single = quote === 'QUOTE_SINGLE' && !/\p{Cc}|[\u2028\u2029\ufeff\ufffe\uffff]/u.test(value)
      const quoted = single ? `'${value.replaceAll("'", "''")}'` : JSON.stringify(value)
      const spaces = /(?<=[^ \t]) (?=[^ \t\-.])/g
      // One value in three, so that a document often has one such value only.
      if (!spaces.test(quoted) || (seen++ + seed) % 3 !== 0) return undefined
      const placeholder = doc.createNode(`dedentxq${written.length}qx`)
      placeholder.type = 'PLAIN'
      pair.value = placeholder
      // At every such space, or (every other document) at the first only.
      written.push(seed % 2 ? quoted.replace(spaces, '\n') : quoted.replace(new RegExp(spaces.source), '\n'))
      return undefined
    },
  })
  return written
}

/**
 * In a List holding a ConfigMap/Secret and a workload with a selector: the
 * config's labels become the workload's labels, anchored there and used
 * through aliases as the selector and the pod template's labels, the shape
 * that once let cmhash's managed label reach the selector; and its
 * annotations become the template's, the shape that let cmhash's name
 * annotation reach the template (a block map's first pair is added before
 * the offset its range starts at).
 */
function shareLabels(doc: Document): void {
  const items = doc.get('items', true)
  if (!isSeq(items) || items.items.length < 2) return
  const [config, workload] = items.items as [YAMLMap, YAMLMap]
  const selector = workload.getIn(['spec', 'selector', 'matchLabels'], true) as Node | undefined
  if (!isMap(config) || !isMap(selector) || !['ConfigMap', 'Secret'].includes(String(config.get('kind')))) return
  const labels = doc.createNode(selector.toJSON()) as YAMLMap
  const metadata = config.get('metadata', true)
  if (!isMap(metadata)) return
  metadata.set('labels', labels)
  workload.setIn(['spec', 'selector', 'matchLabels'], doc.createAlias(labels, 'labels'))
  const template = workload.getIn(['spec', 'template', 'metadata'], true)
  if (!isMap(template)) return
  template.set('labels', doc.createAlias(labels, 'labels'))
  // The ConfigMap's annotations (cmhash adds its own before their first
  // pair) shared as the template's.
  const annotations = metadata.get('annotations', true)
  const shared = isMap(annotations) && annotations.items.length > 0 ? annotations : doc.createNode({ 'example.com/note': 'shared' }) as YAMLMap
  metadata.set('annotations', shared)
  template.set('annotations', doc.createAlias(shared, 'notes'))
}

/**
 * Each reference's `name` (in a map that is a pair's value, not metadata) and the first entry
 * of each `data`/`stringData`, written as a decoy that a merge key after it
 * overrides with the real value. Kubernetes reads the same object.
 */
function overrideByMerges(doc: Document): Document {
  visit(doc, {
    Pair(_, pair, path) {
      const key = isScalar(pair.key) ? String(pair.key.value) : ''
      const parentPair = path.at(-2)
      const parentKey = isPair(parentPair) && isScalar(parentPair.key) ? String(parentPair.key.value) : ''
      const map = path.at(-1)
      if (!isMap(map) || !isScalar(pair.value) || parentKey === '<<' || map.items.some(p => isScalar(p.key) && p.key.value === '<<')) return undefined
      // A name in a map that is itself a pair's value (configMapRef: {name: …}), not in metadata.
      const reference = key === 'name' && isPair(parentPair) && parentKey !== 'metadata'
      const data = ['data', 'stringData'].includes(parentKey) && map.items[0] === pair
      if (!reference && !data) return undefined
      const real = new YAMLMap()
      real.items.push(new Pair((pair.key as Scalar).clone(), pair.value))
      const at = map.items.indexOf(pair)
      map.items.splice(at + 1, 0, doc.createPair('<<', real))
      pair.value = doc.createNode(`decoy-${String(pair.value.value)}`)
      return undefined
    },
  })
  return doc
}

/** The stream's end, written one of the ways files end. */
function endWith(text: string, ending: Style['ending']): string {
  const body = text.replace(/\n+$/, '')
  switch (ending) {
    case 'newline': return `${body}\n`
    case 'none': return body
    case 'comment': return `${body}\n# the end`
    case 'spaces': return `${body}\n  `
    // A last object whose last value is a block scalar, with no line break after it.
    case 'block': return `${body}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: tail}\ndata:\n  script: |\n    echo done`
  }
}

/** JSON text with `/` escaped and characters past U+FFFF written as surrogate pairs: the same JSON. */
function withJsonEscapes(json: string): string {
  const hex = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`
  return json.replaceAll('/', '\\/').replace(/[\u{10000}-\u{10FFFF}]/gu, c => hex(c.charCodeAt(0)) + hex(c.charCodeAt(1)))
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
