import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cli } from './_run.js'

describe('help, version and usage errors', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('prints usage for %j', async argv => {
    const r = await cli(argv)
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toContain('cmhash build [options] <path>...')
  })

  it('prints build help', async () => {
    for (const argv of [['help', 'build'], ['build', '--help']]) {
      const r = await cli(argv)
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('--output-dir DIR')
      expect(r.stdout).toContain('Exit codes')
    }
  })

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `cmhash ${version}\n`, stderr: '' })
  })

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['build'], /needs input/],
    [['build', '--nope', 'x'], /Unknown option '--nope'/],
    [['build', '-', '-'], /only once/],
    [['build', '-n', 'Not_Valid', 'x'], /not a valid namespace/],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const r = await cli(argv)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
  })

  it.each([
    [['help', 'frobnicate'], /no help on "frobnicate"/],
    [['build', '-n', 'a'.repeat(64), '-'], /not a valid namespace/],
  ])('rejects %j', async (argv, message) => {
    const r = await cli(argv)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })
})
