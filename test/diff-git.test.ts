// cmhash diff --git REF <path>...: BASE read with the real git from a
// revision of a temporary repository, HEAD from its work tree. Each case
// commits examples/basic/k8s, edits the work tree as a pull request would,
// and checks what the diff says rolls.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { cli } from '../packages/cli/test/_run.js'
import type { DiffResult } from '@cmhash/core'

const examples = new URL('../examples/', import.meta.url).pathname

let repo: string
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'cmhash-diff-git-'))
  git('init', '-q', '-b', 'main')
  cpSync(join(examples, 'basic/k8s'), join(repo, 'k8s'), { recursive: true })
  commit('manifests')
})

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' })
}

function commit(message: string): void {
  git('add', '-A')
  git('commit', '-q', '-m', message)
}

function edit(path: string, change: (text: string) => string): void {
  const file = join(repo, path)
  const before = readFileSync(file, 'utf8')
  const after = change(before)
  expect(after, `${path} unchanged`).not.toBe(before)
  writeFileSync(file, after)
}

function write(path: string, content: string): void {
  mkdirSync(join(repo, path, '..'), { recursive: true })
  writeFileSync(join(repo, path), content)
}

async function diffJson(...args: string[]): Promise<{ code: number; result: DiffResult; stderr: string }> {
  const r = await cli(['diff', '--format', 'json', ...args], { cwd: repo })
  expect(r.stderr).toBe('')
  return { code: r.code, result: JSON.parse(r.stdout) as DiffResult, stderr: r.stderr }
}

/** Who rolls and what changed, in a form a case can spell out. */
function verdict(r: DiffResult) {
  return {
    configs: r.configs.map(c => `${c.kind} ${c.name}: ${[...c.keys.changed.map(k => `~${k}`), ...c.keys.added.map(k => `+${k}`), ...c.keys.removed.map(k => `-${k}`)].join(' ')}`),
    affected: r.affected.map(a => `${a.kind} ${a.name} ${a.effect}`),
    added: r.added.map(o => `${o.kind} ${o.name}`),
    removed: r.removed.map(o => `${o.kind} ${o.name}`),
    changed: r.changed.map(o => `${o.kind} ${o.name}`),
  }
}
const NOTHING = { configs: [], affected: [], added: [], removed: [], changed: [] }

