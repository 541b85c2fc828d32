/** Any thrown thing as words a person can read: never "[object Object]", never blank. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message.trim()) return error.message
  if (typeof error === 'string' && error.trim()) return error
  return 'Something went wrong. Try again.'
}
