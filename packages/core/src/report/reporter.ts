import type { CmhashWarning, ErrorCode, ErrorDetail, ResourceRef, SourceLocation, WarningCode, WarningLevel } from '../errors.js'
import { escapeControl } from '../text/escape.js'
import { LineCounter } from '../text/offsets.js'

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
  /** Per file, its lines counted so far (a large file may have thousands of problems). */
  private readonly lines = new Map<string, LineCounter>()

  error(code: ErrorCode, p: ProblemInput): void {
    this.errors.push({ code, ...this.fields(p) })
  }

  warn(code: WarningCode, p: ProblemInput): void {
    // Its level would never apply (`warnings: {CODE: error}` silently not honoured).
    if (this.settled) throw new Error(`${code} reported after the warnings were settled`)
    this.warnings.push({ code, ...this.fields(p) })
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

  private fields(p: ProblemInput): Omit<ErrorDetail, 'code'> {
    const out: { message: string; location?: SourceLocation; resource?: ResourceRef; path?: string } = { message: escapeControl(p.message) }
    if (p.at) out.location = this.locate(p.at)
    if (p.resource) out.resource = p.resource
    if (p.path) out.path = escapeControl(p.path)
    return out
  }

  /** The 1-based line of a place, for a message that names another place than the one it is reported at. */
  line(at: Where): number {
    return this.counter(at).at(at.offset).line
  }

  private locate(at: Where): SourceLocation {
    return { file: at.file, offset: at.offset, ...this.counter(at).at(at.offset) }
  }

  private counter(at: Where): LineCounter {
    let lines = this.lines.get(at.file)
    // Every read of a file gives the same text; a text of another length is another file of that name.
    if (lines?.text.length !== at.text.length) this.lines.set(at.file, lines = new LineCounter(at.text))
    return lines
  }
}
