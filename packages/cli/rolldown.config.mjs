// The CLI ships as a bundle with its dependencies inside, so the package
// has none to install (their licences go beside it), and it knows its
// version without reading package.json. One chunk, build.cjs, holds all a
// build runs: loading one file instead of ~100 modules takes tens of
// milliseconds off every run, which is most of the time on a small input.
// The other commands, the configuration module with ajv, and fast-glob are
// chunks loaded when used.
//
// The chunks are CommonJS: bin/cmhash.js compiles build.cjs itself, with a
// V8 code cache (Node.js 20 has none for ES modules), which the chunk's
// first line names (codeCacheKey); rolldown turns the lazy import()s into
// require()s. The package's export is a one-line ES module over the
// CommonJS entry (esmEntry), not a second copy of the code. The code is
// ASCII and without JSDoc: one non-ASCII character makes V8 hold the whole
// source as two-byte characters, decoded from UTF-8 on every run.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { defineConfig } from 'rolldown'

const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'))

// The yaml package's exports give Node its CommonJS build, which reads
// process.env.LOG_TOKENS on every token the parser takes (a slow property
// of Node's: 16-21% of a large build). Its ESM build is the same code
// without that read (its "default" export condition, meant for browsers);
// the bundle takes it. It differs only in where warnings go (cmhash parses
// with logLevel 'silent') and in !!binary's decoder (atob, in Node too).
const yamlEsm = join(dirname(createRequire(import.meta.url).resolve('yaml/package.json')), 'browser/index.js')

/** What the npm bundle and the single executable's bundle (rolldown.sea.config.mjs) share. */
export const shared = {
  platform: 'node',
  resolve: { alias: { yaml: yamlEsm } },
  transform: { define: { CMHASH_VERSION: JSON.stringify(version) } },
  external: [/^node:/],
  plugins: [thirdPartyLicenses()],
}

// Loaded only when needed: the configuration module and ajv (a build with a
// configuration), fast-glob (--include, --exclude, or a directory holding a
// symbolic link), and the commands other than build. Everything else a
// build runs is one chunk: a module is one file to find, read and link.
const LAZY = [
  /[\\/]\.pnpm[\\/](?:ajv|fast-uri|fast-deep-equal|json-schema-traverse|fast-glob|@nodelib\+[^@]+|micromatch|picomatch|braces|fill-range|to-regex-range|is-number|is-glob|is-extglob|glob-parent|merge2|fastq|reusify|queue-microtask|run-parallel)@/,
  /[\\/]core[\\/]dist[\\/](?:config|prune|diff)[\\/]/,
  /[\\/]cli[\\/]dist[\\/](?:completion|commands[\\/](?:prune|diff|diff-sides|diff-revision|git|config|kubectl-live))\.js$/,
]

export default defineConfig({
  input: { cmhash: 'dist/cli.js' },
  ...shared,
  output: {
    dir: 'dist/bundle', cleanDir: true, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name].cjs',
    charset: 'ascii', comments: { jsdoc: false },
    codeSplitting: { groups: [{ name: 'build', test: id => !LAZY.some(re => re.test(id)) }] },
  },
  plugins: [...shared.plugins, codeCacheKey(), esmEntry()],
})

/**
 * Starts build.cjs with cmhash's version and a hash of the chunk, which
 * bin/cmhash.js names the chunk's V8 code cache by: V8 itself checks only
 * that a cache was made from a source of the same length.
 */
function codeCacheKey() {
  return {
    name: 'code-cache-key',
    generateBundle(_options, bundle) {
      const chunk = bundle['build.cjs']
      if (chunk?.type !== 'chunk') throw new Error('no build.cjs chunk, which bin/cmhash.js loads')
      const hash = createHash('sha256').update(chunk.code).digest('hex').slice(0, 16)
      chunk.code = `// cmhash ${version} build ${hash} (bin/cmhash.js names this file's code cache by them)\n${chunk.code}`
    },
  }
}

/**
 * Writes cmhash.mjs, the package's export: an ES module (the types in
 * dist/cli.d.ts are ESM) that re-exports the CommonJS entry's names.
 */
function esmEntry() {
  return {
    name: 'esm-entry',
    generateBundle(_options, bundle) {
      const entry = bundle['cmhash.cjs']
      if (entry?.type !== 'chunk') throw new Error('no cmhash.cjs entry chunk')
      this.emitFile({ type: 'asset', fileName: 'cmhash.mjs', source: `export { ${entry.exports.join(', ')} } from './cmhash.cjs'\n` })
    },
  }
}

/**
 * Writes THIRD-PARTY-LICENSES.txt beside the bundle: name, version, licence
 * and licence text of every npm package whose code the bundle holds.
 */
function thirdPartyLicenses() {
  return {
    name: 'third-party-licenses',
    generateBundle(_options, bundle) {
      const packages = new Map()
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue
        for (const id of file.moduleIds) {
          const m = /^(.*[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+))[\\/]/.exec(id)
          if (m) packages.set(m[1], m[2])
        }
      }
      const sections = [...packages].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([dir]) => {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
        const licenceFile = readdirSync(dir).find(f => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f))
        if (!licenceFile) throw new Error(`${pkg.name}: no licence file to put beside the bundle`)
        return `${pkg.name}@${pkg.version} (${pkg.license})\n\n${readFileSync(join(dir, licenceFile), 'utf8').trim()}\n`
      })
      const source = `The cmhash bundle holds code from these packages, under these licences.\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`
      this.emitFile({ type: 'asset', fileName: 'THIRD-PARTY-LICENSES.txt', source })
    },
  }
}
