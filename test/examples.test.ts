// Every example in examples/ runs here, and its output is reviewed as a file:
// `vitest -u` rewrites expected.yaml after an intended change.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cli } from '../packages/cli/test/_run.js'

const root = new URL('..', import.meta.url).pathname
const EXAMPLES: Record<string, { argv: string[]; stdin?: string }> = {
  basic: { argv: ['build', 'examples/basic/k8s'] },
  generators: { argv: ['build', 'examples/generators/k8s'] },
  'helm-stream': { argv: ['build', '-'], stdin: 'examples/helm-stream/rendered.yaml' },
}
/** Examples of integrations, run with the real tools in integrations.test.ts. */
const INTEGRATIONS = ['argocd-cmp', 'github-actions', 'helm-post-renderer', 'kpt-function', 'kubectl-plugin', 'kustomize-transformer']

describe('examples', () => {
  it('has a test for every example folder', () => {
    const folders = readdirSync(new URL('../examples', import.meta.url), { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name)
    expect(folders.sort()).toEqual([...Object.keys(EXAMPLES), ...INTEGRATIONS].sort())
    const integrationTests = readFileSync(new URL('./integrations.test.ts', import.meta.url), 'utf8')
    for (const name of INTEGRATIONS) expect(integrationTests, name).toContain(name)
  })

  it.each(Object.entries(EXAMPLES))('%s', async (name, { argv, stdin }) => {
    const r = await cli(argv, { cwd: root, ...(stdin ? { stdin: readFileSync(`${root}/${stdin}`) } : {}) })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    await expect(r.stdout).toMatchFileSnapshot(`../examples/${name}/expected.yaml`)
  })
})
