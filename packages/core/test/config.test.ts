// The configuration file: its schema is the source of the types, it is
// validated with positions, and what it declares reaches the build.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { build, PRESETS, WARNING_CODES } from '@cmhash/core'
import { configSchema, configToOptions, parseConfig } from '@cmhash/core/config'
import { source } from '../../../test/_utils/source.js'
import { errorsOf, find } from './_build.js'

describe('the schema', () => {
  it('is the source of the generated types and schema module, which are up to date', async () => {
    // @ts-expect-error: a plain .mjs script without declarations
    const { generate } = await import('../scripts/gen-config-types.mjs') as { generate: () => Promise<Record<string, string>> }
    for (const [path, content] of Object.entries(await generate())) {
      expect(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'), `${path} is out of date: pnpm --filter @cmhash/core gen`).toBe(content)
    }
  })

  it('ships as JSON in the package, identical to what the library validates with', () => {
    expect(JSON.parse(readFileSync(new URL('../schema/cmhash.config.schema.json', import.meta.url), 'utf8'))).toEqual(configSchema)
  })

  it('lists exactly the built-in presets', () => {
    const presets = (configSchema.properties as Record<string, { properties: Record<string, unknown> }>).presets!.properties
    expect(Object.keys(presets)).toEqual(PRESETS.map(p => p.name))
  })

  it('lists exactly the warning codes', () => {
    const warnings = (configSchema.properties as Record<string, { properties: Record<string, unknown> }>).warnings!.properties
    expect(Object.keys(warnings)).toEqual(WARNING_CODES)
  })
})

describe('parseConfig', () => {
  it('accepts a full configuration, in YAML or JSON', () => {
    const yaml = source`
      # yaml-language-server: $schema=./node_modules/@cmhash/core/schema/cmhash.config.schema.json
      namespace: shop
      select: all
      include: ["k8s/**/*.yaml"]
      exclude: ["k8s/charts/**"]
      presets: {argo-cd: false}
      references:
      - {group: example.com, version: v1, kind: Widget, path: spec/configRef/name, refKind: ConfigMap}
      - {kind: Report, path: spec/sources/name, refKind: ConfigMap, refKindKey: kind, use: rewrite}
      pinned:
      - {kind: Secret, name: leader-lock, reason: the operator locks on it}
    `
    const config = parseConfig(yaml, 'cmhash.config.yaml')
    expect(config.namespace).toBe('shop')
    expect(parseConfig(JSON.stringify(config), 'cmhash.config.json')).toEqual(config)
    expect(parseConfig('', 'empty.yaml')).toEqual({})
  })

  it('reports every invalid field with its file, line and column', () => {
    const yaml = source`
      namespace: Not_A_Namespace
      select: some
      presets:
        argo-cd: nope
        made-up: true
      references:
      - kind: Widget
        path: spec/ref
        refKind: configmap
      - path: spec/x
        refKind: Secret
        extra: 1
    `
    const errors = errorsOf(() => parseConfig(yaml, 'cmhash.config.yaml'))
    expect(errors.map(e => [e.code, e.path, e.location?.line, e.location?.col])).toEqual([
      ['INVALID_CONFIG', 'namespace', 1, 12],
      ['INVALID_CONFIG', 'select', 2, 9],
      ['INVALID_CONFIG', 'presets.made-up', 5, 3],
      ['INVALID_CONFIG', 'presets.argo-cd', 4, 12],
      ['INVALID_CONFIG', 'references[0].refKind', 9, 12],
      ['INVALID_CONFIG', 'references[1]', 10, 3],
      ['INVALID_CONFIG', 'references[1].extra', 12, 3],
    ])
    expect(errors[1]!.message).toBe('select must be one of "referenced", "all", "annotated"')
    expect(errors[5]!.message).toBe('references[1] needs kind')
    expect(errors[6]!.message).toBe('references[1].extra is not a known field')
  })

  it('refuses an include or exclude glob that leaves the input directory, at the glob', () => {
    const errors = errorsOf(() => parseConfig('include: ["**/*.yaml", ../*.yaml]\nexclude: [/abs/x.yaml, "a/..b"]\n', 'c.yaml'))
    expect(errors.map(e => [e.path, e.location?.line, e.location?.col])).toEqual([['include[1]', 1, 24], ['exclude[0]', 2, 11]])
    expect(errors[0]!.message).toBe('include[1] leaves the input directory (a .. segment or an absolute path); globs are relative to each input directory')
  })

  it('reports YAML syntax errors with positions', () => {
    expect(errorsOf(() => parseConfig('references: [\n', 'c.yaml'))[0]).toMatchObject({ code: 'YAML_SYNTAX', location: { file: 'c.yaml' } })
  })
})

describe('configured references reach the build', () => {
  const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {k: ${name}}\n`

  it('rewrites a custom resource field, matching group and version', () => {
    const options = configToOptions(parseConfig('references:\n- {group: example.com, version: v1, kind: Widget, path: spec/configRef/name, refKind: ConfigMap}\n', 'c.yaml'))
    const widget = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: Widget\nmetadata: {name: w}\nspec: {configRef: {name: app}}\n`
    const ok = build([{ path: 'in.yaml', content: `${cm('app')}---\n${widget('example.com/v1')}` }], options)
    expect(find(ok.output, 'Widget', 'w').spec.configRef.name).toMatch(/^app-[a-z0-9]{10}$/)
    for (const other of ['example.com/v2', 'other.io/v1']) {
      const skipped = build([{ path: 'in.yaml', content: `${cm('app')}---\n${widget(other)}` }], options)
      expect(find(skipped.output, 'Widget', 'w').spec.configRef.name).toBe('app')
    }
  })

  it('reads a list of names, and a kind given beside the name', () => {
    const options = configToOptions(parseConfig(source`
      references:
      - {kind: Dashboard, path: spec/configMaps, refKind: ConfigMap}
      - {kind: Report, path: spec/sources/name, refKind: ConfigMap, refKindKey: kind}
    `, 'c.yaml'))
    const input = [cm('a'), cm('b'), 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: dg==}\n',
      'apiVersion: x.io/v1\nkind: Dashboard\nmetadata: {name: d}\nspec: {configMaps: [a, b]}\n',
      'apiVersion: x.io/v1\nkind: Report\nmetadata: {name: r}\nspec: {sources: [{kind: Secret, name: s}, {kind: Service, name: a}, {name: b}]}\n'].join('---\n')
    const { output } = build([{ path: 'in.yaml', content: input }], options)
    expect(find(output, 'Dashboard', 'd').spec.configMaps).toEqual([find(output, 'ConfigMap', 'a').metadata.name, find(output, 'ConfigMap', 'b').metadata.name])
    expect(find(output, 'Report', 'r').spec.sources).toEqual([
      { kind: 'Secret', name: find(output, 'Secret', 's').metadata.name },
      { kind: 'Service', name: 'a' },
      { name: find(output, 'ConfigMap', 'b').metadata.name },
    ])
  })

  it('pins configured names and readers, saying why', () => {
    const options = configToOptions(parseConfig(source`
      references:
      - {kind: Dashboard, path: spec/configMaps, refKind: ConfigMap, use: pin, reason: mounted at a path made of its name}
      pinned:
      - {kind: ConfigMap, name: b, reason: the operator reads it by name}
    `, 'c.yaml'))
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: a}}, {configMapRef: {name: b}}]}]}\n'
    const input = [cm('a'), cm('b'), pod, 'apiVersion: x.io/v1\nkind: Dashboard\nmetadata: {name: d}\nspec: {configMaps: [a]}\n'].join('---\n')
    const r = build([{ path: 'in.yaml', content: input }], options)
    expect(r.renames).toEqual([])
    // A reader the configuration declares is a fact worth saying; a pinned: entry is the user's own decision.
    expect(r.warnings.map(w => w.message)).toEqual([
      expect.stringContaining('Dashboard default/d spec.configMaps[0]: mounted at a path made of its name'),
    ])
  })

  it('selects all, or only annotated, objects', () => {
    const annotated = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: forced, annotations: {cmhash.dev/hash: "true"}}\ndata: {k: v}\n'
    const input = `${cm('lonely')}---\n${annotated}`
    expect(build(input, { select: 'all' }).renames.map(r => r.originalName)).toEqual(['lonely', 'forced'])
    expect(build(input, { select: 'annotated' }).renames.map(r => r.originalName)).toEqual(['forced'])
    expect(build(input).renames.map(r => r.originalName)).toEqual(['forced'])
  })

  it('knows objects made outside the manifests, and sets what each warning does', () => {
    const config = parseConfig(source`
      external:
      - {kind: Secret, name: vault-*, reason: Vault Agent writes it}
      - {kind: ConfigMap, name: legacy, namespace: team-?}
      warnings: {MISSING_REFERENCE: error, POSSIBLE_REFERENCE: ignore}
    `, 'cmhash.config.yaml')
    const pod = (kind: string, name: string, ns = 'default') =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ${ns}}\nspec: {containers: [{name: c, image: i, envFrom: [{${kind}: {name: ${name}}}]}]}\n`
    const options = configToOptions(config)
    expect(build(pod('secretRef', 'vault-db'), options).warnings).toEqual([])
    expect(build(pod('configMapRef', 'legacy', 'team-a'), options).warnings).toEqual([])
    expect(errorsOf(() => build(pod('configMapRef', 'legacy'), options)).map(e => e.code)).toEqual(['MISSING_REFERENCE'])
  })

  it('rejects an unknown warning code or level, where it is written', () => {
    const errors = errorsOf(() => parseConfig('warnings:\n  MISSING_REFERENCES: error\n  PINNED: loud\n', 'c.yaml'))
    expect(errors.map(e => [e.code, e.path, e.location?.line])).toEqual([
      ['INVALID_CONFIG', 'warnings.MISSING_REFERENCES', 2], ['INVALID_CONFIG', 'warnings.PINNED', 3],
    ])
  })
})
