// How Kubernetes reads an unquoted YAML scalar. kubectl and the API server
// turn YAML into JSON with sigs.k8s.io/yaml, which resolves plain scalars
// with goyaml v2 (YAML 1.1 rules), not YAML 1.2: `yes`, `on` and `off` are
// booleans, `0755` is an octal integer, `1_000` is 1000. cmhash parses YAML
// with every scalar as a string and asks this module what Kubernetes would
// see, so "is this a string?" is answered as the cluster answers it.

// --- internal ---

export type K8sScalarKind = 'string' | 'bool' | 'int' | 'float' | 'null' | 'binary'

const BOOL_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
const BOOL_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL'])
const FLOAT_WORDS = new Set([
  '.nan', '.NaN', '.NAN',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
])
// goyaml v2 yamlStyleFloat, applied after removing underscores.
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/
// Go strconv.ParseInt/ParseUint with base 0 (underscores already removed).
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/
// goyaml v2 parseTimestamp: such scalars stay strings when decoded into interface{}.
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?$/

const INT64_MIN = -(2n ** 63n)
const UINT64_MAX = 2n ** 64n - 1n

/**
 * The integer Go's strconv.ParseInt(s, 0, 64) syntax gives for `text` (with
 * goyaml's underscores removed): decimal, 0x, 0o, 0b, or a leading 0 for
 * octal; any size (callers check the range). Undefined when it is not one.
 */
export function goInt(text: string): bigint | undefined {
  const plain = text.replaceAll('_', '')
  if (!GO_INT.test(plain)) return undefined
  const negative = plain.startsWith('-')
  const digits = plain.replace(/^[-+]/, '')
  const value = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits)
  return negative ? -value : value
}

/** What Kubernetes reads an unquoted (plain) scalar with this text as. */
export function k8sPlainScalarKind(text: string): K8sScalarKind {
  if (NULLS.has(text)) return 'null'
  if (BOOL_TRUE.has(text) || BOOL_FALSE.has(text)) return 'bool'
  if (FLOAT_WORDS.has(text)) return 'float'
  const first = text.charCodeAt(0)
  const numeric = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e
  if (!numeric) return 'string'
  if (first === 0x2e) return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? 'float' : 'string'
  if (TIMESTAMP.test(text)) return 'string'
  const plain = text.replaceAll('_', '')
  // goyaml tries Go's ParseInt, then ParseUint, then its float pattern;
  // what fits none of them stays a string.
  const int = goInt(text)
  if (int !== undefined && int >= INT64_MIN && int <= UINT64_MAX) return 'int'
  if (YAML_FLOAT.test(plain)) return 'float'
  return 'string'
}

/** What Kubernetes reads a scalar as, given its YAML style and explicit tag (if any). */
export function k8sScalarKind(text: string, plain: boolean, tag: string | undefined): K8sScalarKind {
  if (tag !== undefined) {
    switch (tag) {
      case 'tag:yaml.org,2002:str': case '!': return 'string'
      case 'tag:yaml.org,2002:bool': return 'bool'
      case 'tag:yaml.org,2002:int': return 'int'
      case 'tag:yaml.org,2002:float': return 'float'
      case 'tag:yaml.org,2002:null': return 'null'
      case 'tag:yaml.org,2002:binary': return 'binary'
    }
  }
  return plain ? k8sPlainScalarKind(text) : 'string'
}

/** The boolean Kubernetes reads from a scalar, or undefined if it is not one. */
export function k8sBool(text: string, plain: boolean): boolean | undefined {
  if (!plain) return undefined
  if (BOOL_TRUE.has(text)) return true
  if (BOOL_FALSE.has(text)) return false
  return undefined
}
