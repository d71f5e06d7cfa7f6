// build, prune and diff refuse what they cannot take, before reading
// anything: a typed error with a code and the field, every problem listed,
// and a suggestion when a name is misspelt.
import { describe, expect, it } from 'vitest'
import { build, diff, generate, generatorFiles, PRESETS, prune, pruneKinds, type BuildOptions, type ErrorDetail } from '@cmhash/core'
import { errorsOf } from './_build.js'

const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {k: v}\n'
const live = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-x, namespace: default, labels: {cmhash.dev/managed: "true"}, creationTimestamp: "2026-01-01T00:00:00Z"}\ndata: {k: v}\n'
/** A live export as kubectl writes it: one List, its kind after the items. */
const asList = (object: string) => `apiVersion: v1\nitems:\n${object.replace(/^/gm, '  ').replace(/^ {2}/, '- ').trimEnd()}\nkind: List\nmetadata:\n  resourceVersion: ""\n`
const brief = (errors: readonly ErrorDetail[]) => errors.map(e => ({ code: e.code, path: e.path }))
// Options as a JavaScript caller (or a bad cast) might pass them.
const loose = (o: unknown) => o as BuildOptions

describe('build refuses options it cannot take', () => {
  it.each([
    ['an unknown select mode', { select: 'referencd' }, 'options.select'],
    ['a select that is not a string', { select: 1 }, 'options.select'],
    ['an unknown preset', { presets: { argocd: false } }, 'options.presets["argocd"]'],
    ['a preset set to neither true nor false', { presets: { 'argo-cd': 'no' } }, 'options.presets["argo-cd"]'],
    ['presets that are not an object', { presets: ['argo-cd'] }, 'options.presets'],
    ['a namespace with capitals', { namespace: 'Prod' }, 'options.namespace'],
    ['a namespace longer than 63', { namespace: 'a'.repeat(64) }, 'options.namespace'],
    ['a namespace with a dot', { namespace: 'a.b' }, 'options.namespace'],
    ['an empty namespace', { namespace: '' }, 'options.namespace'],
    ['a namespace that is a number', { namespace: 7 }, 'options.namespace'],
    ['references that are not a list', { references: { path: 'x' } }, 'options.references'],
    ['a reference with an unknown use', { references: [{ on: 'PodSpec', path: 'x/name', target: 'ConfigMap', use: 'rewrites' }] }, 'options.references[0]'],
    ['a reference without a path', { references: [{ on: { kind: 'X' }, target: 'Secret', use: 'pin' }] }, 'options.references[0]'],
    ['a pin of another kind', { pinned: [{ kind: 'Service', name: 'a', reason: 'r' }] }, 'options.pinned[0]'],
    ['a pin without a reason', { pinned: [{ kind: 'Secret', name: 'a' }] }, 'options.pinned[0]'],
    ['an annotation whose value is not a string', { annotations: { 'a/b': true } }, 'options.annotations["a/b"]'],
    ['a negative alias budget', { aliasBudget: -1 }, 'options.aliasBudget'],
    ['an external name without a name', { external: [{ kind: 'ConfigMap', reason: 'r' }] }, 'options.external[0]'],
    ['an external name of another kind', { external: [{ kind: 'Service', name: 'a', reason: 'r' }] }, 'options.external[0]'],
    ['external names that are not a list', { external: 'a' }, 'options.external'],
    ['a warning level that does not exist', { warnings: { PINNED: 'loud' } }, 'options.warnings["PINNED"]'],
    ['a warning code that does not exist', { warnings: { PINED: 'ignore' } }, 'options.warnings["PINED"]'],
    ['warnings that are not an object', { warnings: ['PINNED'] }, 'options.warnings'],
    ['options that are not an object', 'all', 'options'],
  ])('%s', (_, options, path) => {
    expect(brief(errorsOf(() => build(cm, loose(options))))).toEqual([{ code: 'INVALID_OPTION', path }])
  })

  it('suggests the closest preset and names those that exist', () => {
    const [error] = errorsOf(() => build(cm, { presets: { 'cert-manger': false } }))
    expect(error!.message).toContain('"cert-manager"')
    for (const p of PRESETS) expect(error!.message).toContain(p.name)
  })

  it('suggests the closest select mode, and none for a word far from all of them', () => {
    expect(errorsOf(() => build(cm, loose({ select: 'al' })))[0]!.message).toContain('"all"')
    expect(errorsOf(() => build(cm, loose({ select: 'everything' })))[0]!.message).not.toContain('did you mean')
  })

  it('lists every problem at once', () => {
    expect(brief(errorsOf(() => build(cm, loose({ select: 'x', namespace: 'X', presets: { nope: true } }))))).toEqual([
      { code: 'INVALID_OPTION', path: 'options.namespace' },
      { code: 'INVALID_OPTION', path: 'options.select' },
      { code: 'INVALID_OPTION', path: 'options.presets["nope"]' },
    ])
  })

  it('takes every valid option, and ignores keys it does not know', () => {
    const options = loose({
      namespace: 'prod', select: 'all', presets: { 'argo-cd': false, flux: true }, aliasBudget: 10,
      references: [{ on: { kind: 'Widget' }, path: 'spec/configName', target: 'ConfigMap', use: 'rewrite' }],
      pinned: [{ kind: 'ConfigMap', name: 'other', reason: 'read by name' }], annotations: { 'a.example/b': 'c' },
      include: ['**/*.yaml'],
    })
    expect(build(cm, options).renames.map(r => r.to)).toEqual([expect.stringMatching(/^app-[a-z0-9]{10}$/)])
  })
})

