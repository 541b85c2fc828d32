import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { clearApiKey, getApiKey, setApiKey } from '../lib/api-key'
import { server } from '../mocks/node'
import { renderApp } from '../test/render'

const live = { backend: { mode: 'live' as const } }

function proxyStatus(keyOnServer: boolean) {
  server.use(http.get('*/proxy/status', () => HttpResponse.json({ keyOnServer, apiHost: 'api.sendgrid.com' })))
}

/** Only a key the fake SendGrid knows gets through, as with the real one. */
function sendGridAccepting(key: string, scopes?: string[]) {
  const seen: (string | null)[] = []
  server.use(
    http.all('*/v3/*', ({ request }) => {
      seen.push(request.headers.get('Authorization'))
      if (request.headers.get('Authorization') !== `Bearer ${key}`) {
        return HttpResponse.json({ errors: [{ field: null, message: 'authorization required' }] }, { status: 401 })
      }
      if (scopes && new URL(request.url).pathname === '/v3/scopes') return HttpResponse.json({ scopes })
    }),
  )
  return seen
}

afterEach(() => clearApiKey())

describe('live mode without a key on the server', () => {
  it('asks for a key, refuses one SendGrid refuses, and connects with a good one', async () => {
    proxyStatus(false)
    const seen = sendGridAccepting('SG.good')
    const { user } = renderApp('/pools', live)
    expect(await screen.findByRole('heading', { level: 1, name: 'Connect to SendGrid' })).toBeInTheDocument()
    expect(screen.getByText('api.sendgrid.com', { selector: 'strong' })).toBeInTheDocument()
    // Nothing is live yet: no badge says so before a key is given.
    expect(screen.queryByTitle(/^Live ·/)).not.toBeInTheDocument()

    const field = screen.getByLabelText(/API key/)
    await user.type(field, 'not-a-key{Enter}')
    expect(field).toHaveAccessibleDescription('A SendGrid API key starts with “SG.”.')
    expect(seen).toEqual([])

    await user.clear(field)
    await user.type(field, 'SG.wrong{Enter}')
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription('SendGrid refused this key. Check it, or create a new one.'),
    )
    expect(field).toHaveValue('SG.wrong')
    expect(getApiKey()).toBeNull()

    await user.clear(field)
    await user.type(field, 'SG.good{Enter}')
    expect(await screen.findByRole('link', { name: 'marketing' })).toBeInTheDocument()
    expect(seen.at(-1)).toBe('Bearer SG.good')
    expect(screen.getByTitle('Live · api.sendgrid.com')).toHaveTextContent('Live · api.sendgrid.com')
  })

  it('keeps the key in memory only, or in sessionStorage when asked, never in localStorage', async () => {
    proxyStatus(false)
    sendGridAccepting('SG.good')
    const { user } = renderApp('/pools', live)
    await user.type(await screen.findByLabelText(/API key/), 'SG.good')
    await user.click(screen.getByRole('checkbox', { name: 'Remember in this tab' }))
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    await screen.findByRole('link', { name: 'marketing' })
    expect(sessionStorage.getItem('ip-pools:api-key')).toBe('SG.good')
    expect(JSON.stringify({ ...localStorage })).not.toContain('SG.good')
  })

  it('forgets the key on Disconnect and asks again', async () => {
    proxyStatus(false)
    sendGridAccepting('SG.good')
    setApiKey('SG.good', { remember: true })
    const { user } = renderApp('/pools', live)
    await screen.findByRole('link', { name: 'marketing' })
    await user.click(screen.getByRole('button', { name: 'Disconnect' }))
    expect(await screen.findByRole('heading', { name: 'Connect to SendGrid' })).toBeInTheDocument()
    expect(getApiKey()).toBeNull()
    expect(sessionStorage.getItem('ip-pools:api-key')).toBeNull()
  })

  it('offers to reconnect when SendGrid later refuses the key', async () => {
    proxyStatus(false)
    sendGridAccepting('SG.other')
    setApiKey('SG.revoked', { remember: false })
    const { user } = renderApp('/pools', live)
    expect(await screen.findByText('SendGrid refused the API key: authorization required')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Reconnect' }))
    expect(await screen.findByRole('heading', { name: 'Connect to SendGrid' })).toBeInTheDocument()
  })
})

