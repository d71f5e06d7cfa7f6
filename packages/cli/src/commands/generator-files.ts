// Reads the files a configuration's generators name and turns them into
// the first input of the build. Everything about their content is the
// core's (generate); this file only reads, and refuses what leaves the
// configuration's directory through a symbolic link.
import { readFile, realpath, stat } from 'node:fs/promises'
import { dirname, resolve, sep } from 'node:path'
import {
  CmhashError, generate, generatorFiles, type BuildResult, type GeneratorSpec, type Problem, type UnreadableFile,
} from '@cmhash/core'
import type { InputFile } from '../inputs.js'

/** What the generators of a configuration made, ready for the build. */
export interface Generated {
  /** The generated objects, as the build's first input. */
  readonly input: InputFile
  /** The files the generators read, resolved and real, so directory reads do not take them for manifests. */
  readonly sources: ReadonlySet<string>
  /** The build's problems, those about generated objects pointed at the generators. */
  attribute<P extends Problem>(problems: readonly P[]): P[]
}

/** Files larger than this are not read: no ConfigMap or Secret can hold them (1 MiB), and memory is finite. */
const READ_LIMIT = 16 * 1024 * 1024

/**
 * Reads every file the generators of `configFile` (whose text is
 * `configText`) name, relative to its directory, and generates their objects.
 * Throws CmhashError (nothing is written) when a file is missing, a
 * directory, unreadable, or reached through a symbolic link that leads out
 * of the configuration's directory, or when generate refuses the content.
 */
export async function readGenerated(
  configFile: string, configText: string, spec: GeneratorSpec, cwd: string, namespace?: string,
): Promise<Generated> {
  const root = resolve(cwd, dirname(configFile))
  const realRoot = await realpath(root).catch(() => root)
  // No prototype: a file may be named __proto__ (a valid key).
  const files: Record<string, Uint8Array | UnreadableFile> = Object.create(null) as Record<string, Uint8Array | UnreadableFile>
  const sources = new Set<string>()
  for (const path of generatorFiles(spec)) {
    const abs = resolve(root, path)
    sources.add(abs)
    files[path] = await readSource(abs, realRoot, sources)
  }
  const { attributeToGenerators, configLocator, generatedObjects } = await import('@cmhash/core/config')
  const locate = configLocator(configText, configFile)
  const content = generate(spec, files, { configFile, locate, baseDir: dirname(configFile) })
  const inputPath = `<generated from ${configFile}>`
  const objects = generatedObjects(spec, { locate })
  return {
    input: { path: inputPath, outputPath: 'cmhash.generated.yaml', content },
    sources,
    attribute: problems => attributeToGenerators(problems, inputPath, objects, namespace),
  }
}

/** Runs a build, pointing its errors and warnings about generated objects at the generators. */
export function attributed(generated: Generated | undefined, run: () => BuildResult): BuildResult {
  if (!generated) return run()
  const result = attributeErrors(generated, run)
  const warnings = generated.attribute(result.warnings)
  return { get output() { return result.output }, chunks: () => result.chunks(), renames: result.renames, warnings, get files() { return result.files } }
}

/** Runs `run`, pointing the errors it throws about generated objects at the generators. */
export function attributeErrors<R>(generated: Generated | undefined, run: () => R): R {
  try {
    return run()
  } catch (e) {
    throw generated && e instanceof CmhashError ? new CmhashError(generated.attribute(e.errors), { cause: e }) : e
  }
}

/**
 * A KRM function reads no files: generators in its functionConfig are
 * refused rather than half supported (literals would work, files would not).
 */
export async function refuseFunctionGenerators(config: { configMapGenerator?: unknown; secretGenerator?: unknown }, text: string, path: string): Promise<void> {
  const field = config.configMapGenerator !== undefined ? 'configMapGenerator' : config.secretGenerator !== undefined ? 'secretGenerator' : undefined
  if (!field) return
  const { configLocator } = await import('@cmhash/core/config')
  const location = configLocator(text, path)(['functionConfig', field])
  throw new CmhashError([{
    code: 'INVALID_CONFIG', path: field, ...(location ? { location } : {}),
    message: `${field} is not supported in a KRM function's functionConfig: the function cannot read the files generators name; put generators in cmhash.config.yaml and run cmhash build`,
  }])
}

// --- internal ---

async function readSource(abs: string, realRoot: string, sources: Set<string>): Promise<Uint8Array | UnreadableFile> {
  const failed = (e: NodeJS.ErrnoException): UnreadableFile =>
    e.code === 'ENOENT' || e.code === 'ENOTDIR' ? { problem: 'missing' } : { problem: 'unreadable', detail: e.code ?? e.message }
  let real: string
  try {
    real = await realpath(abs)
  } catch (e) {
    return failed(e as NodeJS.ErrnoException)
  }
  sources.add(real)
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return { problem: 'outside' }
  try {
    const info = await stat(real)
    if (info.isDirectory()) return { problem: 'directory' }
    if (!info.isFile()) return { problem: 'unreadable', detail: 'not a regular file' }
    if (info.size > READ_LIMIT) return { problem: 'too-large', detail: String(info.size) }
    return await readFile(real)
  } catch (e) {
    return failed(e as NodeJS.ErrnoException)
  }
}
