// How the V8 heap of a large build grows. A build holds most of what it
// makes until it ends (the input text, what it knows of every target,
// every edit), and V8's default lets the heap grow to about twice what is
// alive before it collects again: at 100 MB of input that headroom alone
// was some 250 MB of resident memory, mostly garbage. From LARGE on, the
// heap may grow a tenth past what was alive after each full collection
// instead. That costs more collections (at 100 MB, about a tenth more
// time), and nothing below LARGE, whose heap stays small.
/** Characters of input from which the heap is kept close to what is alive (the core reads a build of this size three times: LEAN_FROM). */
const LARGE = 16 * 1024 * 1024

export function fitHeap(inputs: readonly { readonly content: string }[]): void {
  if (inputs.reduce((n, i) => n + i.content.length, 0) < LARGE) return
  // Loaded only here (bin/cmhash.js runs the bundle as a script, where import() of a built-in is not served).
  process.getBuiltinModule('node:v8').setFlagsFromString('--heap-growing-percent=10')
}
