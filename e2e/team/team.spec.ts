/**
 * A dashboard for a team, end to end: the production server signs people in through a real OpenID provider
 * (oidc-provider on loopback), admins change, viewers look, every change is journalled under its author.
 */
import { expect, test } from '@playwright/test'
import { accountMenu, expectNoSeriousA11yViolations, fromAccountMenu, notices, signIn } from '../helpers'
import { SIGN_IN_REFUSALS } from '../../src/shared/messages'
import { PORTS, TEAM } from '../servers'

test('an admin signs in, changes a pool, and finds the change under their name on the Activity page', async ({
  page,
}) => {
  const pool = `team ${Date.now()}`
  await page.goto('/pools')
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await signIn(page, TEAM.admin)
  await expect(page).toHaveURL(/\/pools$/)
  await expect(page.getByText('admin · Admin')).toBeVisible()

  await page.getByRole('button', { name: 'Create pool' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create pool' })
  await dialog.getByRole('textbox', { name: 'Pool name' }).fill(pool)
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(notices(page)).toContainText(`Pool “${pool}” created`)

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
  const row = page.getByRole('table', { name: 'Activity' }).getByRole('row').filter({ hasText: pool })
  await expect(row).toContainText(TEAM.admin)
  await expect(row).toContainText(`Created pool ${pool}`)
  await expect(row).toContainText('Done')
  await expectNoSeriousA11yViolations(page)
  await row.getByRole('link', { name: pool }).click()
  await expect(page.getByRole('region', { name: 'Recent changes' })).toContainText(TEAM.admin)
})

test("a viewer sees a read-only dashboard, and a change forged from the viewer's session is refused", async ({
  page,
}) => {
  await page.goto('/pools')
  await signIn(page, TEAM.viewer)
  await expect(page.getByText('viewer · Viewer')).toBeVisible()
  const create = page.getByRole('button', { name: 'Create pool' })
  await expect(create).toBeDisabled()
  await expect(create).toHaveAccessibleDescription('You can view; changes need an admin.')

  // The page's own session, as a script in it would send it.
  const forged = await page.evaluate(async () => {
    const response = await fetch('/v3/ips/pools', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'planted by a viewer' }),
    })
    return { status: response.status, body: await response.json() }
  })
  expect(forged).toEqual({
    status: 403,
    body: { errors: [{ field: null, message: 'You can view; changes need an admin.' }], code: 'viewer' },
  })
  const pools = await page.evaluate(() => fetch('/v3/ips/pools').then((r) => r.json()))
  expect(pools).not.toContainEqual({ name: 'planted by a viewer' })
  const activity = await page.evaluate(() => fetch('/api/activity?user=viewer%40example.com').then((r) => r.json()))
  expect(activity.entries).toEqual([])

  // Alerts: the rules and channels to read, nothing to change, and a forged change refused.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Alerts/ })
    .click()
  await expect(page.getByRole('table', { name: 'Alert rules' })).toContainText('Bounced and blocked above 5.0 %')
  await expect(page.getByText('You can view; changes need an admin.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Add rule' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Change rule/ })).toHaveCount(0)
  const forgedRule = await page.evaluate(async () => {
    const response = await fetch('/api/alerts/rules/default-bounced', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        measure: 'bounced',
        scope: { kind: 'every-pool' },
        threshold: 1,
        windowHours: 1,
        minVolume: 1,
        enabled: false,
      }),
    })
    return response.status
  })
  expect(forgedRule).toBe(403)
})

test('an email the identity provider does not say is verified is refused, in words, on the Sign-in page', async ({
  page,
}) => {
  await page.goto('/pools')
  await page.getByRole('link', { name: 'Sign in' }).click()
  await page.getByPlaceholder('Enter any login').fill('unverified@example.com')
  await page.getByPlaceholder('and password').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  const consent = page.getByRole('button', { name: 'Continue' })
  await expect(consent.or(page.getByRole('heading', { level: 1, name: 'Sign in' }))).toBeVisible()
  if (await consent.isVisible()) await consent.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText(SIGN_IN_REFUSALS.email_unverified)
  await expectNoSeriousA11yViolations(page)
  const status = await page.evaluate(() => fetch('/proxy/status').then((r) => r.json()))
  expect(status.session).toEqual({ signInRequired: true, user: null, role: 'none' })
})

test('signing out ends the session: the dashboard asks to sign in, and the API answers 401', async ({ page }) => {
  await page.goto('/ips')
  await signIn(page, TEAM.viewer)
  await expect(page).toHaveURL(/\/ips$/)
  await fromAccountMenu(page, 'Sign out')
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  const answer = await page.evaluate(() => fetch('/v3/ips/pools').then(async (r) => [r.status, await r.json()]))
  expect(answer).toEqual([
    401,
    { errors: [{ field: null, message: 'Sign in to use the dashboard.' }], code: 'signed_out' },
  ])
})