describe('live mode with a key on the server', () => {
  it('needs no key from the browser and says the server key is in use', async () => {
    proxyStatus(true)
    renderApp('/pools', live)
    expect(await screen.findByRole('link', { name: 'marketing' })).toBeInTheDocument()
    expect(screen.getByTitle('Live · api.sendgrid.com · key set on the server')).toHaveTextContent(
      'Live · api.sendgrid.com · key set on the server',
    )
    expect(screen.queryByRole('button', { name: 'Disconnect' })).not.toBeInTheDocument()
  })

  it('points an administrator at the server key when SendGrid refuses it', async () => {
    proxyStatus(true)
    server.use(
      http.get('*/v3/ips/pools', () =>
        HttpResponse.json({ errors: [{ message: 'authorization required' }] }, { status: 401 }),
      ),
    )
    renderApp('/pools', live)
    expect(await screen.findByText(/SendGrid refused the API key: authorization required/)).toHaveTextContent(
      'an administrator can check SENDGRID_API_KEY',
    )
    expect(screen.queryByRole('button', { name: 'Reconnect' })).not.toBeInTheDocument()
  })

  it('says in words when the proxy itself does not answer', async () => {
    server.use(http.get('*/proxy/status', () => new HttpResponse(null, { status: 502 })))
    renderApp('/pools', live)
    expect(await screen.findByText("Could not load the dashboard's connection to SendGrid")).toBeInTheDocument()
  })
})

describe('a read-only key', () => {
  const readOnly = ['ips.read', 'ips.pools.read', 'ips.pools.ips.read']

  it('disables Create pool and names the missing permission', async () => {
    proxyStatus(false)
    sendGridAccepting('SG.reader', readOnly)
    setApiKey('SG.reader', { remember: false })
    renderApp('/pools', live)
    const create = await screen.findByRole('button', { name: 'Create pool' })
    await waitFor(() => expect(create).toBeDisabled())
    expect(create).toHaveAccessibleDescription('This API key lacks the ips.pools.create permission.')
  })

  it('shows a pool with every change disabled and says why', async () => {
    proxyStatus(false)
    sendGridAccepting('SG.reader', readOnly)
    setApiKey('SG.reader', { remember: false })
    renderApp('/pools/billing', live)
    const table = await screen.findByRole('table', { name: 'IP addresses' })
    const note = screen.getByRole('note')
    expect(note).toHaveTextContent(
      'Some actions are turned off: this API key lacks ips.pools.ips.create, ips.pools.update, ips.pools.delete, ips.pools.ips.delete.',
    )
    for (const name of ['Add IP', 'Rename', 'Delete pool']) {
      expect(screen.getByRole('button', { name })).toBeDisabled()
    }
    const remove = within(table).getByRole('button', { name: 'Remove 192.0.2.13' })
    expect(remove).toBeDisabled()
    expect(remove).toHaveAccessibleDescription(note.textContent!)
  })
})

describe('rate limits', () => {
  it('waits until the limit resets, says so, then shows the pools', async () => {
    proxyStatus(true)
    let calls = 0
    server.use(
      http.get('*/v3/ips/pools', () => {
        calls += 1
        if (calls > 1) return undefined
        return HttpResponse.json(
          { errors: [{ field: null, message: 'too many requests' }] },
          { status: 429, headers: { 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 1) } },
        )
      }),
    )
    const { queryClient } = renderApp('/pools', live)
    // The test render turns retries off; live retries are what this test is about.
    queryClient.setDefaultOptions({
      queries: (await import('../app/query-client')).createQueryClient().getDefaultOptions().queries,
    })
    await queryClient.resetQueries()
    expect(
      await screen.findByText(/SendGrid is limiting how fast requests may be made\. Reading the pools again at/),
    ).toBeInTheDocument()
    expect(await screen.findByRole('link', { name: 'marketing' })).toBeInTheDocument()
    expect(calls).toBe(2)
  })
})
