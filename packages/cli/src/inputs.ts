import { readFile, stat } from 'node:fs/promises'
import { basename, join, resolve, sep } from 'node:path'
import type { Readable } from 'node:stream'
import fg from 'fast-glob'
import { CONFIG_FILE_NAMES, type BuildInput } from '@cmhash/core'

/** An input file, with the path it gets under --output-dir. */
export interface InputFile extends BuildInput {
  readonly outputPath: string
}

/** An input that cannot be read (missing path, unreadable file, not UTF-8); exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError'
}

const MANIFESTS = ['**/*.yaml', '**/*.yml', '**/*.json']
const SKIPPED = ['**/kustomization.yaml', '**/kustomization.yml', '**/Kustomization', ...CONFIG_FILE_NAMES]

export interface ReadOptions {
  /** Globs of files to read in directories; default every .yaml, .yml and .json file. */
  readonly include?: readonly string[]
  /** Globs of files to skip in directories, besides hidden paths, kustomization files and cmhash's config. */
  readonly exclude?: readonly string[]
}

/**
 * Reads the inputs named on the command line: `-` is stdin, a directory is
 * every manifest below it (sorted, so output does not depend on the order
 * the file system lists them), a file is itself.
 */
export async function readInputs(paths: readonly string[], cwd: string, stdin: Readable, options: ReadOptions = {}): Promise<InputFile[]> {
  const out: InputFile[] = []
  const seen = new Set<string>()
  for (const p of paths) {
    if (p === '-') {
      out.push({ path: '<stdin>', outputPath: 'stdin.yaml', content: decode(await readAll(stdin), '<stdin>') })
      continue
    }
    const abs = resolve(cwd, p)
    const info = await stat(abs).catch(() => {
      throw new InputError(`${p}: no such file or directory`)
    })
    if (info.isDirectory()) {
      const found = await fg([...(options.include ?? MANIFESTS)], {
        cwd: abs, dot: false, ignore: [...SKIPPED, ...(options.exclude ?? [])], onlyFiles: true, followSymbolicLinks: true,
      })
      if (found.length === 0) throw new InputError(`${p}: no ${options.include ? 'files matching --include' : '.yaml, .yml or .json files'} in this directory`)
      for (const rel of found.sort(byCodePoint)) {
        await addFile(out, seen, join(abs, rel), displayPath(p, rel), rel)
      }
    } else {
      await addFile(out, seen, abs, p, basename(p))
    }
  }
  return out
}

/** The path of the configuration file in the input directories, if any; more than one is ambiguous. */
export async function findConfig(paths: readonly string[], cwd: string, names: readonly string[]): Promise<string | undefined> {
  const found: string[] = []
  for (const p of paths) {
    if (p === '-') continue
    const info = await stat(resolve(cwd, p)).catch(() => undefined)
    if (!info?.isDirectory()) continue
    for (const name of names) {
      const candidate = join(p, name)
      if (await stat(resolve(cwd, candidate)).then(s => s.isFile(), () => false)) {
        found.push(candidate)
        break
      }
    }
  }
  if (found.length > 1) throw new InputError(`configuration files in several input directories (${found.join(', ')}); choose one with --config`)
  return found[0]
}

/** Reads a text file given on the command line. */
export async function readText(path: string, cwd: string): Promise<string> {
  const bytes = await readFile(resolve(cwd, path)).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`${path}: ${e.code === 'ENOENT' ? 'no such file' : `cannot read (${e.code ?? e.message})`}`)
  })
  return decode(bytes, path)
}

// --- internal ---

async function addFile(out: InputFile[], seen: Set<string>, abs: string, path: string, outputPath: string): Promise<void> {
  if (seen.has(abs)) return
  seen.add(abs)
  const bytes = await readFile(abs).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`${path}: cannot read (${e.code ?? e.message})`)
  })
  out.push({ path, outputPath: outputPath.split(sep).join('/'), content: decode(bytes, path) })
}

function decode(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new InputError(`${path}: not valid UTF-8 text`)
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks)
}

function displayPath(dir: string, rel: string): string {
  return join(dir, rel).split(sep).join('/')
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
