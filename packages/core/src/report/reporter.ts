import type { CmhashWarning, ErrorCode, ErrorDetail, ResourceRef, SourceLocation, WarningCode, WarningLevel } from '../errors.js'
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
  private settled = false

  error(code: ErrorCode, p: ProblemInput): void {
    this.errors.push({ code, ...fields(p) })
  }

  warn(code: WarningCode, p: ProblemInput): void {
    // Its level would never apply (`warnings: {CODE: error}` silently not honoured).
    if (this.settled) throw new Error(`${code} reported after the warnings were settled`)
    this.warnings.push({ code, ...fields(p) })
  }

  /**
   * Once everything is reported: warnings in order of file (as `files`
   * lists them; those about no place, such as EMPTY_INPUT, last), then
   * place in the file;
   * those whose code `levels` sets to `ignore` dropped, to `error` moved to
   * the errors.
   */
  settle(levels: Readonly<Partial<Record<WarningCode, WarningLevel>>>, files: readonly string[]): void {
    this.settled = true
    const order = new Map(files.map((f, i) => [f, i]))
    const rank = (w: CmhashWarning) => (w.location ? (order.get(w.location.file) ?? files.length) : files.length + 1)
    const sorted = this.warnings.map((w, i) => ({ w, i }))
      .sort((a, b) => rank(a.w) - rank(b.w) || (a.w.location?.offset ?? 0) - (b.w.location?.offset ?? 0) || a.i - b.i)
      .map(x => x.w)
    this.warnings.length = 0
    for (const w of sorted) {
      const level = levels[w.code] ?? 'warn'
      if (level === 'warn') this.warnings.push(w)
      else if (level === 'error') this.errors.push(w)
    }
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