describe('build refuses inputs it cannot take', () => {
  it.each([
    ['a content that is a Buffer', [{ path: 'a.yaml', content: Buffer.from(cm) }], 'input[0].content'],
    ['a content that is missing', [{ path: 'a.yaml' }], 'input[0].content'],
    ['an empty path', [{ path: '', content: cm }], 'input[0].path'],
    ['an input that is not an object', [cm], 'input[0]'],
    ['an input that is neither a string nor a list', { path: 'a.yaml', content: cm }, 'input'],
    ['no input', undefined, 'input'],
  ])('%s', (_, input, path) => {
    expect(brief(errorsOf(() => build(input as never)))).toEqual([{ code: 'INVALID_INPUT', path }])
  })

  it('refuses a path given twice, naming both places', () => {
    const errors = errorsOf(() => build([{ path: 'a.yaml', content: cm }, { path: 'b.yaml', content: '' }, { path: 'a.yaml', content: '' }]))
    expect(brief(errors)).toEqual([{ code: 'INVALID_INPUT', path: 'input[2].path' }])
    expect(errors[0]!.message).toContain('input[0]')
  })
})

describe('prune and diff check the same way', () => {
  it('pruneKinds checks its options, with or without the desired input', () => {
    expect(brief(errorsOf(() => pruneKinds(loose({ references: 5 }))))).toEqual([{ code: 'INVALID_OPTION', path: 'options.references' }])
    expect(brief(errorsOf(() => pruneKinds(loose({ warnings: { PINNED: 'loud' } }), cm)))).toEqual([{ code: 'INVALID_OPTION', path: 'options.warnings["PINNED"]' }])
  })

  it('generate and generatorFiles refuse arguments of the wrong shape as a CmhashError', () => {
    expect(errorsOf(() => generate({}, null as never)).map(e => e.code)).toEqual(['INVALID_OPTION'])
    expect(errorsOf(() => generate(null as never, {})).map(e => e.code)).toEqual(['INVALID_GENERATOR'])
    expect(errorsOf(() => generatorFiles(undefined as never)).map(e => e.code)).toEqual(['INVALID_GENERATOR'])
  })

  it('prune refuses a bad keep, a bad allNamespaces and a bad build option', () => {
    expect(brief(errorsOf(() => prune(live, cm, loose({ keep: 1.5, allNamespaces: 'yes', select: 'none' }))))).toEqual([
      { code: 'INVALID_OPTION', path: 'options.select' },
      { code: 'INVALID_OPTION', path: 'options.keep' },
      { code: 'INVALID_OPTION', path: 'options.allNamespaces' },
    ])
  })

  it('prune checks both inputs; the same path in live and desired is fine', () => {
    expect(brief(errorsOf(() => prune([{ path: 'x', content: 1 }] as never, cm)))).toEqual([{ code: 'INVALID_INPUT', path: 'live[0].content' }])
    expect(prune([{ path: 'x.yaml', content: asList(live) }], [{ path: 'x.yaml', content: cm }]).candidates).toHaveLength(1)
  })

  it('diff refuses bad options for either side before building, as a CmhashError', () => {
    expect(brief(errorsOf(() => diff(cm, cm, loose({ namespace: 'A_B', baseOptions: { presets: { istioo: false } } }))))).toEqual([
      { code: 'INVALID_OPTION', path: 'options.namespace' },
      { code: 'INVALID_OPTION', path: 'options.baseOptions.presets["istioo"]' },
    ])
    expect(brief(errorsOf(() => diff(cm, 5 as never)))).toEqual([{ code: 'INVALID_INPUT', path: 'head' }])
  })
})
