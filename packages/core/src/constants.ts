/** Annotation holding a hashed object's name before hashing. */
export const NAME_ANNOTATION = 'cmhash.dev/name'
/** Annotation that forces (`"true"`) or prevents (`"false"`) hashing. */
export const HASH_ANNOTATION = 'cmhash.dev/hash'
/** Label on every object cmhash hashed. */
export const MANAGED_LABEL = 'cmhash.dev/managed'
/** Configuration file names looked for in an input directory, in this order. */
export const CONFIG_FILE_NAMES: readonly string[] = ['cmhash.config.yaml', 'cmhash.config.yml', 'cmhash.config.json']
