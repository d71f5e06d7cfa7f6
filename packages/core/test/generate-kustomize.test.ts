// Differential test for generators: the same generator blocks go to
// `kubectl kustomize` (in a kustomization.yaml) and to cmhash (in
// cmhash.config.yaml: generate, then build), with a Pod that references every
// generated object; the objects must come out the same, names included, and
// the Pod must reference the same names. kubectl runs for real on every case.
import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments, stringify } from 'yaml'
import { build, generate, type GeneratorSpec } from '@cmhash/core'
import { generatedObjects, parseConfig } from '@cmhash/core/config'
import { kubectlVersion, kustomize, skipKubectl } from '../../../test/_utils/kubectl.js'
import { errorsOf } from './_build.js'

type Files = Record<string, string | Uint8Array>
interface Case {
  readonly id: string
  /** Generator blocks, written once for both tools (quote what YAML 1.1 would read as a non-string). */
  readonly config: string
  readonly files?: Files
}

const bytes = (...b: number[]) => new Uint8Array(b)
const line = (n: number) => `A=${'x'.repeat(n - 2)}`
/** One ConfigMap (or Secret) generator per env file, so each oddity is its own object. */
const envGenerators = (kind: 'configMapGenerator' | 'secretGenerator', envs: Files) =>
  `${kind}:\n${Object.keys(envs).map(n => `- name: ${kind === 'secretGenerator' ? 's' : 'c'}-${n}\n  envs: [${n}]\n`).join('')}`

// Env files with every oddity measured: each becomes one object.
const ENV_FILES: Files = {
  comments: '# comment\n  # indented comment\nA=1 # not a comment\n#B=2\n',
  blank: '\n\nA=1\n   \n\t\nB=2\n',
  'empty-value': 'A=\nB=  \n',
  'eq-in-value': 'A=a=b=c\nB==x\n',
  quotes: 'A="quoted"\nB=\'single\'\nC="a b"\nD="unterminated\nE=x"y"\nF=" spaced "\nG=""\n',
  'leading-space': '  A=1\n\tD=4\nC= 3 \n',
  'no-equals': 'FOO\nA=1\n',
  bom: '\ufeffA=1\nB=2\n',
  'bom-comment': '\ufeff# c\nA=1\n',
  crlf: 'A=1\r\nB=two\r\n\r\n#c\r\n',
  'cr-only': 'A=1\rB=2\r',
  'cr-twice': 'A=1\r\r\nB=2\n',
  'cr-at-end': 'A=1\r',
  unicode: 'A=héllo 日本 😀\n',
  empty: '',
  'only-comments': '# x\n\n',
  'no-final-newline': 'A=1\nB=2',
  tabs: 'A=a\tb\nB=\tx\t\n',
  backslashes: 'A=a\\nb\nB=c\\\n',
  controls: 'A=a\u0007b\nB=a\u0000b\n',
  'yaml-words': 'A=true\nB=1.5\nC=null\nD=yes\nE=~\nF=0755\n',
  'unicode-spaces': '\u00a0A=1\n\u2028B=2\n\u000bC=3\n\u000cD=4\n\u0085E=5\n\u3000F=6\n\u2003G=7\n',
  'no-key': '=v\n  =w\nA=1\n',
  'line-separators': 'A=a\u2028b\nB=c\u0085d\n',
  'longest-line': `Z=0\n${line(65_535)}\nC=1\n`,
}

const ENVS: Files = { 'app.env': 'E=1\nF=2\n', 'other.env': 'O=1\n' }

