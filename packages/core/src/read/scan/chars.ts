// The character codes the scanner compares against, in one place.

// --- internal ---

export const TAB = 9
export const NL = 10
export const SP = 32
export const DQ = 34
export const HASH = 35
export const SQ = 39
export const COMMA = 44
export const DASH = 45
export const DOT = 46
export const COLON = 58
export const QUESTION = 63
export const BACKSLASH = 92
