/** The fake SendGrid's answers: a status and body (SendGrid's error shape for refusals), and headers where it sends them. */
export interface FakeResponse {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export const ok = (body: unknown, status = 200): FakeResponse => ({ status, body })
export const noContent: FakeResponse = { status: 204 }
export const fieldError = (status: number, field: string | null, message: string): FakeResponse => ({
  status,
  body: { errors: [{ field, message }] },
})
