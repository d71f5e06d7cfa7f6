// How the V8 heap of a large build is collected. A build holds most of
// what it makes until it ends (the input text, what it knows of every
// target, every edit), and from the core's LEAN_FROM on it reads each file
// three times, dropping each file's facts at once. Two V8 defaults then
// cost memory or time:
// - the heap may grow to about twice what was alive after a full
//   collection before the next: at 100 MB of input, some 250 MB of
//   resident memory, mostly garbage. From LARGE on it may grow a tenth.
// - pretenuring: when early objects from one place in the code survived,
//   V8 allocates that place's later objects in the old generation
//   directly. Some runs then put every read's facts there, to die at once:
//   a full collection every quarter second, and 100 MB took 45-50 s
//   instead of 16-18 s. From LARGE on it is off.
// Below LARGE nothing changes: a build there reads each file once, and
// V8's defaults serve it.

/** Characters of input from which the heap is collected so (the core's LEAN_FROM). */
export const LARGE: number = 32 * 1024 * 1024

/** The V8 flags set from LARGE on (test/large-build.test.ts checks this Node knows them). */
export const LARGE_BUILD_FLAGS: string = '--heap-growing-percent=10 --no-allocation-site-pretenuring'

export function fitHeap(inputs: readonly { readonly content: string }[]): void {
  if (inputs.reduce((n, i) => n + i.content.length, 0) < LARGE) return
  // Loaded only here (bin/cmhash.js runs the bundle as a script, where import() of a built-in is not served).
  const v8 = process.getBuiltinModule('node:v8')
  v8.setFlagsFromString(LARGE_BUILD_FLAGS)
  // V8 sets the next collection's threshold at each full collection, from
  // the growing factor of that moment. One made while the inputs were read
  // (before the flags) may allow the heap four times its live size: at
  // 100 MB, no full collection from 1 s to 12 s, and a 570 MB peak in
  // about half the runs. One full collection now sets it with the flags.
  v8.setFlagsFromString('--expose-gc')
  ;(process.getBuiltinModule('node:vm').runInNewContext('gc') as () => void)()
}
