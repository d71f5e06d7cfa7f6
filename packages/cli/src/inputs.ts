import { readFileSync, realpathSync, statSync } from 'node:fs'
import { readFile, realpath, stat } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { CONFIG_FILE_NAMES, type BuildInput } from '@cmhash/core'
import { checkDirectory, KUSTOMIZATION_NAMES, kustomizationFiles, SPECIAL_NAMES } from './input-checks.js'
import { listDirectory } from './list-directory.js'
import { DEFAULT_MAX_INPUT, readSpecialBounded, readStreamBounded, take, type InputBudget } from './read-bounded.js'

/** An input file, with the path it gets under --output-dir. */
export interface InputFile extends BuildInput {
  readonly outputPath: string
}

/** An input that cannot be read (missing path, unreadable file, not UTF-8); exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError'
}

const MANIFESTS = ['**/*.yaml', '**/*.yml', '**/*.json']
// A configuration file below an input directory is never a manifest (the one that applies is found by findConfig).
const SKIPPED_NAMES: ReadonlySet<string> = new Set([...KUSTOMIZATION_NAMES, ...CONFIG_FILE_NAMES])
const SKIPPED = [...SKIPPED_NAMES].map(name => `**/${name}`)

export interface ReadOptions {
  /** Globs of files to read in directories; default every .yaml, .yml and .json file. */
  readonly include?: readonly string[]
  /** Globs of files to skip in directories, besides hidden paths, kustomization files and cmhash's config. */
  readonly exclude?: readonly string[]
  /** Absolute paths that directories may hold but that are not manifests (files generators read). */
  readonly skip?: ReadonlySet<string>
  /** A directory without manifests is not an error (the configuration generates objects). */
  readonly allowEmpty?: boolean
  /** The configuration file in use (absolute): the one cmhash.config.* a directory may hold below its top. */
  readonly configFile?: string
  /** --output-dir (absolute): never read as input, even inside an input directory. */
  readonly outputDir?: string
  /** Most bytes read from all inputs together; default DEFAULT_MAX_INPUT. */
  readonly maxInputBytes?: number
}

/**
 * Reads the inputs named on the command line: `-` is stdin, a directory is
 * every manifest below it (sorted, so output does not depend on the order
 * the file system lists them), a file is itself. `stdin` is called only
 * for `-`: Node.js makes process.stdin when it is first used, a millisecond
 * of every run that reads only files.
 */
export async function readInputs(paths: readonly string[], cwd: string, stdin: () => Readable, options: ReadOptions = {}): Promise<InputFile[]> {
  const out: InputFile[] = []
  const seen = new Set<string>()
  const limit = options.maxInputBytes ?? DEFAULT_MAX_INPUT
  const budget: InputBudget = { left: limit, limit }
  for (const p of paths) {
    if (p === '-') {
      out.push({ path: '<stdin>', outputPath: 'stdin.yaml', content: decode(await readStreamBounded(stdin(), '<stdin>', budget), '<stdin>') })
      continue
    }
    const abs = resolve(cwd, p)
    const info = await stat(abs).catch(() => {
      throw new InputError(`${p}: no such file or directory`)
    })
    if (info.isDirectory()) {
      // The output directory, when it is inside this one, is not input: a
      // second run would read the first one's output.
      const output = options.outputDir === undefined ? undefined : relative(abs, options.outputDir)
      const outputRel = output !== undefined && output !== '' && !output.startsWith('..') && !isAbsolute(output) ? output.split(sep).join('/') : undefined
      const outputIgnore = outputRel !== undefined ? [`${outputRel}/**`] : []
      // The default patterns are listed by one walk; others (and symbolic links) by fast-glob.
      const listed = options.include === undefined && !options.exclude?.length ? await listDirectory(abs, SKIPPED_NAMES, SPECIAL_NAMES, outputRel) : undefined
      await checkDirectory(abs, p, {
        ...(options.configFile !== undefined ? { configFile: options.configFile } : {}), ignore: outputIgnore, ...(listed ? { listed: listed.special } : {}),
      })
      const found = listed ? [...listed.manifests] : await (await import('fast-glob')).default([...(options.include ?? MANIFESTS)], {
        cwd: abs, dot: false, ignore: [...SKIPPED, ...outputIgnore, ...(options.exclude ?? [])], onlyFiles: true, followSymbolicLinks: true,
      })
      const manifests = options.skip ? found.filter(rel => !options.skip!.has(join(abs, rel))) : found
      if (manifests.length === 0 && !options.allowEmpty) throw new InputError(`${p}: no ${options.include ? 'files matching --include' : '.yaml, .yml or .json files'} in this directory`)
      // Added in sorted order. A file reached twice through symbolic links
      // (a link to a parent directory loops) is read once. Below a
      // directory listed without meeting a symbolic link, a file's real path
      // is the directory's real path and the file's relative one.
      const realDir = listed ? await realpath(abs).catch(fail(p)) : undefined
      for (const rel of manifests.sort(byCodePoint)) {
        const f = readOne(join(abs, rel), displayPath(p, rel), rel, budget, realDir === undefined ? undefined : join(realDir, rel))
        if (seen.has(f.abs) || options.skip?.has(f.abs)) continue
        seen.add(f.abs)
        out.push(f.file)
      }
    } else if (!info.isFile()) {
      // A pipe or device named on the command line: /dev/stdin, /dev/fd/N,
      // a process substitution <(helm template ...). No real path to
      // compare, and no size to check before reading.
      out.push({ path: p, outputPath: basename(p), content: decode(await readSpecialBounded(abs, p, budget).catch(fail(p)), p) })
    } else if (KUSTOMIZATION_NAMES.includes(basename(abs))) {
      // As in a directory: a list of files is read as those files, anything more is refused.
      for (const file of await kustomizationFiles(abs, p)) {
        const rel = relative(dirname(abs), file)
        addFile(out, seen, file, displayPath(dirname(p), rel), rel, budget)
      }
    } else {
      addFile(out, seen, abs, p, basename(p), budget)
    }
  }
  return out
}

