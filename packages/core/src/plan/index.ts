// Step 2 of a build, as named passes run in order over the facts read:
// find duplicates, resolve every reference to the target it names, check
// the data keys references need, select the targets to hash, rename them,
// rewrite the references that follow, keep each edit out of the places
// that share its node through a YAML alias, and warn about what must be
// recreated, references left as written, old names left in fields no
// table knows, and what select all renamed that nothing references.
import type { FileFacts, Plan } from '../facts.js'
import type { Reporter } from '../report/reporter.js'
import { checkDuplicates } from './check-duplicates.js'
import { checkKeys } from './check-keys.js'
import { planContext, type PlanOptions } from './context.js'
import { EditList } from './edit-list.js'
import { renameTargets } from './rename-targets.js'
import { reportPossibleReferences } from './report-possible-references.js'
import { reportRecreate } from './report-recreate.js'
import { reportUnreferenced } from './report-unreferenced.js'
import { reportUnresolved } from './report-unresolved.js'
import { resolveReferences } from './resolve-references.js'
import { protectSharedNodes } from './protect-shared-nodes.js'
import { rewriteReferences } from './rewrite-references.js'
import { selectTargets } from './select-targets.js'

export type { PlanOptions } from './context.js'

// --- internal ---

/** The edits and renames of a build. Problems go to `report`. */
export function planBuild(files: readonly FileFacts[], options: PlanOptions, report: Reporter): Plan {
  const ctx = planContext(files, options, report)
  checkDuplicates(ctx)
  const resolved = resolveReferences(ctx)
  checkKeys(ctx, resolved)
  const decisions = selectTargets(ctx, resolved)
  const edits = new EditList()
  const { renames, newNames, renamed } = renameTargets(ctx, decisions, resolved, edits)
  const wanted = rewriteReferences(ctx, resolved, newNames, edits)
  protectSharedNodes(ctx, wanted, edits)
  reportRecreate(ctx, renamed)
  reportUnresolved(ctx, resolved)
  reportUnreferenced(ctx, renamed, reportPossibleReferences(ctx, renamed))
  return { edits: edits.byFile, renames }
}