describe('cmhash diff --git', () => {
  it.each<[string, () => void, ReturnType<typeof verdict>]>([
    ['one key of one ConfigMap: exactly the workloads that use it roll', () => {
      edit('k8s/config.yaml', t => t.replace('LOG_LEVEL: info', 'LOG_LEVEL: debug'))
    }, { ...NOTHING, configs: ['ConfigMap web-config: ~LOG_LEVEL'], affected: ['Deployment web rolls'] }],
    ['a renamed key', () => {
      edit('k8s/config.yaml', t => t.replace('LOG_LEVEL: info', 'LOG_VERBOSITY: info'))
    }, { ...NOTHING, configs: ['ConfigMap web-config: +LOG_VERBOSITY -LOG_LEVEL'], affected: ['Deployment web rolls'] }],
    ['objects added and removed', () => {
      rmSync(join(repo, 'k8s/cronjob.yaml'))
      write('k8s/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n')
    }, { ...NOTHING, added: ['Service web'], removed: ['CronJob nightly-report'] }],
    ['only comments and key order: nothing rolls', () => {
      edit('k8s/config.yaml', t => t
        .replace('# Application settings.', '# Settings of the web application.')
        .replace(/ {2}LOG_LEVEL: info\n( {2}app\.properties: \|\n.*\n.*\n)/, '$1  LOG_LEVEL: "info" # quoted now\n'))
      edit('k8s/deployment.yaml', t => t.replace('  replicas: 3\n  selector:\n    matchLabels: {app: web}\n', '  selector:\n    matchLabels: {app: web}\n  replicas: 3 # three\n'))
    }, NOTHING],
    ['a ConfigMap moved to another file: nothing rolls', () => {
      const text = readFileSync(join(repo, 'k8s/config.yaml'), 'utf8')
      const [webConfig, flags] = text.split(/^---\n/m) as [string, string]
      writeFileSync(join(repo, 'k8s/config.yaml'), flags)
      edit('k8s/deployment.yaml', t => `${webConfig}---\n${t}`)
      renameSync(join(repo, 'k8s/secret.yaml'), join(repo, 'k8s/zz-secret.yaml'))
    }, NOTHING],
    ['a Secret changed: its key names, both users roll', () => {
      edit('k8s/secret.yaml', t => t.replace('password: change-me', 'password: MARKER-NEW-PASSWORD\n  api-key: MARKER-API-KEY'))
    }, { ...NOTHING, configs: ['Secret db-credentials: ~password +api-key'], affected: ['CronJob nightly-report updates', 'Deployment web rolls'] }],
  ])('%s', async (_name, change, expected) => {
    change()
    const status = git('status', '--porcelain')
    const { code, result } = await diffJson('--exit-code', '--git', 'HEAD', 'k8s/')
    expect(verdict(result)).toEqual(expected)
    expect(code).toBe(expected.affected.length > 0 ? 1 : 0)
    // git read the revision without touching the checkout.
    expect(git('status', '--porcelain')).toBe(status)
  })

  it('shows a changed Secret\'s key names and no value, in all three formats', async () => {
    edit('k8s/secret.yaml', t => t.replace('password: change-me', 'password: MARKER-NEW-PASSWORD'))
    for (const format of ['table', 'json', 'markdown']) {
      const r = await cli(['diff', '--format', format, '--git', 'HEAD', 'k8s'], { cwd: repo })
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('password')
      expect(r.stdout + r.stderr).not.toMatch(/MARKER|TUFSS0VS|change-me|Y2hhbmdlLW1l/)
    }
  })

  it('reads any revision, from a subdirectory, and names BASE by it', async () => {
    edit('k8s/config.yaml', t => t.replace('LOG_LEVEL: info', 'LOG_LEVEL: warn'))
    commit('warn')
    git('branch', 'feature')
    edit('k8s/config.yaml', t => t.replace('LOG_LEVEL: warn', 'LOG_LEVEL: debug'))
    const fromSub = (args: string[]) => cli(['diff', ...args], { cwd: join(repo, 'k8s') })
    // HEAD~1 had info; the work tree has debug.
    const r = await fromSub(['--format', 'markdown', '--git', 'HEAD~1', '.'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('`HEAD~1` → `work tree`: 1 ConfigMap/Secret changed')
    // The branch has warn: the same key changed, so the same ConfigMap.
    const json = JSON.parse((await fromSub(['--format', 'json', '--git', 'feature', 'config.yaml', 'deployment.yaml'])).stdout) as DiffResult
    expect(verdict(json)).toEqual({ ...NOTHING, configs: ['ConfigMap web-config: ~LOG_LEVEL'], affected: ['Deployment web rolls'] })
    // Against the work tree itself: nothing.
    git('commit', '-q', '-am', 'debug')
    expect(verdict((await diffJson('--git', 'main', 'k8s')).result)).toEqual(NOTHING)
  })

  it('treats a path missing at REF as all added, and one missing in the work tree as all removed', async () => {
    cpSync(join(repo, 'k8s'), join(repo, 'k8s-staging'), { recursive: true })
    edit('k8s-staging/config.yaml', t => t.replaceAll('namespace: shop', 'namespace: staging'))
    for (const f of ['cronjob.yaml', 'deployment.yaml', 'secret.yaml']) edit(`k8s-staging/${f}`, t => t.replace('namespace: shop', 'namespace: staging'))
    const added = await diffJson('--exit-code', '--git', 'HEAD', 'k8s-staging')
    expect(added.code).toBe(0)
    expect(verdict(added.result)).toEqual({
      ...NOTHING,
      added: ['ConfigMap feature-flags', 'ConfigMap web-config', 'CronJob nightly-report', 'Deployment web', 'Secret db-credentials'],
    })
    expect(added.result.added.every(o => o.namespace === 'staging')).toBe(true)
    rmSync(join(repo, 'k8s'), { recursive: true })
    const removed = await diffJson('--git', 'HEAD', 'k8s')
    expect(verdict(removed.result).removed).toHaveLength(5)
    const neither = await cli(['diff', '--git', 'HEAD', 'nowhere'], { cwd: repo })
    expect(neither.code).toBe(2)
    expect(neither.stderr).toMatch(/^cmhash: nowhere: not in the work tree, nor at HEAD$/m)
  })

  it.each([
    ['an unknown revision', ['--git', 'no-such-branch', 'k8s'], () => repo, /^cmhash: --git no-such-branch: no such revision in /],
    ['a directory outside any repository', ['--git', 'HEAD', 'k8s'], () => mkdtempSync(join(tmpdir(), 'cmhash-no-repo-')), /^cmhash: --git: not inside a git repository$/m],
    ['a path outside the repository', ['--git', 'HEAD', '../elsewhere'], () => repo, /^cmhash: \.\.\/elsewhere: /],
  ])('exits 2 on %s, with a clear message', async (_name, args, cwd, message) => {
    const r = await cli(['diff', '--exit-code', ...args], { cwd: cwd() })
    expect(r).toMatchObject({ code: 2, stdout: '' })
    expect(r.stderr).toMatch(message)
  })

  it('labels BASE\'s errors with the revision and its file names', async () => {
    edit('k8s/config.yaml', t => t.replace('new-ui: "off"', 'new-ui: off'))
    commit('break it')
    edit('k8s/config.yaml', t => t.replace('new-ui: off', 'new-ui: "off"'))
    const r = await cli(['diff', '--exit-code', '--git', 'HEAD', 'k8s'], { cwd: repo })
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^error: BASE: HEAD:k8s\/config\.yaml:\d+:\d+: DATA_NOT_STRING: /m)
    expect(r.stderr).not.toMatch(/^error: HEAD: /m)
  })

  it('reads the configuration file of each side, as build finds it', async () => {
    write('k8s/cmhash.config.yaml', 'select: all\nwarnings: {UNREFERENCED: ignore}\n')
    commit('hash everything')
    rmSync(join(repo, 'k8s/cmhash.config.yaml'))
    // At HEAD feature-flags was hashed (select: all); in the work tree it is not.
    const { result } = await diffJson('--git', 'HEAD', 'k8s')
    expect(result.configs.map(c => [c.name, c.from === c.name, c.to])).toEqual([['feature-flags', false, 'feature-flags']])
    // --config names one file for both sides.
    write('both.yaml', 'select: all\nwarnings: {UNREFERENCED: ignore}\n')
    expect((await diffJson('--config', 'both.yaml', '--git', 'HEAD', 'k8s')).result.configs).toEqual([])
  })

  it('leaves no temporary directory behind', async () => {
    const ours = () => readdirSync(tmpdir()).filter(n => n.startsWith('cmhash-diff-') && !n.startsWith('cmhash-diff-git-') && !n.startsWith('cmhash-diff-cli-'))
    const before = ours().length
    edit('k8s/config.yaml', t => t.replace('LOG_LEVEL: info', 'LOG_LEVEL: debug'))
    await diffJson('--git', 'HEAD', 'k8s')
    await cli(['diff', '--git', 'HEAD', 'nowhere'], { cwd: repo })
    expect(ours().length).toBe(before)
  })
})

describe('the GitHub Actions example', () => {
  const workflow = parse(readFileSync(join(examples, 'github-actions/cmhash.yml'), 'utf8')) as { jobs: Record<string, { steps: Array<{ run?: string }> }> }
  const line = Object.values(workflow.jobs).flatMap(j => j.steps).flatMap(s => (s.run ?? '').split('\n')).map(l => l.trim())
    .find(l => l.startsWith('cmhash diff'))

  it('posts the diff against origin/main as the job summary', async () => {
    expect(line).toBe('cmhash diff --git origin/main k8s/ --format markdown >> "$GITHUB_STEP_SUMMARY"')
    git('update-ref', 'refs/remotes/origin/main', 'HEAD')
    edit('k8s/config.yaml', t => t.replace('LOG_LEVEL: info', 'LOG_LEVEL: debug'))
    const argv = line!.replace(/\s*>>.*$/, '').split(/\s+/).slice(1)
    const r = await cli(argv, { cwd: repo })
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toMatch(/^### cmhash diff: 1 object rolls\n\n`origin\/main` → `work tree`/)
  })
})

describe('the README', () => {
  it('shows what cmhash diff really prints, in each format', async () => {
    // The change the README describes: a log level, a password, a new Service.
    git('update-ref', 'refs/remotes/origin/main', 'HEAD')
    edit('k8s/config.yaml', t => t.replace('LOG_LEVEL: info', 'LOG_LEVEL: debug'))
    edit('k8s/secret.yaml', t => t.replace('password: change-me', 'password: s3cr3t-2025'))
    write('k8s/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n')
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    for (const format of ['table', 'markdown', 'json']) {
      const r = await cli(['diff', '--git', 'origin/main', 'k8s/', '--format', format], { cwd: repo })
      expect(r.code).toBe(0)
      expect(readme, `README's ${format} example`).toContain(r.stdout.trimEnd())
    }
  })
})
