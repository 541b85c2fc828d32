/** Live mode on a server a team signs in to: the Sign-in page, roles, and a session that ends while in use. */
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse, http } from 'msw'
import { server } from '../mocks/node'
import { renderApp } from '../test/render'
import { SIGN_IN_REFUSALS } from '../shared/messages'
import type { LiveSession, SessionStatus } from './api'

const live = { backend: { mode: 'live' as const } }
const ADMIN = { email: 'ana@example.com', name: 'Ana' }

function signedIn(session: Omit<SessionStatus, 'signInRequired'>) {
  server.use(
    http.get('*/proxy/status', () =>
      HttpResponse.json({
        keyOnServer: true,
        apiHost: 'api.sendgrid.com',
        session: { signInRequired: true, ...session },
      }),
    ),
  )
}

describe('a dashboard a team signs in to', () => {
  it('says in words on the Sign-in page why a sign-in was refused, and signs in afresh from there', async () => {
    signedIn({ user: null, role: 'none' })
    renderApp('/?refused=email_unverified', live)
    expect(await screen.findByRole('alert')).toHaveTextContent(SIGN_IN_REFUSALS.email_unverified)
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/auth/login?returnTo=%2F')
  })

  it('offers Sign out everywhere beside Sign out, in the account menu', async () => {
    signedIn({ user: ADMIN, role: 'admin' })
    renderApp('/pools', live)
    await userEvent.click(await screen.findByRole('button', { name: 'Account: Ana · Admin' }))
    const everywhere = await screen.findByRole('menuitem', { name: 'Sign out everywhere' })
    expect((everywhere as HTMLButtonElement).form).toHaveAttribute('action', '/auth/logout-everywhere')
    expect((everywhere as HTMLButtonElement).form).toHaveAttribute('method', 'post')
  })

  it("shows an admin who is signed in, and ends another person's session after asking", async () => {
    signedIn({ user: ADMIN, role: 'admin' })
    let sessions: LiveSession[] = [
      {
        id: 'mine',
        email: ADMIN.email,
        name: 'Ana',
        createdAt: '2026-12-01T08:00:00Z',
        expiresAt: '2026-12-01T16:00:00Z',
        current: true,
      },
      {
        id: 'bos',
        email: 'bo@example.com',
        createdAt: '2026-12-01T09:00:00Z',
        expiresAt: '2026-12-01T17:00:00Z',
        current: false,
      },
    ]
    const ended: string[] = []
    server.use(
      http.get('*/api/sessions', () => HttpResponse.json(sessions)),
      http.delete('*/api/sessions/:id', ({ params }) => {
        ended.push(String(params.id))
        sessions = sessions.filter((session) => session.id !== params.id)
        return new HttpResponse(null, { status: 204 })
      }),
    )
    renderApp('/pools', live)
    await userEvent.click(await screen.findByRole('button', { name: 'Account: Ana · Admin' }))
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Sessions' }))
    const table = await screen.findByRole('table', { name: 'Sessions' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows[0]).toHaveTextContent('Ana, ana@example.com')
    expect(rows[0]).toHaveTextContent('This browser')
    await userEvent.click(within(rows[1]!).getByRole('button', { name: /^End bo@example\.com's session/ }))
    const dialog = await screen.findByRole('dialog', { name: 'End this session?' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'End session' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(ended).toEqual(['bos'])
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2))
  })

  it('shows no Sessions link to a viewer', async () => {
    signedIn({ user: { email: 'vic@example.com' }, role: 'viewer' })
    renderApp('/pools', live)
    await userEvent.click(await screen.findByRole('button', { name: 'Account: vic@example.com · Viewer' }))
    expect(await screen.findByRole('menuitem', { name: 'Sign out' })).toBeInTheDocument()
    expect(screen.queryByRole('menuitem', { name: 'Sessions' })).not.toBeInTheDocument()
  })

  it('asks to sign in, and comes back to the same address afterwards', async () => {
    signedIn({ user: null, role: 'none' })
    renderApp('/pools/EU%20promo?x=1', live)
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      `/auth/login?returnTo=${encodeURIComponent('/pools/EU%20promo?x=1')}`,
    )
  })

  it('says in words that an expired session ended', async () => {
    signedIn({ user: null, role: 'none', ended: true })
    renderApp('/pools', live)
    expect(await screen.findByText('Your session ended: sign in again.')).toBeInTheDocument()
  })

  it('shows who is signed in, their role, and Sign out', async () => {
    signedIn({ user: ADMIN, role: 'admin' })
    renderApp('/pools', live)
    await userEvent.click(await screen.findByRole('button', { name: 'Account: Ana · Admin' }))
    expect(screen.getByText('Signed in as Ana · Admin (ana@example.com)')).toBeInTheDocument()
    const signOut = screen.getByRole('menuitem', { name: 'Sign out' }) as HTMLButtonElement
    expect(signOut.form).toHaveAttribute('action', '/auth/logout')
    expect(signOut.form).toHaveAttribute('method', 'post')
    await userEvent.keyboard('{Escape}')
    expect(await screen.findByRole('button', { name: 'Create pool' })).toBeEnabled()
  })

  it('gives a viewer the read-only dashboard with the reason', async () => {
    signedIn({ user: { email: 'vic@example.com' }, role: 'viewer' })
    renderApp('/pools', live)
    expect(await screen.findByRole('button', { name: 'Account: vic@example.com · Viewer' })).toBeInTheDocument()
    const create = await screen.findByRole('button', { name: 'Create pool' })
    await waitFor(() => expect(create).toBeDisabled())
    expect(create).toHaveAccessibleDescription('You can view; changes need an admin.')
  })

  it('shows a viewer every change on a pool disabled, and says why', async () => {
    signedIn({ user: { email: 'vic@example.com' }, role: 'viewer' })
    renderApp('/pools/billing', live)
    const rename = await screen.findByRole('button', { name: 'Rename' })
    await waitFor(() => expect(rename).toBeDisabled())
    expect(screen.getByRole('button', { name: 'Add IP' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Delete pool' })).toBeDisabled()
    expect(screen.getByRole('note')).toHaveTextContent('You can view; changes need an admin.')
  })

  it('brings the Sign-in page, in words, when the session ends while the dashboard is open', async () => {
    signedIn({ user: ADMIN, role: 'admin' })
    const { user } = renderApp('/pools', live)
    await screen.findByRole('link', { name: 'marketing' })
    server.use(
      http.all('*/v3/*', () =>
        HttpResponse.json(
          { errors: [{ field: null, message: 'Your session ended: sign in again.' }], code: 'session_ended' },
          { status: 401 },
        ),
      ),
    )
    await user.click(screen.getByRole('button', { name: 'Create pool' }))
    await user.type(await screen.findByLabelText(/Pool name/), 'newsletters{Enter}')
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByText('Your session ended: sign in again.')).toBeInTheDocument()
  })
})
