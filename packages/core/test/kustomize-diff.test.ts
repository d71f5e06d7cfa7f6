// Differential test: for the same content, the name cmhash gives a ConfigMap
// or Secret must be the name `kubectl kustomize` gives it through a
// configMapGenerator/secretGenerator. kubectl runs for real on every run.
import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments, stringify } from 'yaml'
import { build, hashConfigMap, hashSecret } from '@cmhash/core'
import { kubectlVersion, kustomize, skipKubectl } from '../../../test/_utils/kubectl.js'

type Style = 'double' | 'yaml' | 'json' | 'single-line-flow'

interface Case {
  readonly id: string
  readonly kind: 'ConfigMap' | 'Secret'
  readonly name?: string
  readonly namespace?: string
  readonly type?: string
  /** Key to content; Uint8Array content that is not UTF-8 lands in binaryData (ConfigMap) as kustomize does. */
  readonly content: Record<string, string | Uint8Array>
  readonly style: Style
  /** Secrets: write values as stringData instead of data. */
  readonly stringData?: boolean
  /** Secrets: wrap base64 at 20 characters in a block scalar. */
  readonly wrapBase64?: boolean
}

const bytes = (...b: number[]) => new Uint8Array(b)

const CONTENTS: Record<string, Record<string, string | Uint8Array>> = {
  simple: { a: 'b' },
  html: { 'page.html': '<b>bold</b> & <i>more</i> > less\n' },
  nonAscii: { 'greeting.txt': 'héllo wörld — 日本語 😀 ∑\n' },
  lineSeparators: { text: 'para\u2028graph\u2029end' },
  crlf: { 'win.ini': '[section]\r\nkey=value\r\n' },
  multiline: { 'app.properties': 'a=1\nb=2\n\n# comment\nc = three  \n', 'no-newline': 'x\ny' },
  tabs: { tsv: 'a\tb\tc\n1\t2\t3\n' },
  emptyValue: { empty: '' },
  keyOrder: { B: '1', a: '2', 'A.b': '3', _x: '4', '-y': '5', '9z': '6', 'Z_z.conf': '7' },
  jsonText: { 'config.json': '{"a": "b\\n", "c": [1, 2], "d": "\\u00e9"}\n' },
  quotes: { q: `it's "quoted" \\ backslash` },
  binary: { 'blob.bin': bytes(0xff, 0x00, 0xfe, 0x80, 0x41), 'text.txt': 'hello\n' },
  onlyBinary: { 'blob.bin': bytes(0xc3, 0x28, 0xa0, 0xa1) },
  longBinary: { 'blob.bin': new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37 + 128) % 256)) },
  // Valid keys for Kubernetes that are special in JavaScript: built with
  // fromEntries, since a literal `__proto__:` would set the prototype.
  jsKeys: Object.fromEntries([['__proto__', 'p'], ['constructor', 'c'], ['toString', 't'], ['hasOwnProperty', 'h'], ['valueOf', 'v']]),
  onlyProto: Object.fromEntries([['__proto__', 'only']]),
}

