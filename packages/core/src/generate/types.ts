// The contract between whoever reads files (the CLI, a build script) and
// the generators, which only see bytes.
import type { ConfigMapGenerator, GeneratorOptions, SecretGenerator } from '../config/types.js'
import type { SourceLocation } from '../errors.js'

export type { ConfigMapGenerator, GeneratorOptions, SecretGenerator } from '../config/types.js'

/** The generator fields of a configuration, named and meant as in a kustomization. */
export interface GeneratorSpec {
  readonly configMapGenerator?: readonly ConfigMapGenerator[]
  readonly secretGenerator?: readonly SecretGenerator[]
  readonly generatorOptions?: GeneratorOptions
}

/**
 * A file that could not be read, as the reader saw it; {@link generate}
 * reports it at the configuration line that names the file.
 */
export interface UnreadableFile {
  readonly problem: 'missing' | 'directory' | 'outside' | 'unreadable' | 'too-large'
  /** The system's error code (`EACCES`), or the size in bytes for `too-large`. */
  readonly detail?: string
}

/**
 * The files generators name, by the path {@link generatorFiles} gives for
 * them: bytes, text (taken as UTF-8), or why they could not be read.
 */
export type GeneratorFiles = Readonly<Record<string, Uint8Array | string | UnreadableFile>>

/** A field of the configuration, e.g. `['configMapGenerator', 0, 'files', 2]`. */
export type ConfigPath = readonly (string | number)[]

export interface GenerateOptions {
  /** The configuration file's path, shown in messages. */
  readonly configFile?: string
  /** Where a field of the configuration is written (see {@link configLocator}), so errors point at it. */
  readonly locate?: (path: ConfigPath) => SourceLocation | undefined
  /** The configuration's directory as messages show it, put before file paths (`k8s` gives `k8s/app.env:3:1`). */
  readonly baseDir?: string
}

/** One object a generator makes, before the build hashes it. */
export interface GeneratedObject {
  readonly kind: 'ConfigMap' | 'Secret'
  /** The name as written in the generator (the build appends the hash). */
  readonly name: string
  readonly namespace?: string
  /** The generator's field: `configMapGenerator[0]`. */
  readonly generator: string
  /** Where the generator's name is written, when a locator was given. */
  readonly location?: SourceLocation
  /** False when `disableNameSuffixHash` keeps the name. */
  readonly hashed: boolean
}
