import { readFile, stat } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { parseDocument } from 'yaml'
import { InputError } from './inputs.js'

/** The names checkDirectory() looks for anywhere below a directory. */
export const SPECIAL_NAMES: ReadonlySet<string> = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization', 'Chart.yaml', 'cmhash.config.yaml', 'cmhash.config.yml', 'cmhash.config.json'])
const SPECIAL = [...SPECIAL_NAMES].map(name => `**/${name}`)

/** What a kustomization may hold and still be a plain list of this directory's files, which cmhash reads as they are. */
const PLAIN_KUSTOMIZATION_KEYS = new Set(['apiVersion', 'kind', 'resources'])

/**
 * Refuses a directory cmhash would misread: a kustomization that does more
 * than list files (patches, generators, bases: reading its files as
 * manifests would emit a patch as a whole object), a Helm chart (its
 * templates are not YAML until `helm template` renders them), or a
 * configuration file below the top that is not the one in use (it would be
 * emitted as a manifest otherwise). `listed`: those files, when the caller
 * has listed them (listDirectory()).
 */
export async function checkDirectory(dir: string, shown: string, options: { configFile?: string; ignore?: readonly string[]; listed?: readonly string[] }): Promise<void> {
  const found = options.listed ? [...options.listed]
    : await (await import('fast-glob')).default(SPECIAL, { cwd: dir, dot: false, onlyFiles: true, followSymbolicLinks: true, ignore: [...(options.ignore ?? [])] })
  for (const rel of found.sort()) {
    const abs = join(dir, rel)
    const name = rel.split('/').pop()!
    const where = join(shown, rel).split(sep).join('/')
    if (name === 'Chart.yaml') {
      const chart = dirname(join(shown, rel)).split(sep).join('/')
      throw new InputError(`${where}: ${chart} is a Helm chart; render it first: helm template RELEASE ${chart} | cmhash build -`)
    }
    if (name.startsWith('cmhash.config.')) {
      if (!rel.includes('/') || (options.configFile !== undefined && resolve(options.configFile) === abs)) continue
      throw new InputError(`${where}: a configuration file below the top of an input directory is not read (and never built as a manifest); ` +
        'move it to the top of the input, pass it with --config, or remove it')
    }
    await checkKustomization(abs, where)
  }
}

/** The names kustomize reads a kustomization from. */
export const KUSTOMIZATION_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']

/**
 * A kustomization named as a file (a shell glob such as `k8s/*.yaml` names
 * it too): the files it lists, absolute, in its order, when listing files of
 * its directory is all it does; those are what it stands for. Refused as in
 * a directory otherwise (`shown` is the path as given).
 */
export async function kustomizationFiles(abs: string, shown: string): Promise<string[]> {
  return checkKustomization(abs, shown.split(sep).join('/'))
}

// --- internal ---

/** Refuses a kustomization that does more than list files of its directory; returns those files. */
async function checkKustomization(abs: string, where: string): Promise<string[]> {
  const text = await readFile(abs, 'utf8').catch(() => '')
  const doc = parseDocument(text, { logLevel: 'silent' })
  const value = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) as unknown : undefined
  const dir = dirname(abs)
  const hint = `run: kubectl kustomize ${dirname(where)} | cmhash build -`
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${where}: a kustomization cmhash cannot read; ${hint}`)
  const extra = Object.keys(value).filter(k => !PLAIN_KUSTOMIZATION_KEYS.has(k))
  if (extra.length > 0) {
    throw new InputError(`${where}: this kustomization uses ${extra.join(', ')}, which cmhash does not apply (reading its files as manifests would be wrong); ${hint}`)
  }
  const resources = (value as { resources?: unknown }).resources
  const files: string[] = []
  for (const r of Array.isArray(resources) ? resources : []) {
    const path = typeof r === 'string' ? resolve(dir, r) : undefined
    const inside = path !== undefined && !relative(dir, path).startsWith('..') && !/^[a-z]+:\/\//i.test(String(r))
    const isFile = inside && await stat(path).then(s => s.isFile(), () => false)
    if (!isFile) throw new InputError(`${where}: resource ${JSON.stringify(r)} is not a file in this directory (a base, an overlay or a URL); ${hint}`)
    files.push(path)
  }
  return files
}
