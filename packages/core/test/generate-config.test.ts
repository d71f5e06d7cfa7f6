// The generator fields of the configuration: kustomize's blocks are valid
// as they are, what cmhash refuses is reported with file, line and field,
// and configToOptions hands the generators to whoever reads the files.
import { describe, expect, it } from 'vitest'
import { configToOptions, parseConfig } from '@cmhash/core/config'
import { source } from '../../../test/_utils/source.js'
import { errorsOf } from './_build.js'

describe('generator configuration', () => {
  it('accepts kustomize generator blocks unchanged, in YAML or JSON', () => {
    const yaml = source`
      generatorOptions:
        labels: {team: web}
        annotations: {note: generated}
        disableNameSuffixHash: false
        immutable: true
      configMapGenerator:
      - name: app-config
        namespace: shop
        behavior: create
        files: [nginx.conf, app=app.properties]
        envs: [app.env]
        env: old.env
        literals: [MODE=fast, 'QUOTED="x"']
        options:
          labels: {tier: front}
          annotations: {a: b}
          disableNameSuffixHash: true
          immutable: false
      secretGenerator:
      - name: tls
        type: kubernetes.io/tls
        files: [tls.crt, tls.key]
    `
    const config = parseConfig(yaml, 'cmhash.config.yaml')
    expect(parseConfig(JSON.stringify(config), 'cmhash.config.json')).toEqual(config)
    expect(configToOptions(config).generators).toEqual({
      configMapGenerator: config.configMapGenerator, secretGenerator: config.secretGenerator, generatorOptions: config.generatorOptions,
    })
    expect(configToOptions(parseConfig('namespace: a\n', 'c.yaml')).generators).toBeUndefined()
  })

  it('reports what it refuses with file, line, column and field', () => {
    const yaml = source`
      configMapGenerator:
      - name: Not_A_Name
        behavior: merge
        type: Opaque
        kvSources: [{name: x}]
        files: [""]
      - literals: [a=b]
      secretGenerator:
      - name: s
        envs: app.env
        options: {labels: {a: 1}, disableNameSuffixHash: "yes"}
      generatorOptions: {immutable: 1}
    `
    const errors = errorsOf(() => parseConfig(yaml, 'cmhash.config.yaml'))
    expect(errors.map(e => [e.code, e.path, e.location?.line, e.location?.col])).toEqual([
      ['INVALID_CONFIG', 'configMapGenerator[0].type', 4, 3],
      ['INVALID_CONFIG', 'configMapGenerator[0].kvSources', 5, 3],
      ['INVALID_CONFIG', 'configMapGenerator[0].name', 2, 9],
      ['INVALID_CONFIG', 'configMapGenerator[0].behavior', 3, 13],
      ['INVALID_CONFIG', 'configMapGenerator[0].files[0]', 6, 11],
      ['INVALID_CONFIG', 'configMapGenerator[1]', 7, 3],
      ['INVALID_CONFIG', 'secretGenerator[0].envs', 10, 9],
      ['INVALID_CONFIG', 'secretGenerator[0].options.labels.a', 11, 25],
      ['INVALID_CONFIG', 'secretGenerator[0].options.disableNameSuffixHash', 11, 52],
      ['INVALID_CONFIG', 'generatorOptions.immutable', 12, 31],
    ])
    expect(errors[3]!.message).toBe('configMapGenerator[0].behavior must be one of "create"')
    expect(errors[5]!.message).toBe('configMapGenerator[1] needs name')
  })
})
