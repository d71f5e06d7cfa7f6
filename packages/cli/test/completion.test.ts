// Shell completion, tried in the shells themselves: the bash script is
// sourced in a bash subprocess and asked for completions the way bash asks
// (COMP_WORDS, COMP_CWORD, then read COMPREPLY); fish answers `complete -C`
// and zsh checks the script's syntax where they are installed.
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GITOPS_ANNOTATIONS, PRESETS } from '@cmhash/core'
import { describe, expect, it } from 'vitest'
import { cli } from './_run.js'
import { scratch } from './_fixtures.js'

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0

async function script(shell: string): Promise<string> {
  const r = await cli(['completion', shell])
  expect(r).toMatchObject({ code: 0, stderr: '' })
  return r.stdout
}

describe('bash completion', async () => {
  const bash = await script('bash')

  /** What the completion function offers for a command line whose last word is being typed. */
  function complete(line: string[], cwd?: string): string[] {
    const words = line.map(w => `'${w}'`).join(' ')
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `${bash}\nCOMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; _cmhash; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8', ...(cwd ? { cwd } : {}) })
    expect(r.stderr).toBe('')
    return r.stdout.split('\n').filter(Boolean)
  }

  it.each([
    [['cmhash', ''], ['build', 'diff', 'prune', 'config', 'completion', 'help', 'version', '--help', '--version']],
    [['cmhash', 'pr'], ['prune']],
    [['kubectl-cmhash', 'd'], ['diff']],
    [['cmhash', 'config', ''], ['check', 'schema']],
    [['cmhash', 'help', 'c'], ['config', 'completion']],
    [['cmhash', 'completion', ''], ['bash', 'zsh', 'fish']],
    [['cmhash', 'build', '--se'], ['--select']],
    [['cmhash', 'build', '--s'], ['--select', '--strict', '--summary']],
    [['cmhash', 'diff', '--ex'], ['--exclude', '--exit-code']],
    [['cmhash', 'prune', '--a'], ['--all-namespaces']],
    [['cmhash', 'build', '--select', ''], ['referenced', 'all', 'annotated']],
    [['cmhash', 'build', '-q', '--gitops', ''], Object.keys(GITOPS_ANNOTATIONS)],
    [['cmhash', 'build', '--gitops', '=', 'f'], ['flux']],
    [['cmhash', 'build', '--disable-preset', ''], PRESETS.map(p => p.name)],
    [['cmhash', 'diff', '--disable-preset', 'ar'], ['argo-rollouts', 'argo-cd', 'argo-workflows']],
    [['cmhash', 'build', '--format', ''], ['yaml', 'json']],
    [['cmhash', 'diff', '--format', ''], ['table', 'json', 'markdown']],
    [['cmhash', 'prune', '--output', ''], ['list', 'names']],
    [['cmhash', 'build', '-n', ''], []],
  ])('%j offers %j', (line, expected) => {
    expect(complete(line)).toEqual(expected)
  })

  it('offers directories only after --output-dir, and leaves paths to the shell', () => {
    mkdirSync(join(scratch.dir, 'out'), { recursive: true })
    writeFileSync(join(scratch.dir, 'oops.yaml'), '')
    expect(complete(['cmhash', 'build', '-o', 'o'], scratch.dir)).toEqual(['out'])
    // Nothing here: `complete -o default` then completes file names.
    expect(complete(['cmhash', 'build', 'o'], scratch.dir)).toEqual([])
  })

  it('offers every option build parses', async () => {
    const offered = complete(['cmhash', 'build', '-'])
    const help = (await cli(['help', 'build'])).stdout
    for (const option of offered) expect(help).toContain(option)
    expect(offered).toEqual(expect.arrayContaining(['--namespace', '--output-dir', '--report', '--disable-preset', '--gitops', '--help']))
  })

  it('registers for cmhash and kubectl-cmhash', () => {
    const r = spawnSync('bash', ['--norc', '-c', `${bash}\ncomplete -p cmhash kubectl-cmhash`], { encoding: 'utf8' })
    expect(r.stdout).toBe('complete -o bashdefault -o default -F _cmhash cmhash\ncomplete -o bashdefault -o default -F _cmhash kubectl-cmhash\n')
  })
})

describe.skipIf(!has('fish'))('fish completion (fish is installed)', async () => {
  const fish = await script('fish')
  const complete = (line: string) => spawnSync('fish', ['--no-config', '-c', `${fish}\ncomplete -C ${JSON.stringify(line)}`], { encoding: 'utf8' })
    .stdout.split('\n').filter(Boolean).map(l => l.split('\t')[0])

  it.each([
    ['cmhash ', ['build', 'completion', 'config', 'diff', 'help', 'prune', 'version']],
    ['cmhash config ', ['check', 'schema']],
    ['cmhash build --gitops ', Object.keys(GITOPS_ANNOTATIONS).sort()],
    ['kubectl-cmhash diff --form', ['--format']],
    ['cmhash prune --output ', ['list', 'names']],
  ])('%j offers %j', (line, expected) => {
    expect(complete(line).sort()).toEqual(expected)
  })
})

describe.skipIf(!has('zsh'))('zsh completion (zsh is installed)', () => {
  it('is a zsh script without syntax errors, for both names', async () => {
    const zsh = await script('zsh')
    expect(zsh.split('\n')[0]).toBe('#compdef cmhash kubectl-cmhash')
    expect(spawnSync('zsh', ['-n'], { input: zsh, encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' })
  })
})
