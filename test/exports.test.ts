// The public surface of @cmhash/core, pinned: adding or removing an export
// is a deliberate change to this list.
import { expect, it } from 'vitest'
import * as core from '@cmhash/core'

it('exports exactly the documented names', () => {
  expect(Object.keys(core).sort()).toEqual([
    'CLUSTER_SCOPED_KINDS',
    'CONFIG_FILE_NAMES',
    'CmhashError',
    'DiffError',
    'GITOPS_ANNOTATIONS',
    'HASH_ANNOTATION',
    'MANAGED_LABEL',
    'NAME_ANNOTATION',
    'PRESETS',
    'REFERENCE_SPECS',
    'WARNING_CODES',
    'addToResourceList',
    'build',
    'changeReport',
    'diff',
    'escapeControl',
    'formatCandidates',
    'formatDiffMarkdown',
    'formatDiffTable',
    'formatProblem',
    'formatResource',
    'formatSummary',
    'generate',
    'generatorFiles',
    'hashConfigMap',
    'hashSecret',
    'isResourceList',
    'prune',
    'pruneKinds',
    'toJsonList',
  ])
})

it('exports the configuration API from @cmhash/core/config only', async () => {
  const config = await import('@cmhash/core/config')
  expect(Object.keys(config).sort()).toEqual(['attributeToGenerators', 'configLocator', 'configSchema', 'configToOptions', 'generatedObjects', 'parseConfig', 'readFunctionConfig'])
})

it('resolves as an installed ESM package, with type declarations', async () => {
  const { execFileSync } = await import('node:child_process')
  const cwd = new URL('../packages/cli/', import.meta.url).pathname
  const out = execFileSync('node', ['--input-type=module', '-e', `
    const core = await import('@cmhash/core')
    const src = 'apiVersion: v1\\nkind: Service\\nmetadata: {name: s}\\n'
    console.log(typeof core.build, core.build(src).output === src, import.meta.resolve('@cmhash/core').endsWith('/packages/core/dist/index.js'))
  `], { cwd, encoding: 'utf8' })
  expect(out.trim()).toBe('function true true')
  const { existsSync } = await import('node:fs')
  expect(existsSync(new URL('../packages/core/dist/index.d.ts', import.meta.url))).toBe(true)
})
