import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** Opens the pool list and waits until the demo backend has answered. */
export async function openPoolList(page: Page, query = '') {
  await page.goto(`/pools${query}`)
  await expect(page.getByRole('heading', { level: 1, name: 'IP pools' })).toBeVisible()
  await expect(page.getByText(/\d+ pools? \(up to 100 allowed\)/)).toBeVisible()
}

/** Creates pools behind the app's back, through the same fake API, as another user or tab would. */
export async function createPoolsElsewhere(page: Page, names: string[]) {
  const statuses = await page.evaluate(
    (all) =>
      Promise.all(
        all.map((name) =>
          fetch('/v3/ips/pools', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ name }),
          }).then((response) => response.status),
        ),
      ),
    names,
  )
  expect(statuses.every((status) => status === 200)).toBe(true)
}

/**
 * An axe scan of the page once it has settled: no serious or critical violation. Transitions (a dialog fading in, a
 * button's colour on focus) are waited out first, since a colour half way is no colour anyone reads; endless
 * animations (a spinner) are not waited for.
 */
export async function expectNoSeriousA11yViolations(page: Page) {
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity,
        ),
    null,
    { timeout: 30_000 },
  )
  const { violations } = await new AxeBuilder({ page }).analyze()
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => `${n.html} (${n.failureSummary})`).join(', ')}`)
  expect(serious).toEqual([])
}

/** Signs in through the identity provider's login form, from wherever the dashboard asked for it. */
export async function signIn(page: Page, email: string) {
  await page.getByRole('link', { name: 'Sign in' }).click()
  await page.getByPlaceholder('Enter any login').fill(email)
  await page.getByPlaceholder('and password').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  const consent = page.getByRole('button', { name: 'Continue' })
  // The provider asks for consent once per user; the dashboard is back when the app bar names the user.
  const account = accountMenu(page)
  await expect(consent.or(account)).toBeVisible()
  if (await consent.isVisible()) await consent.click()
  await expect(account).toBeVisible()
}

/** The app bar's account menu: who is signed in, Sessions for an admin, and the ways to sign out. */
export const accountMenu = (page: Page) => page.getByRole('button', { name: /^Account: / })

/** Chooses an item of the account menu. */
export async function fromAccountMenu(page: Page, item: string) {
  await accountMenu(page).click()
  await page.getByRole('menuitem', { name: item, exact: true }).click()
}

/** The one live region where the dashboard announces what it did. */
export const notices = (page: Page) => page.getByRole('status', { name: 'Notifications' })