test('an expired session is said in words, and signing in again carries on', async ({ page }) => {
  const base = `http://localhost:${PORTS.teamShortSessions}`
  await page.goto(`${base}/pools`)
  await signIn(page, TEAM.admin)
  await expect(page.getByRole('table', { name: 'IP pools' })).toBeVisible()
  // The server's own clock ends the session: wait until it says so.
  await expect
    .poll(async () => (await (await page.request.get(`${base}/proxy/status`)).json()).session.ended, {
      timeout: TEAM.shortSessionSeconds * 1000 + 30_000,
    })
    .toBe(true)

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await expect(page.getByText('Your session ended: sign in again.')).toBeVisible()
  await page.getByRole('link', { name: 'Sign in' }).click()
  // The provider remembers the user: no form this time, straight back to where they were.
  await expect(page).toHaveURL(`${base}/activity`)
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible()
})

test('without a session the API and the journal answer 401 in words, and nothing is served cross-site', async ({
  request,
}) => {
  const pools = await request.get('/v3/ips/pools')
  expect(pools.status()).toBe(401)
  expect(await pools.json()).toMatchObject({ errors: [{ message: 'Sign in to use the dashboard.' }] })
  expect((await request.get('/api/activity')).status()).toBe(401)
  const login = await request.get('/auth/login?returnTo=//evil.example', { maxRedirects: 0 })
  expect(login.status()).toBe(302)
  expect(login.headers().location).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${PORTS.identityProvider}/`))
})

test("an admin sees who is signed in and ends a viewer's session, which then asks to sign in again", async ({
  page,
  browser,
}) => {
  const viewer = await browser.newContext()
  const viewerPage = await viewer.newPage()
  await viewerPage.goto('/pools')
  await signIn(viewerPage, TEAM.viewer)
  await accountMenu(viewerPage).click()
  await expect(viewerPage.getByRole('menuitem', { name: 'Sign out', exact: true })).toBeVisible()
  await expect(viewerPage.getByRole('menuitem', { name: 'Sessions' })).toHaveCount(0)
  await viewerPage.keyboard.press('Escape')

  await page.goto('/pools')
  await signIn(page, TEAM.admin)
  await fromAccountMenu(page, 'Sessions')
  const table = page.getByRole('table', { name: 'Sessions' })
  await expect(table.getByRole('row').filter({ hasText: TEAM.admin }).first()).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await table.getByRole('row').filter({ hasText: TEAM.viewer }).getByRole('button', { name: /^End / }).first().click()
  const dialog = page.getByRole('dialog', { name: 'End this session?' })
  await expectNoSeriousA11yViolations(page)
  await dialog.getByRole('button', { name: 'End session' }).click()
  await expect(dialog).toBeHidden()
  await expect(notices(page)).toContainText('is signed out of that session')

  await viewerPage.reload()
  await expect(viewerPage.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await expect(viewerPage.getByText('Your session ended: sign in again.')).toBeVisible()
  await viewer.close()
})

test('Sign out everywhere ends every session of that person, in every browser', async ({ page, browser }) => {
  const other = await browser.newContext()
  const otherPage = await other.newPage()
  const person = `everywhere-${Date.now()}@example.com`
  await otherPage.goto('/pools')
  await signIn(otherPage, person)
  await page.goto('/pools')
  await signIn(page, person)
  await fromAccountMenu(page, 'Sign out everywhere')
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await otherPage.reload()
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await other.close()
})

test('a viewer is told an admin connects the Event Webhook, and cannot point the server at a webhook', async ({
  page,
}) => {
  await page.goto('/pools/marketing')
  await signIn(page, TEAM.viewer)
  const delivery = page.getByRole('region', { name: 'Delivery' })
  await expect(delivery.getByRole('note')).toContainText('An admin can connect it here.')
  await expect(delivery.getByRole('button', { name: 'Connect' })).toHaveCount(0)
  const forged = await page.evaluate(async () => {
    const response = await fetch('/api/delivery/webhook', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'any' }),
    })
    return { status: response.status, said: (await response.json()).errors[0].message }
  })
  expect(forged).toEqual({ status: 403, said: 'Only an admin can connect the Event Webhook.' })
  const status = await page.evaluate(() => fetch('/api/delivery/webhook').then((r) => r.json()))
  expect(status).toMatchObject({ key: null, url: expect.stringMatching(/\/webhooks\/sendgrid\/events$/) })
})