const cases: Case[] = [
  {
    id: 'files',
    files: {
      'a.txt': 'hello\n', 'd/sub.txt': 'x', 'e.txt': '', '.hidden': 'h', 'k.txt': 'keyed\n', ['__proto__']: 'p', constructor: 'c',
    },
    config: 'configMapGenerator:\n- name: files\n  files: [a.txt, d/sub.txt, e.txt, .hidden, key=k.txt, ./d/../k.txt, __proto__, constructor]\n' +
      'secretGenerator:\n- name: files\n  files: [__proto__, constructor]\n',
  },
  {
    id: 'text-content',
    files: {
      crlf: 'a\r\nb\r\n', cr: 'a\rb', bom: '\ufeffhello\n', unicode: 'héllo 日本 😀\n\u2028x\u0085y\n',
      'trailing-spaces': 'a  \n  b\n\n\n', 'leading-spaces': '  a\nb', 'first-indented': ' a\nb\n', 'space-at-end': 'a\n ',
      'long-line': `${'w '.repeat(100)}\n`, tab: 'a\tb\n', 'later-tab': 'a\n\tb\n', nul: bytes(0x61, 0, 0x62), bell: 'a\u0007b',
      'yaml-word': 'true', number: '0755', newline: '\n', newlines: '\n\n', 'blank-lines': '\n\na\n\n', spaces: '  \n',
      'yaml-like': '---\nkey: value\n# comment\n- item\n...\n', 'keep-trailing': 'a\n\n\n', json: '{"a": "b\\n", "c": [1, 2]}\n',
      'nginx.conf': 'server {\n  listen 80;\n  location / {\n    return 200 "ok";\n  }\n}\n',
      nbsp: 'a\u00a0b\n', 'odd-quotes': `it's "quoted" \\ backslash\n`, emoji: '😀', latin: 'café',
    },
    config: 'configMapGenerator:\n- name: text\n  files: [crlf, cr, bom, unicode, trailing-spaces, leading-spaces, first-indented, space-at-end,' +
      ' long-line, tab, later-tab, nul, bell, yaml-word, number, newline, newlines, blank-lines, spaces, yaml-like, keep-trailing, json,' +
      ' nginx.conf, nbsp, odd-quotes, emoji, latin]\n',
  },
  {
    id: 'binary-content',
    files: {
      latin1: bytes(0x63, 0x61, 0x66, 0xe9), surrogate: bytes(0x61, 0xed, 0xa0, 0x80), overlong: bytes(0x61, 0xc0, 0xaf),
      'bom-binary': bytes(0xef, 0xbb, 0xbf, 0xff), truncated: bytes(0x61, 0xe6, 0x97), blob: bytes(0xff, 0x00, 0xfe, 0x80, 0x41),
      long: new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37 + 128) % 256)), zeros: new Uint8Array(16),
      'text.txt': 'text beside binary\n',
    },
    config: 'configMapGenerator:\n- name: binary\n  files: [latin1, surrogate, overlong, bom-binary, truncated, blob, long, zeros, text.txt]\n' +
      'secretGenerator:\n- name: binary\n  files: [latin1, blob, long, zeros, text.txt]\n',
  },
  {
    id: 'large',
    files: {
      'exactly-1mib': 'x'.repeat(1_048_576),
      'big.conf': Array.from({ length: 20_000 }, (_, i) => `line ${i} = ${'v'.repeat(i % 40)}`).join('\n'),
      'part.bin': new Uint8Array(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256)),
    },
    config: 'configMapGenerator:\n- name: max\n  files: [exactly-1mib]\n- name: big\n  files: [big.conf, part.bin]\n' +
      'secretGenerator:\n- name: big\n  files: [big.conf]\n',
  },
  { id: 'env-configmaps', files: ENV_FILES, config: envGenerators('configMapGenerator', ENV_FILES) },
  { id: 'env-secrets', files: ENV_FILES, config: envGenerators('secretGenerator', ENV_FILES) },
  {
    id: 'literals',
    config: `configMapGenerator:\n- name: literals\n  literals:\n${[
      'A=1', 'B=hello world', 'C=a=b', 'D==x', 'E="quoted"', 'F="a b"', 'G="unterminated', 'H=x"y"', 'I=""', 'J=" s "',
      "K='single'", "L='a=b'", "M=''", `N="x'`, `O='x"`, 'P=', 'Q=line1\nline2\n', 'R=x\r\ny', 'S=日本 😀', 'T="a=b"', 'U="',
      'V="a\\nb"', 'W=# not a comment', 'X=true', 'Y=yes', 'Z=  trailing  ', 'AA=a\u0007b', 'BB=a\u2028b',
    ].map(l => `  - ${JSON.stringify(l)}\n`).join('')}`,
  },
  {
    id: 'secrets',
    files: { ...ENVS, 'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 'tls.key': 'KEY\n', k51: 'x'.repeat(51), k52: 'x'.repeat(52), k53: 'y'.repeat(53), k105: 'y'.repeat(105), pem: 'z'.repeat(1000) },
    config: 'secretGenerator:\n' +
      '- name: untyped\n  literals: [password=s3cr3t, "quoted=\\"q\\""]\n' +
      '- name: opaque\n  type: Opaque\n  literals: [password=s3cr3t]\n' +
      '- name: tls\n  type: kubernetes.io/tls\n  files: [tls.crt, tls.key]\n' +
      '- name: custom\n  type: example.com/thing\n  literals: ["token=tøken ✓"]\n' +
      '- name: wrapping\n  files: [k51, k52, k53, k105, pem]\n' +
      '- name: empty\n' +
      '- name: empty-tls\n  type: kubernetes.io/tls\n' +
      '- name: mixed\n  envs: [app.env]\n  files: [conf=tls.key]\n  literals: [lit=1]\n',
  },
  {
    id: 'options',
    files: ENVS,
    config: 'configMapGenerator:\n' +
      '- name: plain\n  literals: [A=1]\n' +
      '- name: labelled\n  literals: [A=1]\n  options:\n    labels: {app: web, "x": "true", empty: ""}\n    annotations: {note: "multi\\nline", "n": "123", url: "https://example.com/a?b=c#d"}\n' +
      '- name: immutable\n  literals: [A=1]\n  options: {immutable: true}\n' +
      '- name: not-immutable\n  literals: [A=1]\n  options: {immutable: false}\n' +
      '- name: kept\n  literals: [A=1]\n  options: {disableNameSuffixHash: true}\n' +
      '- name: kept-immutable\n  literals: [A=1]\n  options: {disableNameSuffixHash: true, immutable: true}\n' +
      '- name: in-namespace\n  namespace: team-a\n  literals: [A=1]\n' +
      '- name: plain\n  namespace: team-b\n  literals: [A=2]\n' +
      '- name: created\n  behavior: create\n  literals: [A=1]\n' +
      '- name: empty\n' +
      '- name: empty-lists\n  files: []\n  envs: []\n  literals: []\n' +
      '- name: old-env\n  env: app.env\n' +
      '- name: env-and-envs\n  env: app.env\n  envs: [other.env]\n' +
      'secretGenerator:\n' +
      '- name: plain\n  literals: [A=1]\n' +
      '- name: kept\n  namespace: team-a\n  literals: [A=1]\n  options: {disableNameSuffixHash: true, labels: {tier: db}}\n',
  },
  {
    id: 'global-options',
    config: 'generatorOptions:\n  labels: {g: "1", both: global}\n  annotations: {ga: x, both: global}\n' +
      'configMapGenerator:\n- name: a\n  literals: [A=1]\n  options: {labels: {both: local, l: "2"}, annotations: {both: local}}\n' +
      '- name: b\n  literals: [B=1]\n' +
      'secretGenerator:\n- name: s\n  literals: [A=1]\n',
  },
  {
    id: 'global-immutable-and-kept',
    config: 'generatorOptions:\n  immutable: true\n  disableNameSuffixHash: true\n' +
      'configMapGenerator:\n- name: a\n  literals: [A=1]\n  options: {disableNameSuffixHash: false, immutable: false}\n' +
      'secretGenerator:\n- name: s\n  literals: [A=1]\n',
  },
  {
    id: 'global-kept-local-hashed',
    config: 'generatorOptions:\n  disableNameSuffixHash: false\n' +
      'configMapGenerator:\n- name: a\n  literals: [A=1]\n  options: {disableNameSuffixHash: true}\n- name: b\n  literals: [A=1]\n',
  },
]