/** The configuration file a build uses, and why: for messages such as `cmhash config check`'s. */
export interface FoundConfig {
  /** Relative to the current directory (absolute when outside it). */
  readonly path: string
  /** Found from the inputs, or (none found from them, or stdin only) from the current directory. */
  readonly from: 'inputs' | 'cwd'
}

/**
 * The configuration file, by one rule for every form of input: the nearest
 * file named one of `names` above the inputs (in an input directory itself,
 * in the directory of an input file, or in a directory above, up to the top
 * of the git repository: a directory holding `.git`, or `top`), else the
 * nearest above the current directory, else none. Inputs that find
 * different files are an error naming both.
 */
export async function findConfig(paths: readonly string[], cwd: string, names: readonly string[], top?: string): Promise<FoundConfig | undefined> {
  const cache = new Map<string, Promise<string | undefined>>()
  const found = new Map<string, string>()
  for (const p of paths) {
    if (p === '-') continue
    const abs = resolve(cwd, p)
    const info = await stat(abs).catch(() => undefined)
    if (!info) continue
    const config = await nearestConfig(info.isDirectory() ? abs : dirname(abs), names, top, cache)
    if (config !== undefined && !found.has(config)) found.set(config, p)
  }
  if (found.size > 1) {
    const [[a, forA], [b, forB]] = [...found] as [[string, string], [string, string]]
    throw new InputError(`the inputs find different configuration files: ${shown(a, cwd)} (for ${forA}) and ${shown(b, cwd)} (for ${forB}); choose one with --config`)
  }
  const [config] = found.keys()
  if (config !== undefined) return { path: shown(config, cwd), from: 'inputs' }
  const here = await nearestConfig(cwd, names, top, cache)
  return here === undefined ? undefined : { path: shown(here, cwd), from: 'cwd' }
}

/** Reads a text file given on the command line. */
export async function readText(path: string, cwd: string): Promise<string> {
  const bytes = await readFile(resolve(cwd, path)).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`${path}: ${e.code === 'ENOENT' ? 'no such file' : `cannot read (${e.code ?? e.message})`}`)
  })
  return decode(bytes, path)
}

// --- internal ---

/** The first of `names` in `dir` or a directory above, up to a directory holding .git, or `top`. */
function nearestConfig(dir: string, names: readonly string[], top: string | undefined, cache: Map<string, Promise<string | undefined>>): Promise<string | undefined> {
  let result = cache.get(dir)
  if (result === undefined) {
    result = (async () => {
      for (const name of names) {
        if (await stat(join(dir, name)).then(s => s.isFile(), () => false)) return join(dir, name)
      }
      const parent = dirname(dir)
      if (parent === dir || dir === top || await stat(join(dir, '.git')).then(() => true, () => false)) return undefined
      return nearestConfig(parent, names, top, cache)
    })()
    cache.set(dir, result)
  }
  return result
}

/** A path as messages show it: relative when in the current directory, below it or above it; absolute elsewhere. */
function shown(abs: string, cwd: string): string {
  const rel = relative(cwd, abs).split(sep).join('/')
  return !rel.startsWith('..') || /^(\.\.\/)+[^/]+$/.test(rel) ? rel : abs
}

function addFile(out: InputFile[], seen: Set<string>, abs: string, path: string, outputPath: string, budget: InputBudget): void {
  const f = readOne(abs, path, outputPath, budget)
  if (seen.has(f.abs)) return
  seen.add(f.abs)
  out.push(f.file)
}

/**
 * Reads a file; `abs` in the result is its real path (`real`, when the
 * caller knows it), for telling files reached twice apart. Synchronous:
 * files already in the page cache, as manifests usually are, read several
 * times faster so than through promises and the thread pool.
 */
function readOne(abs: string, path: string, outputPath: string, budget: InputBudget, real?: string): { abs: string; file: InputFile } {
  const onError = fail(path)
  try {
    const resolved = real ?? realpathSync.native(abs)
    take(budget, statSync(resolved).size, path)
    const bytes = readFileSync(resolved)
    return { abs: resolved, file: { path, outputPath: outputPath.split(sep).join('/'), content: decode(bytes, path) } }
  } catch (e) {
    return onError(e as NodeJS.ErrnoException)
  }
}

function fail(path: string): (e: NodeJS.ErrnoException) => never {
  return e => {
    if (e instanceof InputError) throw e
    throw new InputError(`${path}: cannot read (${e.code ?? e.message})`)
  }
}

function decode(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const at = firstInvalidUtf8(bytes)
    let line = 1
    let lineStart = 0
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 10) {
        line++
        lineStart = i + 1
      }
    }
    throw new InputError(`${path}:${line}:${at - lineStart + 1}: not valid UTF-8 text (byte ${at})`)
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1
    if (n < 0) return i
    for (let k = 1; k <= n; k++) {
      const d = b[i + k]
      if (d === undefined || (d & 0xc0) !== 0x80) return i
    }
    i += n + 1
  }
  return b.length
}

function displayPath(dir: string, rel: string): string {
  return join(dir, rel).split(sep).join('/')
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
