export const CONSUMER_GROUP_PREFIX = Symbol('CONSUMER_GROUP_PREFIX');
/** The park's training tracks. */
export const TRACKS = Symbol('TRACKS');
/** The key national id numbers are hashed under. */
export const ID_HASH_SECRET = Symbol('ID_HASH_SECRET');
