import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../src/args.js'
import { cli } from './_run.js'

describe('help and version', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']], [['help', 'help']]])('prints usage for %j', async argv => {
    const r = await cli(argv)
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toContain('cmhash build [options] <path>...')
  })

  const TOPICS = ['build', 'diff', 'prune', 'config', 'config check', 'config schema', 'completion']

  it.each(TOPICS)('has help on %s, the same as help %s and %s --help', async topic => {
    const byHelp = await cli(['help', ...topic.split(' ')])
    expect(byHelp).toMatchObject({ code: 0, stderr: '' })
    expect(byHelp.stdout).toMatch(new RegExp(`^Usage: cmhash ${topic}\\b`))
    for (const flag of ['--help', '-h']) expect(await cli([...topic.split(' '), flag])).toEqual(byHelp)
  })

  it('prints build help with every option and the exit codes', async () => {
    const r = await cli(['help', 'build'])
    for (const option of ['--output-dir DIR', '--disable-preset NAME', '--report FILE', '--gitops TOOL']) expect(r.stdout).toContain(option)
    expect(r.stdout).toContain('Exit codes')
  })

  it.each(['build', 'diff', 'prune'] as const)('names every option %s takes in its help', async topic => {
    const help = (await cli(['help', topic])).stdout
    for (const option of Object.keys(COMMANDS[topic])) expect(help, option).toMatch(new RegExp(`--${option}\\b`))
  })

  it('names the configuration rule in build and config help', async () => {
    for (const topic of [['build'], ['config']]) {
      expect((await cli(['help', ...topic])).stdout.replace(/\s+/g, ' ')).toContain('The configuration file is the nearest cmhash.config.yaml (or .yml, .json) above the inputs')
    }
  })

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `cmhash ${version}\n`, stderr: '' })
  })

  it('names itself as it was called: kubectl cmhash', async () => {
    const help = await cli(['build', '--help'], { program: 'kubectl cmhash' })
    expect(help.stdout).toMatch(/^Usage: kubectl cmhash build \[options\]/)
    expect(help.stdout).not.toMatch(/(?<!kubectl )cmhash (build|prune|diff|help)\b/)
    // Only command lines change, not names like cmhash.dev/hash or cmhash.config.yaml.
    expect(help.stdout).toContain('cmhash.dev/hash: "true"')
    expect(help.stdout).toContain('nearest cmhash.config.yaml')
    const main = await cli([], { program: 'kubectl cmhash' })
    expect(main.stdout).toContain('  kubectl cmhash diff BASE HEAD')
    const usage = await cli(['build'], { program: 'kubectl cmhash' })
    expect(usage.stderr).toContain('kubectl cmhash build needs input')
  })
})

describe('usage errors, in cmhash\'s words and with the closest valid one', () => {
  it.each([
    [['frobnicate'], 'unknown command "frobnicate" (the commands: build, diff, prune, config, completion, help, version; see cmhash --help)'],
    [['biuld', 'k8s'], 'unknown command "biuld"; did you mean "build"?'],
    [['prnue'], 'did you mean "prune"?'],
    [['--verison'], 'unknown option "--verison"; did you mean "--version"?'],
    [['build'], 'cmhash build needs input'],
    [['build', '--nope', 'x'], 'cmhash build has no option --nope (see cmhash build --help)'],
    [['build', '--namspace', 'a', 'x'], 'cmhash build has no option --namspace; did you mean --namespace?'],
    [['build', '--output', 'out', 'x'], 'cmhash build has no option --output; did you mean --output-dir?'],
    [['prune', '--live', 'l', '--kep', '2', 'x'], 'did you mean --keep?'],
    [['diff', '--exitcode', 'a', 'b'], 'did you mean --exit-code?'],
    [['build', '-x', 'k8s'], 'cmhash build has no option -x'],
    [['build', '--select', 'al', 'x'], '--select takes referenced, all, annotated, not "al"; did you mean all?'],
    [['build', '--gitops', 'argo', 'x'], '--gitops takes argocd, flux, helm, not "argo"; did you mean argocd?'],
    [['build', '--disable-preset', 'argocd', 'x'], '--disable-preset takes argo-rollouts, argo-cd,'],
    [['build', '--format', 'yml', 'x'], 'did you mean yaml?'],
    [['build', '--strict=yes', 'x'], '--strict takes no value'],
    [['build', 'x', '--namespace'], '--namespace needs a value'],
    [['build', '--namespace', '--strict', 'x'], '--namespace needs a value, not the option --strict'],
    [['build', '-', '-'], 'only once'],
    [['build', '-n', 'Not_Valid', 'x'], 'not a valid namespace'],
    [['build', '-n', 'a'.repeat(64), '-'], 'not a valid namespace'],
    [['build', '--report', '-', 'x'], '--report - writes the report to stdout, which holds the manifests'],
    // A glob that leaves the input directory had read files outside it, or been misreported (a symbolic link, ENOENT).
    [['build', '--include', '../*.yaml', '-o', 'out', 'x'], '--include "../*.yaml" leaves the input directory (a .. segment or an absolute path)'],
    [['build', '--include', '/abs/*.yaml', 'x'], '--include "/abs/*.yaml" leaves the input directory'],
    [['diff', '--exclude', '{..,a}/*.yaml', 'a', 'b'], '--exclude "{..,a}/*.yaml" leaves the input directory'],
    [['help', 'frobnicate'], 'no help on "frobnicate"'],
    [['help', 'diffs'], 'no help on "diffs"; did you mean "cmhash help diff"?'],
    [['config'], 'cmhash config needs a command: check [FILE] or schema'],
    [['config', 'chek'], 'unknown command "cmhash config chek"; did you mean "cmhash config check"?'],
    [['config', 'schema', 'x'], 'cmhash config schema takes no arguments'],
    [['config', 'check', 'a', 'b'], 'cmhash config check takes one FILE at most'],
    [['completion'], 'cmhash completion needs a shell: bash, zsh, fish'],
    [['completion', 'bsh'], 'cmhash completion knows bash, zsh, fish, not "bsh"; did you mean "bash"?'],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const r = await cli(argv)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(message)
    expect(r.stderr.split('\n')).toHaveLength(2)
  })

  it('takes a value that starts with - when written with =, and - itself as a value', async () => {
    expect((await cli(['build', '--exclude=-x.yaml', '-'], { stdin: '' })).code).toBe(0)
    expect((await cli(['prune', '--live', '-', 'x'])).stderr).not.toContain('needs a value')
  })
})