const SECRET_CONTENTS: Record<string, { type?: string; content: Record<string, string | Uint8Array> }> = {
  untyped: { content: { password: 's3cr3t' } },
  opaque: { type: 'Opaque', content: { password: 's3cr3t' } },
  tls: { type: 'kubernetes.io/tls', content: { 'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 'tls.key': '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n' } },
  dockerconfig: { type: 'kubernetes.io/dockerconfigjson', content: { '.dockerconfigjson': '{"auths":{"registry.example.com":{"auth":"dXNlcjpwYXNz"}}}' } },
  basicAuth: { type: 'kubernetes.io/basic-auth', content: { username: 'admin', password: 'p<a>&ss' } },
  sshAuth: { type: 'kubernetes.io/ssh-auth', content: { 'ssh-privatekey': 'KEY\n' } },
  customType: { type: 'example.com/thing', content: { token: 'tøken ✓' } },
  binary: { type: 'Opaque', content: { 'key.der': bytes(0x30, 0x82, 0xff, 0x00, 0x01) } },
  multi: { content: { b: 'two', a: 'one', 'c.d': 'three\r\n' } },
  jsKeys: { content: Object.fromEntries([['__proto__', 'p'], ['constructor', 'c']]) },
  // kustomize wraps base64 of 70+ characters into 70-character lines:
  // 51 bytes encode to 68 characters, 52 to 72, 105 to exactly 140.
  b64len68: { content: { k: 'x'.repeat(51) } },
  b64len72: { content: { k: 'x'.repeat(52) } },
  b64len140: { content: { k: 'y'.repeat(105) } },
  long: { content: { pem: 'z'.repeat(1000) } },
}

const cases: Case[] = [
  ...Object.entries(CONTENTS).flatMap(([id, content]) =>
    (['double', 'yaml', 'json'] as const)
      // The yaml package writes U+2028 raw in a plain scalar, which kubectl
      // refuses (a line break to YAML 1.1): only the quoted forms are valid.
      .filter(style => !(id === 'lineSeparators' && style === 'yaml'))
      .map(style => ({ id: `cm-${id}-${style}`, kind: 'ConfigMap' as const, content, style }))),
  { id: 'cm-empty', kind: 'ConfigMap', content: {}, style: 'yaml' },
  { id: 'cm-other-name', kind: 'ConfigMap', name: 'totally-different', content: CONTENTS.simple!, style: 'yaml' },
  { id: 'cm-namespaced', kind: 'ConfigMap', namespace: 'team-a', content: CONTENTS.multiline!, style: 'single-line-flow' },
  ...Object.entries(SECRET_CONTENTS).flatMap(([id, { type, content }]) => [
    { id: `secret-${id}`, kind: 'Secret' as const, ...(type ? { type } : {}), content, style: 'yaml' as const },
    { id: `secret-${id}-wrapped`, kind: 'Secret' as const, ...(type ? { type } : {}), content, style: 'yaml' as const, wrapBase64: true },
    { id: `secret-${id}-json`, kind: 'Secret' as const, ...(type ? { type } : {}), content, style: 'json' as const },
  ]),
  { id: 'secret-stringdata', kind: 'Secret', content: SECRET_CONTENTS.multi!.content, style: 'yaml', stringData: true },
  { id: 'secret-stringdata-tls', kind: 'Secret', type: 'kubernetes.io/tls', content: SECRET_CONTENTS.tls!.content, style: 'double', stringData: true },
  { id: 'secret-empty', kind: 'Secret', content: {}, style: 'yaml' },
  { id: 'secret-empty-tls', kind: 'Secret', type: 'kubernetes.io/tls', content: {}, style: 'yaml' },
  { id: 'secret-namespaced', kind: 'Secret', namespace: 'team-b', content: SECRET_CONTENTS.untyped!.content, style: 'double' },
]

const isUtf8 = (b: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b)
    return true
  } catch {
    return false
  }
}
const asBytes = (v: string | Uint8Array) => (typeof v === 'string' ? new TextEncoder().encode(v) : v)
const nameOf = (c: Case) => c.name ?? c.id

/** The object as a user would write it (forced, so empty ones are hashed too). */
function manifestOf(c: Case): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name: nameOf(c), annotations: { 'cmhash.dev/hash': 'true' } }
  if (c.namespace) metadata.namespace = c.namespace
  const obj: Record<string, unknown> = { apiVersion: 'v1', kind: c.kind, metadata }
  if (c.type) obj.type = c.type
  const entries = Object.entries(c.content)
  if (c.kind === 'ConfigMap') {
    const data = Object.fromEntries(entries.filter(([, v]) => typeof v === 'string' || isUtf8(v)).map(([k, v]) => [k, typeof v === 'string' ? v : new TextDecoder().decode(v)]))
    const binary = Object.fromEntries(entries.filter(([, v]) => typeof v !== 'string' && !isUtf8(v)).map(([k, v]) => [k, Buffer.from(v).toString('base64')]))
    if (Object.keys(data).length) obj.data = data
    if (Object.keys(binary).length) obj.binaryData = binary
  } else if (c.stringData) {
    obj.stringData = Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? v : new TextDecoder().decode(v)]))
  } else if (entries.length) {
    obj.data = Object.fromEntries(entries.map(([k, v]) => {
      const b64 = Buffer.from(asBytes(v)).toString('base64')
      return [k, c.wrapBase64 ? b64.replace(/(.{20})/g, '$1\n') : b64]
    }))
  }
  return obj
}

function render(obj: Record<string, unknown>, style: Style): string {
  switch (style) {
    case 'json': return JSON.stringify(obj, null, 2)
    case 'yaml': return stringify(obj, { lineWidth: 0 })
    case 'single-line-flow': return stringify(obj, { collectionStyle: 'flow' })
    case 'double': return stringify(obj, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 })
  }
}

