import type { CmhashWarning, ErrorCode, ErrorDetail, ResourceRef, SourceLocation, WarningCode } from '../errors.js'
import { escapeControl } from '../text/escape.js'
import { lineColOf } from '../text/offsets.js'

// --- internal ---

export interface Where {
  readonly file: string
  readonly text: string
  readonly offset: number
}

interface ProblemInput {
  readonly message: string
  readonly at?: Where
  readonly resource?: ResourceRef
  readonly path?: string
}

/** Collects the errors and warnings of one build, in the order found. */
export class Reporter {
  readonly errors: ErrorDetail[] = []
  readonly warnings: CmhashWarning[] = []

  error(code: ErrorCode, p: ProblemInput): void {
    this.errors.push({ code, ...fields(p) })
  }

  warn(code: WarningCode, p: ProblemInput): void {
    this.warnings.push({ code, ...fields(p) })
  }
}

function fields(p: ProblemInput): Omit<ErrorDetail, 'code'> {
  const out: { message: string; location?: SourceLocation; resource?: ResourceRef; path?: string } = { message: escapeControl(p.message) }
  if (p.at) out.location = locate(p.at)
  if (p.resource) out.resource = p.resource
  if (p.path) out.path = escapeControl(p.path)
  return out
}

function locate(at: Where): SourceLocation {
  return { file: at.file, offset: at.offset, ...lineColOf(at.text, at.offset) }
}