interface Obj {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }
  immutable?: boolean
  [k: string]: unknown
}
const id = (o: Obj) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`
const parse = (text: string) => parseAllDocuments(text).map(d => {
  expect(d.errors).toEqual([])
  return d.toJS() as Obj
})

/** A Pod per namespace, referencing every generated object there. */
function podsFor(spec: GeneratorSpec): string {
  const byNamespace = new Map<string, unknown[]>()
  for (const o of generatedObjects(spec)) {
    const refs = byNamespace.get(o.namespace ?? '') ?? []
    refs.push({ [o.kind === 'ConfigMap' ? 'configMapRef' : 'secretRef']: { name: o.name } })
    byNamespace.set(o.namespace ?? '', refs)
  }
  return [...byNamespace].map(([ns, envFrom]) => stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'uses-all', ...(ns ? { namespace: ns } : {}) },
    spec: { containers: [{ name: 'c', image: 'x', envFrom }] },
  })).join('---\n')
}

/** The object without what cmhash adds to every object it generates or hashes; checks what it adds. */
function withoutCmhashMarks(o: Obj, hashed: boolean, baseName: string): Obj {
  const { labels = {}, annotations = {}, ...meta } = o.metadata
  const { 'cmhash.dev/managed': managed, ...otherLabels } = labels
  const { 'cmhash.dev/name': recorded, 'cmhash.dev/hash': mode, ...otherAnnotations } = annotations
  expect(mode).toBe(hashed ? 'true' : 'false')
  expect(managed).toBe(hashed ? 'true' : undefined)
  expect(recorded).toBe(hashed ? baseName : undefined)
  if (hashed) expect(o.immutable).toBe(true)
  return {
    ...o,
    metadata: { ...meta, ...(Object.keys(otherLabels).length ? { labels: otherLabels } : {}), ...(Object.keys(otherAnnotations).length ? { annotations: otherAnnotations } : {}) },
  }
}

/**
 * kustomize writes U+0085, U+2028 and U+2029 as the line breaks YAML 1.1
 * takes them for, which a YAML 1.2 reader (this test's) reads differently;
 * such values are compared through the name, whose hash covers them.
 */
function yaml11LineBreaks(ours: Obj, theirs: Obj): void {
  for (const field of ['data', 'binaryData'] as const) {
    const a = ours[field] as Record<string, string> | undefined
    const b = theirs[field] as Record<string, string> | undefined
    for (const [k, v] of Object.entries(a ?? {})) {
      if (!/[\u0085\u2028\u2029]/.test(v)) continue
      expect(b).toHaveProperty([k])
      delete a![k]
      delete b![k]
    }
  }
}

describe.skipIf(skipKubectl)('generators make what kubectl kustomize makes', () => {
  it('runs against a real kubectl', () => {
    expect(kubectlVersion()).toMatch(/Kustomize Version: v5/)
  })

  it.each(cases)('$id', ({ config, files = {} }) => {
    const spec = parseConfig(config, 'cmhash.config.yaml')
    const pods = podsFor(spec)
    const expected = parse(kustomize({ ...files, 'kustomization.yaml': `${config}resources: [pods.yaml]\n`, 'pods.yaml': pods }))
    const generated = generate(spec, files)
    const result = build([{ path: 'generated.yaml', content: generated }, { path: 'pods.yaml', content: pods }])
    const ours = parse(result.output)
    const objects = generatedObjects(spec)
    expect(ours.map(id).sort()).toEqual(expected.map(id).sort())
    expect(objects.length).toBeGreaterThan(0)
    for (const theirs of expected) {
      const mine = ours.find(o => id(o) === id(theirs))!
      if (theirs.kind === 'Pod') {
        expect(mine).toEqual(theirs)
        continue
      }
      const base = mine.metadata.annotations?.['cmhash.dev/name'] ?? mine.metadata.name
      const gen = objects.find(o => o.kind === theirs.kind && o.name === base && o.namespace === theirs.metadata.namespace)!
      expect(gen, id(theirs)).toBeDefined()
      const stripped = withoutCmhashMarks(mine, gen.hashed, base)
      yaml11LineBreaks(stripped, theirs)
      // Hashed objects are immutable whatever kustomize was told.
      if (gen.hashed && theirs.immutable === undefined) delete stripped.immutable
      expect(stripped, id(theirs)).toEqual(theirs)
    }
  })

  // Where kustomize makes an object that Kubernetes rejects, or drops data
  // without a word, cmhash refuses: these show kustomize does so.
  it.each([
    ['a space in an env-file key', { e: 'my key=1\n' }, 'envs: [e]', 'INVALID_DATA_KEY', { 'my key': '1' }],
    ['a space before "=" in an env file', { e: 'B =2\n' }, 'envs: [e]', 'INVALID_DATA_KEY', { 'B ': '2' }],
    ['"export" in an env file', { e: 'export A=1\n' }, 'envs: [e]', 'INVALID_DATA_KEY', { 'export A': '1' }],
    ['a "/" in a literal key', {}, 'literals: ["a/b=1"]', 'INVALID_DATA_KEY', { 'a/b': '1' }],
    ['a non-ASCII key', {}, 'literals: ["ключ=1"]', 'INVALID_DATA_KEY', { ключ: '1' }],
    ['the key "."', {}, 'literals: [".=1"]', 'INVALID_DATA_KEY', { '.': '1' }],
    ['a 254-character key', {}, `literals: ["${'k'.repeat(254)}=1"]`, 'INVALID_DATA_KEY', { ['k'.repeat(254)]: '1' }],
    ['a file name that is not a key', { 'my file.txt': 'x' }, 'files: [my file.txt]', 'INVALID_DATA_KEY', { 'my file.txt': 'x' }],
    ['a byte-order mark on a later env-file line', { e: 'A=1\n\ufeffB=2\n' }, 'envs: [e]', 'INVALID_DATA_KEY', { A: '1', '\ufeffB': '2' }],
    ['an env-file line of 64 KiB', { e: `Z=0\n${line(65_536)}\nC=1\n` }, 'envs: [e]', 'INVALID_GENERATOR', { Z: '0' }],
    ['more than 1 MiB of data', { big: 'x'.repeat(1_048_577) }, 'files: [big]', 'OBJECT_TOO_LARGE', { big: 'x'.repeat(1_048_577) }],
  ] as const)('refuses %s, which kustomize accepts', (_, files, sources, code, kustomizeData) => {
    const config = `configMapGenerator:\n- name: g\n  ${sources}\n`
    const [made] = parse(kustomize({ ...files, 'kustomization.yaml': config }))
    expect(made!.data).toEqual(kustomizeData)
    const errors = errorsOf(() => generate(parseConfig(config, 'c.yaml'), files))
    expect(errors.map(e => e.code)).toEqual([code])
  })

  // And where kustomize fails, cmhash either refuses too or makes the object Kubernetes accepts.
  it.each([
    ['a literal without "="', {}, 'literals: [NOEQ]', 'INVALID_GENERATOR'],
    ['a literal without a key', {}, 'literals: ["=v"]', 'INVALID_GENERATOR'],
    ['a repeated key', {}, 'literals: [A=1, A=2]', 'DUPLICATE_DATA_KEY'],
    ['a key from an env file and a literal', { e: 'A=1\n' }, 'envs: [e]\n  literals: [A=1]', 'DUPLICATE_DATA_KEY'],
    ['one file name in two directories', { 'a.txt': 'x', 'd/a.txt': 'y' }, 'files: [a.txt, d/a.txt]', 'DUPLICATE_DATA_KEY'],
    ['two "=" in a files entry', { 'a=b.txt': 'x' }, 'files: ["k=a=b.txt"]', 'INVALID_GENERATOR'],
    ['no key before "=" in a files entry', { 'a.txt': 'x' }, 'files: ["=a.txt"]', 'INVALID_GENERATOR'],
    ['an env file that is not UTF-8', { e: bytes(0x23, 0xff, 0x0a, 0x41, 0x3d, 0x31, 0x0a) }, 'envs: [e]', 'INVALID_GENERATOR'],
  ] as const)('refuses %s, as kustomize does', (_, files, sources, code) => {
    const config = `configMapGenerator:\n- name: g\n  ${sources}\n`
    expect(() => kustomize({ ...files, 'kustomization.yaml': config })).toThrow()
    expect(errorsOf(() => generate(parseConfig(config, 'c.yaml'), files)).map(e => e.code)).toEqual([code])
  })

  it.each([
    ['starts with a tab', '\ta\nb\n', /found a tab character/],
    ['holds DEL', 'a\u007fb', /control characters are not allowed/],
    ['holds U+FFFE', 'a\ufffeb', /control characters are not allowed/],
  ])('makes a file that %s, which kustomize cannot write', (_, content, failure) => {
    const config = 'configMapGenerator:\n- name: odd\n  files: [t]\n'
    const files = { t: content }
    expect(() => kustomize({ ...files, 'kustomization.yaml': config })).toThrow(failure)
    expect(parse(build(generate(parseConfig(config, 'c.yaml'), files)).output)[0]!.data).toEqual(files)
  })

  it('makes the all-digit keys kustomize cannot write, as Kubernetes accepts them', () => {
    const config = 'configMapGenerator:\n- name: tcp\n  literals: ["80=default/web:8080"]\n'
    expect(() => kustomize({ 'kustomization.yaml': config })).toThrow(/unsupported type/)
    const out = build(generate(parseConfig(config, 'c.yaml'), {})).output
    expect(parse(out)[0]!.data).toEqual({ 80: 'default/web:8080' })
  })

  it('gives a Secret the name kustomize gives it, whatever the base64 line length', () => {
    // The 70-column wrapping enters kustomize's hash; the build re-encodes any layout the same way.
    const config = 'secretGenerator:\n- name: s\n  files: [k]\n'
    const files = { k: Buffer.alloc(52, 'x') }
    const [theirs] = parse(kustomize({ ...files, 'kustomization.yaml': config }))
    expect(theirs!.data).toEqual({ k: `${'eHh4'.repeat(17)}eA\n==\n` })
    expect(parse(build(generate(parseConfig(config, 'c.yaml'), files)).output)[0]!.metadata.name).toBe(theirs!.metadata.name)
  })
})