describe.skipIf(skipKubectl)('names match kubectl kustomize generators', () => {
  // One kustomization with a generator per case, so kubectl runs once.
  const files: Record<string, string | Uint8Array> = {}
  const configMapGenerator: unknown[] = []
  const secretGenerator: unknown[] = []
  for (const c of cases) {
    const generated = Object.entries(c.content).map(([key, value], i) => {
      files[`files/${c.id}/${i}`] = value
      return `${key}=files/${c.id}/${i}`
    })
    const gen: Record<string, unknown> = { name: nameOf(c), files: generated }
    if (c.namespace) gen.namespace = c.namespace
    if (c.type) gen.type = c.type
    ;(c.kind === 'ConfigMap' ? configMapGenerator : secretGenerator).push(gen)
  }
  files['kustomization.yaml'] = stringify({ configMapGenerator, secretGenerator })
  const generated = new Map<string, Record<string, unknown>>()
  for (const doc of parseAllDocuments(kustomize(files))) {
    const obj = doc.toJS() as { kind: string; metadata: { name: string; namespace?: string } }
    const base = obj.metadata.name.replace(/-[a-z0-9]{10}$/, '')
    generated.set(`${obj.kind}/${obj.metadata.namespace ?? ''}/${base}`, obj)
  }

  it('runs against a real kubectl', () => {
    expect(kubectlVersion()).toMatch(/Kustomize Version: v5/)
    expect(generated.size).toBe(cases.length)
  })

  it.each(cases)('$id', c => {
    const expected = generated.get(`${c.kind}/${c.namespace ?? ''}/${nameOf(c)}`) as { metadata: { name: string } }
    expect(expected, 'kubectl generated this object').toBeDefined()
    const obj = manifestOf(c)
    const pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${c.id}`, ...(c.namespace ? { namespace: c.namespace } : {}) },
      spec: { containers: [{ name: 'c', image: 'x', envFrom: [{ [c.kind === 'ConfigMap' ? 'configMapRef' : 'secretRef']: { name: nameOf(c) } }] }] },
    }
    const result = build([{ path: 'in.yaml', content: `${render(obj, c.style)}\n---\n${stringify(pod)}` }])
    expect(result.renames).toHaveLength(1)
    expect(result.renames[0]!.to).toBe(expected.metadata.name)
    expect(result.output).toContain(`name: ${expected.metadata.name}`)
  })

  it('gives equal content under different names the same suffix, as kubectl does', () => {
    const a = generated.get('ConfigMap//cm-simple-yaml') as { metadata: { name: string } }
    const b = generated.get('ConfigMap//totally-different') as { metadata: { name: string } }
    expect(a.metadata.name.slice(-10)).toBe(b.metadata.name.slice(-10))
    expect(hashConfigMap({ data: { a: 'b' } })).toBe(a.metadata.name.slice(-10))
  })

  // kustomize cannot round-trip control characters other than tab and line
  // breaks through its YAML library, so there is no binary to compare with:
  // cmhash accepts them (Kubernetes does) and escapes them as Go's json does.
  it('documents that kustomize refuses control characters that Kubernetes accepts', () => {
    expect(() => kustomize({
      'kustomization.yaml': 'configMapGenerator:\n- name: ctl\n  files: [ctl]\n',
      ctl: 'bell\u0007 back\b form\f del\u007f',
    })).toThrow(/control characters are not allowed/)
    const suffix = hashConfigMap({ data: { ctl: 'bell\u0007 back\b form\f del\u007f' } })
    expect(suffix).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/)
  })

  // Kubernetes accepts the data key "80" (ingress-nginx tcp-services use such
  // keys); kustomize's generator emits it unquoted and then fails on its own
  // output. cmhash hashes it as the string it is.
  it('documents that kustomize cannot generate all-digit data keys', () => {
    expect(() => kustomize({
      'kustomization.yaml': 'configMapGenerator:\n- name: tcp\n  literals: ["80=default/web:8080"]\n',
    })).toThrow(/unsupported type/)
  })

  it('hashes stringData as the equivalent data', () => {
    const content = SECRET_CONTENTS.multi!.content as Record<string, string>
    const viaData = hashSecret({ data: Object.fromEntries(Object.entries(content).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) })
    expect(hashSecret({ stringData: content })).toBe(viaData)
    const expected = generated.get('Secret//secret-multi') as { metadata: { name: string } }
    expect(expected.metadata.name).toBe(`secret-multi-${viaData}`)
  })
})
