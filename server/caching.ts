/**
 * How long a browser or a proxy may keep each kind of answer, said once. Answers name who asked and change, so by
 * default nothing is kept; the page is asked anew each time and never shared; a built file whose name carries its
 * content's hash is kept a year; other built files are asked anew.
 */
const YEAR_SECONDS = 365 * 24 * 60 * 60

export const CACHING = {
  none: 'no-store',
  page: 'no-cache, private',
  hashedFile: `public, max-age=${YEAR_SECONDS}, immutable`,
  otherFile: 'no-cache',
} as const
