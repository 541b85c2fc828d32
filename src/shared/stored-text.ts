/** Text the store can keep: no NUL (PostgreSQL refuses it) and no half of a character (an unpaired surrogate). */
export const isStorableText = (text: string) =>
  !/\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)
