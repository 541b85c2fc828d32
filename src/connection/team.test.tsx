/** Live mode on a server a team signs in to: the Sign-in page, roles, and a session that ends while in use. */
import { screen, waitFor } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { server } from '../mocks/node'
import { renderApp } from '../test/render'
import type { SessionStatus } from './api'

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
    expect(await screen.findByText('Ana · Admin')).toBeInTheDocument()
    const signOut = screen.getByRole('button', { name: 'Sign out' })
    expect(signOut.closest('form')).toHaveAttribute('action', '/auth/logout')
    expect(signOut.closest('form')).toHaveAttribute('method', 'post')
    expect(await screen.findByRole('button', { name: 'Create pool' })).toBeEnabled()
  })

  it('gives a viewer the read-only dashboard with the reason', async () => {
    signedIn({ user: { email: 'vic@example.com' }, role: 'viewer' })
    renderApp('/pools', live)
    expect(await screen.findByText('vic@example.com · Viewer')).toBeInTheDocument()
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
