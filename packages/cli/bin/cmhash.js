#!/usr/bin/env node
// @ts-check
// The npm package's entry point. All it does is in main() (src/cli.ts),
// which the single executable's sea/main.mjs calls too; this file loads it
// through a V8 code cache. Compiling the bundle's build chunk, and then the
// functions a build calls, was most of what a small build spent beyond
// Node.js starting; with the cache, V8 reads them compiled. The cache is
// made after a run, so it holds what that run compiled, in the user's own
// cache directory; CMHASH_NO_CACHE=1 turns it off. It cannot fail a run:
// errors reading or writing it are ignored, a damaged one is not given to
// V8 (which would crash on it), and V8 rejects one made by another Node.js.
//
// Plain JavaScript checked by tsc (// @ts-check), not TypeScript bundled:
// Node.js runs this file as published, and it cannot be part of the bundle
// it loads.

// CommonJS (bin/package.json says so), not an ES module: Node.js starts a
// CommonJS main module about 3 ms sooner.
const { hash } = process.getBuiltinModule('node:crypto')
const { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlink, writeFileSync } = process.getBuiltinModule('node:fs')
const { createRequire, Module } = process.getBuiltinModule('node:module')
const { basename, dirname, isAbsolute, join } = process.getBuiltinModule('node:path')
const { Script } = process.getBuiltinModule('node:vm')

// The chunk that holds main() and all a build runs (rolldown.config.mjs),
// by its real path, as require() names it (see load).
const file = realpathSync(join(__dirname, '../dist/bundle/build.cjs'))
const source = readFileSync(file, 'utf8')
const cacheFile = cachePath(source)
const cached = cacheFile === undefined ? undefined : readCache(cacheFile)
// Node.js's CommonJS wrapper, on the chunk's first line (a comment): lines
// and columns in stack traces are the file's.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData: cached })
void load(script, file).main().then(() => {
  if (cacheFile !== undefined && (cached === undefined || script.cachedDataRejected) && worthCaching()) writeCache(cacheFile, script)
})

/**
 * Runs the compiled chunk as Node.js runs a CommonJS module, registered as
 * loaded: the lazily loaded chunks require('./build.cjs') and must get
 * this instance, not a second one.
 * @param {import('node:vm').Script} script
 * @param {string} file
 * @returns {typeof import('../dist/cli.js')}
 */
function load(script, file) {
  const chunk = new Module(file)
  chunk.filename = file
  const requireHere = createRequire(file)
  requireHere.cache[file] = chunk
  script.runInThisContext()(chunk.exports, requireHere, chunk, file, dirname(file))
  chunk.loaded = true
  return chunk.exports
}

/**
 * Where the chunk's code cache for this Node.js is, or undefined when there
 * is to be none. V8 checks only that a cache was made from a source of the
 * same length, so the name says which source: cmhash's version and the
 * chunk's content hash, which the bundler wrote on its first line.
 * @param {string} source
 */
function cachePath(source) {
  const key = /^\/\/ cmhash (\S+) build (\w+)/.exec(source)
  const dir = cacheDir()
  return key && dir ? join(dir, `build-${key[1]}-${process.version}-${process.arch}-${key[2]}.v8`) : undefined
}

/**
 * The user's own cache directory for cmhash, never a shared one (a code
 * cache someone else could write would run as this user); undefined when
 * caching is off or there is no home directory.
 */
function cacheDir() {
  const env = process.env
  if (env.CMHASH_NO_CACHE) return undefined
  if (process.platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'cmhash', 'Cache') : undefined
  if (!env.HOME) return undefined
  if (process.platform === 'darwin') return join(env.HOME, 'Library', 'Caches', 'cmhash')
  // The XDG specification: a relative path is to be ignored.
  return join(env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(env.HOME, '.cache'), 'cmhash')
}

/**
 * The cache, if it is whole and no one but this user can have written it:
 * the file is a SHA-256 of the V8 data, then the data. (V8 checks the
 * data's length, not its bytes, and crashes on damaged ones.)
 * @param {string} path
 */
function readCache(path) {
  try {
    if (!isPrivate(statSync(dirname(path)))) return undefined
    const fd = openSync(path, 'r')
    try {
      if (!isPrivate(fstatSync(fd))) return undefined
      const file = readFileSync(fd)
      const data = file.subarray(32)
      return hash('sha256', data, 'buffer').equals(file.subarray(0, 32)) ? data : undefined
    } finally {
      closeSync(fd)
    }
  } catch {
    return undefined
  }
}

/**
 * Whether only this user (or root) can change the file or directory: a
 * code cache someone else could write would run as this user.
 * @param {import('node:fs').Stats} stat
 */
function isPrivate(stat) {
  return !process.getuid || (stat.uid === process.getuid() && (stat.mode & 0o022) === 0)
}

/**
 * Whether this run compiled what the next ones will need. V8 caches the
 * functions that have run, so the cache is made by a build, diff or prune
 * that succeeded, not by --version, --help, a mistyped option or an
 * invalid input, which would leave every later build compiling much of
 * what it runs.
 */
function worthCaching() {
  const [command, ...rest] = process.argv.slice(2)
  return ['build', 'diff', 'prune'].includes(String(command)) && !rest.some(a => a === '--help' || a === '-h') && Number(process.exitCode ?? 0) === 0
}

/**
 * Writes the script's cache whole or not at all (a new file beside it,
 * renamed over it), and removes the caches of other builds of this
 * version: a development checkout would otherwise leave one per build.
 * @param {string} path
 * @param {import('node:vm').Script} script
 */
function writeCache(path, script) {
  const dir = dirname(path)
  const temp = `${path}.${process.pid}.tmp`
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    if (!isPrivate(statSync(dir))) return
    // Opened first: where nothing can be written, no time goes into the data.
    const fd = openSync(temp, 'wx', 0o600)
    try {
      const data = script.createCachedData()
      writeFileSync(fd, Buffer.concat([hash('sha256', data, 'buffer'), data]))
    } finally {
      closeSync(fd)
    }
    renameSync(temp, path)
    const sameVersion = basename(path).replace(/[^-]+\.v8$/, '')
    for (const name of readdirSync(dir)) {
      if (name.startsWith(sameVersion) && name.endsWith('.v8') && name !== basename(path)) unlink(join(dir, name), () => {})
    }
  } catch {
    unlink(temp, () => {})
  }
}
