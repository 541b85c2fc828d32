import { HttpResponse, delay, http } from 'msw'
import { server } from '../mocks/node'
import { ApiError, errorDetails, request } from './api-client'
import { clearApiKey, setApiKey } from './api-key'

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('request', () => {
  it('sends JSON and returns the parsed answer', async () => {
    let sent: unknown
    server.use(
      http.post('*/v3/echo', async ({ request: req }) => {
        sent = await req.json()
        return HttpResponse.json({ ok: true }, { status: 201 })
      }),
    )
    await expect(request('/v3/echo', { method: 'POST', body: { name: 'x' } })).resolves.toEqual({ ok: true })
    expect(sent).toEqual({ name: 'x' })
  })

  it('returns undefined for 204 No Content', async () => {
    server.use(http.delete('*/v3/thing', () => new HttpResponse(null, { status: 204 })))
    await expect(request('/v3/thing', { method: 'DELETE' })).resolves.toBeUndefined()
  })

  it('reads the {"errors":[{field,message}]} shape', async () => {
    server.use(
      http.post('*/v3/thing', () =>
        HttpResponse.json(
          {
            errors: [
              { field: 'name', message: 'already exists' },
              { field: null, message: 'and more' },
            ],
          },
          { status: 400 },
        ),
      ),
    )
    const error = await failure(request('/v3/thing', { method: 'POST', body: {} }))
    expect(error.status).toBe(400)
    expect(error.message).toBe('already exists and more')
    expect(error.messageFor('name')).toBe('already exists')
  })

  it('reads the {"error":"…"} shape', async () => {
    server.use(
      http.delete('*/v3/thing', () =>
        HttpResponse.json({ error: 'Unable to locate specified IPs Pool' }, { status: 404 }),
      ),
    )
    const error = await failure(request('/v3/thing', { method: 'DELETE' }))
    expect(error.status).toBe(404)
    expect(error.message).toBe('Unable to locate specified IPs Pool')
  })

  it('turns an HTML error page into words, not markup', async () => {
    server.use(
      http.get('*/v3/thing', () => HttpResponse.html('<html><body>Bad gateway</body></html>', { status: 502 })),
    )
    const error = await failure(request('/v3/thing'))
    expect(error.status).toBe(502)
    expect(error.message).toBe('The server had a problem (502). Try again in a moment.')
  })

  it('explains an empty error body by its status', async () => {
    server.use(http.get('*/v3/thing', () => new HttpResponse(null, { status: 401 })))
    expect((await failure(request('/v3/thing'))).message).toBe('The API key was refused (401).')
  })

  it('keeps a short plain-text reason', async () => {
    server.use(http.get('*/v3/thing', () => HttpResponse.text('upstream timed out', { status: 504 })))
    expect((await failure(request('/v3/thing'))).message).toBe('upstream timed out')
  })

  it('reports a network failure as status 0 with a message', async () => {
    server.use(http.get('*/v3/thing', () => HttpResponse.error()))
    const error = await failure(request('/v3/thing'))
    expect(error.status).toBe(0)
    expect(error.message).toMatch(/could not be reached/)
  })

  it('gives up after the timeout', async () => {
    server.use(
      http.get('*/v3/slow', async () => {
        await delay(2_000)
        return HttpResponse.json([])
      }),
    )
    const error = await failure(request('/v3/slow', { timeoutMs: 50 }))
    expect(error.status).toBe(0)
    expect(error.message).toBe('The server did not answer within 0.05 seconds.')
  })

  it('passes a caller cancellation through rather than reporting it', async () => {
    server.use(
      http.get('*/v3/slow', async () => {
        await delay(2_000)
        return HttpResponse.json([])
      }),
    )
    const controller = new AbortController()
    const pending = request('/v3/slow', { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.not.toBeInstanceOf(ApiError)
  })

  it('refuses a success body that is not JSON', async () => {
    server.use(http.get('*/v3/thing', () => HttpResponse.text('not json')))
    expect((await failure(request('/v3/thing'))).message).toMatch(/could not be read/)
  })
})

describe('errorDetails', () => {
  it('ignores shapes it does not know and falls back to the status', () => {
    expect(errorDetails(500, JSON.stringify({ errors: [{ nope: 1 }] }))).toEqual([
      { field: null, message: 'The server had a problem (500). Try again in a moment.' },
    ])
    expect(errorDetails(400, '[1,2]')).toEqual([{ field: null, message: 'The request failed (400).' }])
  })

  it('treats SendGrid\'s "error" field name as no field', () => {
    expect(
      errorDetails(
        404,
        JSON.stringify({ errors: [{ field: 'error', message: 'Unable to locate specified IPs Pool' }] }),
      ),
    ).toEqual([{ field: null, message: 'Unable to locate specified IPs Pool' }])
  })
})

describe('the API key', () => {
  afterEach(() => clearApiKey())

  it('goes with every request once connected, and a key being checked goes instead of it', async () => {
    const seen: (string | null)[] = []
    server.use(
      http.get('*/v3/thing', ({ request: req }) => {
        seen.push(req.headers.get('Authorization'))
        return HttpResponse.json({})
      }),
    )
    await request('/v3/thing')
    setApiKey('SG.connected', { remember: false })
    await request('/v3/thing')
    await request('/v3/thing', { apiKey: 'SG.candidate' })
    expect(seen).toEqual([null, 'Bearer SG.connected', 'Bearer SG.candidate'])
  })
})

describe('rate limits', () => {
  it('reads when the limit lifts from X-RateLimit-Reset (Unix seconds)', async () => {
    server.use(
      http.get('*/v3/thing', () =>
        HttpResponse.json(
          { errors: [{ field: null, message: 'too many requests' }] },
          { status: 429, headers: { 'X-RateLimit-Reset': '1700000000' } },
        ),
      ),
    )
    const error = await failure(request('/v3/thing'))
    expect(error.status).toBe(429)
    expect(error.retryAt).toBe(1_700_000_000_000)
  })

  it('falls back to Retry-After, and to nothing', async () => {
    server.use(
      http.get('*/v3/thing', () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '3' } }), {
        once: true,
      }),
    )
    const before = Date.now()
    const error = await failure(request('/v3/thing'))
    expect(error.retryAt).toBeGreaterThanOrEqual(before + 3000)
    server.use(http.get('*/v3/thing', () => new HttpResponse(null, { status: 429 })))
    expect((await failure(request('/v3/thing'))).retryAt).toBeUndefined()
  })
})
