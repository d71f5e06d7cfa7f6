// The CLI's promises about inputs and outputs, through the real process:
// it reads what users actually pass, refuses directories it would misread,
// and writes every output or none.
import { spawnSync } from 'node:child_process'
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'

const bin = new URL('../packages/cli/bin/cmhash.js', import.meta.url).pathname
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {k: v}\n'
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: app}}]}]}\n'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmhash-io-'))
})

function file(name: string, content: string): string {
  mkdirSync(join(dir, name, '..'), { recursive: true })
  writeFileSync(join(dir, name), content)
  return name
}

function sh(script: string, input?: string) {
  const r = spawnSync('bash', ['-c', script], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, CMHASH: `node ${bin}` }, timeout: 60_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Every file below the scratch directory, for "nothing was written". */
function listing(): string[] {
  const out: string[] = []
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      out.push(prefix + e.name)
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`)
    }
  }
  walk(dir, '')
  return out.sort()
}

describe('inputs users pass', () => {
  it.each([
    ['/dev/stdin on a pipe', 'cat in.yaml | $CMHASH build -q /dev/stdin'],
    ['a process substitution', '$CMHASH build -q <(cat in.yaml)'],
    ['/dev/fd/3', '$CMHASH build -q /dev/fd/3 3< <(cat in.yaml)'],
  ])('%s is read', (_name, script) => {
    file('in.yaml', `${CM}---\n${POD}`)
    const expected = sh('$CMHASH build -q in.yaml').stdout
    const r = sh(script)
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(expected)
    expect(expected).toContain('name: app-')
  })

  it.each([
    ['endless stdin', 'yes | $CMHASH build -', '<stdin>: the inputs are larger than 256M'],
    ['/dev/zero', '$CMHASH build /dev/zero', '/dev/zero: the inputs are larger than 256M'],
    ['a file over --max-input', 'printf "%s" "$(cat in.yaml)" > f.yaml; $CMHASH build --max-input 1K f.yaml', 'f.yaml: the inputs are larger than 1K'],
  ])('%s: refused once past the bound', (_name, script, message) => {
    file('in.yaml', `${CM}---\n${POD}`.repeat(20))
    const r = sh(script)
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(message)
  })
})

describe('directories cmhash would misread', () => {
  it('a kustomization with patches: refused, with the command that works', () => {
    file('overlay/kustomization.yaml', 'resources: [deploy.yaml]\npatches: [{path: replicas.yaml}]\n')
    file('overlay/deploy.yaml', POD)
    file('overlay/replicas.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 5}\n')
    const r = sh('$CMHASH build overlay')
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('cmhash: overlay/kustomization.yaml: this kustomization uses patches, which cmhash does not apply ' +
      '(reading its files as manifests would be wrong); run: kubectl kustomize overlay | cmhash build -\n')
  })

  it('a kustomization pointing at a base: refused', () => {
    file('base/cm.yaml', CM)
    file('prod/kustomization.yaml', 'resources: [../base]\n')
    expect(sh('$CMHASH build prod').stderr).toContain('resource "../base" is not a file in this directory')
  })

  it('a kustomization that only lists its own files: read as plain manifests', () => {
    file('k/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [cm.yaml, pod.yaml]\n')
    file('k/cm.yaml', CM)
    file('k/pod.yaml', POD)
    expect(sh('$CMHASH build -q k').status).toBe(0)
  })

  it('a kustomization named as a file (a shell glob): the same rule as in its directory', () => {
    file('k/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [cm.yaml, pod.yaml]\n')
    file('k/cm.yaml', CM)
    file('k/pod.yaml', POD)
    const directory = sh('$CMHASH build -q k')
    expect(directory.stdout).toContain('name: app-')
    // The list is read as the files it lists (each once), never emitted as a manifest.
    expect(sh('$CMHASH build -q k/*.yaml')).toEqual(directory)
    expect(sh('$CMHASH build -q k/kustomization.yaml')).toEqual(directory)
    file('overlay/kustomization.yaml', 'resources: [deploy.yaml]\npatches: [{path: replicas.yaml}]\n')
    file('overlay/deploy.yaml', POD)
    file('overlay/replicas.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 5}\n')
    const overlay = sh('$CMHASH build overlay/*.yaml')
    expect(overlay).toMatchObject({ status: 2, stdout: '' })
    expect(overlay.stderr).toBe(sh('$CMHASH build overlay').stderr)
    expect(overlay.stderr).toContain('overlay/kustomization.yaml: this kustomization uses patches')
  })

  it('a Helm chart: refused, with the helm template hint', () => {
    file('chart/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.1.0\n')
    file('chart/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n')
    const r = sh('$CMHASH build chart')
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('chart is a Helm chart; render it first: helm template RELEASE chart | cmhash build -')
  })

  it('a configuration file below the top: never emitted; refused unless it is the one in use', () => {
    file('k8s/app/cmhash.config.yaml', 'select: all\n')
    file('k8s/app/cm.yaml', CM)
    const r = sh('$CMHASH build k8s')
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('k8s/app/cmhash.config.yaml: a configuration file below the top of an input directory is not read')
    const used = sh('$CMHASH build -q --config k8s/app/cmhash.config.yaml k8s')
    expect(used.status).toBe(0)
    expect(used.stdout).not.toContain('select')
    expect(used.stdout).toContain('name: app-')
  })
})

describe('every output or none', () => {
  it('--report whose parent is a file: nothing on stdout, no -o tree', () => {
    file('in/cm.yaml', CM)
    file('in/pod.yaml', POD)
    file('afile', 'x')
    for (const args of ['-q --report afile/r.json in', '-q --report afile/r.json -o out in']) {
      const r = sh(`$CMHASH build ${args}`)
      expect(r.status).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe('cmhash: afile/r.json: cannot write (EEXIST)\n')
    }
    expect(existsSync(join(dir, 'out'))).toBe(false)
  })

  it('-o blocked midway: no file written, no directory left behind', () => {
    file('in/a/cm.yaml', CM)
    file('in/b/pod.yaml', POD)
    file('out/b', 'a file where a directory must go')
    const before = listing()
    const r = sh('$CMHASH build -o out in --report out/report.json')
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('out/b/pod.yaml: cannot write')
    expect(listing()).toEqual(before)
  })

  it('-o inside the input directory: not read back on the next run', () => {
    file('k8s/cm.yaml', CM)
    file('k8s/pod.yaml', POD)
    expect(sh('$CMHASH build -q -o k8s/out k8s').status).toBe(0)
    const again = sh('$CMHASH build -q -o k8s/out k8s')
    expect(again.status).toBe(0)
    expect(readFileSync(join(dir, 'k8s/out/cm.yaml'), 'utf8')).toContain('name: app-')
  })

  it('-o holding a symbolic link: the link is replaced, what it pointed at is not written', () => {
    file('victim.yaml', '# outside the output directory\n')
    file('app.yaml', `${CM}---\n${POD}`)
    mkdirSync(join(dir, 'out'))
    symlinkSync('../victim.yaml', join(dir, 'out/app.yaml'))
    expect(sh('$CMHASH build -q -o out app.yaml').status).toBe(0)
    expect(readFileSync(join(dir, 'victim.yaml'), 'utf8')).toBe('# outside the output directory\n')
    expect(readFileSync(join(dir, 'out/app.yaml'), 'utf8')).toContain('name: app-')
  })

  it('-o below a symbolic link that leads out: refused', () => {
    file('k8s/sub/app.yaml', `${CM}---\n${POD}`)
    mkdirSync(join(dir, 'elsewhere'))
    mkdirSync(join(dir, 'out'))
    symlinkSync('../elsewhere', join(dir, 'out/sub'))
    const r = sh('$CMHASH build -q -o out k8s')
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('out/sub/app.yaml: a symbolic link leads out of the output directory')
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual([])
  })
})

// Made in the scratch directory only: never a real /dev path (a rename over
// /dev/null as root replaces the machine's /dev/null).
describe('--report at a device, a FIFO or a link', () => {
  const root = process.getuid?.() === 0

  it('a FIFO: written in place, its reader gets the report; the FIFO stays', () => {
    file('in/app.yaml', `${CM}---\n${POD}`)
    const r = sh('mkfifo fifo && { cat fifo > got.json & } && $CMHASH build -q --report fifo in > /dev/null; s=$?; wait; exit $s')
    expect(r.status).toBe(0)
    expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, 'got.json'), 'utf8')).renames[0].to).toMatch(/^app-/)
  })

  it('a link to this process\'s stderr (as /dev/stderr is): the report goes there, after what was there, and the link stays', () => {
    file('in/app.yaml', `${CM}---\n${POD}`)
    symlinkSync('/proc/self/fd/2', join(dir, 'stderr'))
    file('build.log', 'earlier\n')
    const r = sh('$CMHASH build -q --report stderr --summary in 2>> build.log > /dev/null')
    expect(r.status).toBe(0)
    expect(readlinkSync(join(dir, 'stderr'))).toBe('/proc/self/fd/2')
    const log = readFileSync(join(dir, 'build.log'), 'utf8')
    expect(log.startsWith('earlier\n{\n  "version": 1,')).toBe(true)
    expect(log).toMatch(/\n}\n[^]*app-/)
  })

  it('a link to this process\'s stdout without --output-dir: refused, stdout holds the manifests', () => {
    file('in/app.yaml', `${CM}---\n${POD}`)
    symlinkSync('/proc/self/fd/1', join(dir, 'stdout'))
    const r = sh('$CMHASH build -q --report stdout in')
    expect(r).toMatchObject({ status: 2, stdout: '' })
    expect(r.stderr).toContain('--report stdout is standard output, which holds the manifests')
    const o = sh('$CMHASH build -q --report stdout -o out in')
    expect(o.status).toBe(0)
    expect(JSON.parse(o.stdout).version).toBe(1)
  })

  it('a link to a regular file: the file gets the report, the link stays', () => {
    file('in/app.yaml', `${CM}---\n${POD}`)
    file('reports/r.json', 'old\n')
    symlinkSync('reports/r.json', join(dir, 'r.json'))
    expect(sh('$CMHASH build -q --report r.json in').status).toBe(0)
    expect(readlinkSync(join(dir, 'r.json'))).toBe('reports/r.json')
    expect(JSON.parse(readFileSync(join(dir, 'reports/r.json'), 'utf8')).version).toBe(1)
  })

  it.skipIf(!root)('character devices (mknod, as root): null and full stay devices; full fails with one line and nothing written', () => {
    file('in/app.yaml', `${CM}---\n${POD}`)
    expect(sh('mknod -m 666 null c 1 3 && mknod -m 666 full c 1 7').status).toBe(0)
    expect(sh('$CMHASH build -q --report null in > /dev/null').status).toBe(0)
    const full = sh('$CMHASH build -q --report full -o out in')
    expect(full).toMatchObject({ status: 2, stdout: '', stderr: 'cmhash: full: cannot write (ENOSPC)\n' })
    expect(existsSync(join(dir, 'out'))).toBe(false)
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true)
    expect(lstatSync(join(dir, 'full')).isCharacterDevice()).toBe(true)
  })
})
