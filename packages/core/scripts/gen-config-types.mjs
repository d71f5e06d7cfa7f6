// Generates, from schema/cmhash.config.schema.json (the single source of
// truth for the configuration's shape), src/config/types.ts (the types) and
// src/config/schema.ts (the schema as a module, so the library reads no
// files); from schema/cmhash.report.schema.json, src/report/report-types.ts; and from
// schema/cmhash.diff.schema.json, src/diff/diff-types.ts. A test fails when they are out of date: run
// `pnpm --filter @cmhash/core gen`.
import { readFileSync, writeFileSync } from 'node:fs'
import { compile } from 'json-schema-to-typescript'

const schemaUrl = new URL('../schema/cmhash.config.schema.json', import.meta.url)
const reportSchemaUrl = new URL('../schema/cmhash.report.schema.json', import.meta.url)
const diffSchemaUrl = new URL('../schema/cmhash.diff.schema.json', import.meta.url)
const BANNER = '// Generated from schema/cmhash.config.schema.json by scripts/gen-config-types.mjs. Do not edit.'

/** The generated files: path (relative to the package) to content. */
export async function generate() {
  const schema = JSON.parse(readFileSync(schemaUrl, 'utf8'))
  const types = await compile(schema, 'CmhashConfig', {
    bannerComment: BANNER,
    additionalProperties: false,
    style: { semi: false, singleQuote: true },
    unreachableDefinitions: true,
  })
  const module = `${BANNER}\n\n// --- internal ---\n\nexport const CONFIG_SCHEMA: Record<string, unknown> = ${JSON.stringify(schema, null, 2)}\n`
  const reportSchema = JSON.parse(readFileSync(reportSchemaUrl, 'utf8'))
  const reportTypes = await compile(reportSchema, 'ChangeReport', {
    bannerComment: BANNER.replace('cmhash.config.schema.json', 'cmhash.report.schema.json'),
    additionalProperties: false,
    style: { semi: false, singleQuote: true },
    unreachableDefinitions: true,
  })
  const diffTypes = await compile(JSON.parse(readFileSync(diffSchemaUrl, 'utf8')), 'DiffResult', {
    bannerComment: BANNER.replace('cmhash.config.schema.json', 'cmhash.diff.schema.json'),
    additionalProperties: false,
    style: { semi: false, singleQuote: true },
    unreachableDefinitions: true,
  })
  return { 'src/config/types.ts': types, 'src/config/schema.ts': module, 'src/report/report-types.ts': reportTypes, 'src/diff/diff-types.ts': diffTypes }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [path, content] of Object.entries(await generate())) {
    writeFileSync(new URL(`../${path}`, import.meta.url), content)
    console.log(`wrote ${path}`)
  }
}
