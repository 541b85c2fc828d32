import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousA11yViolations, openPoolList } from '../helpers'

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme })

    test('the list page, the detail page and a dialog have no serious accessibility violation', async ({ page }) => {
      await openPoolList(page)
      await expectNoSeriousA11yViolations(page)

      await page.getByRole('link', { name: 'Product updates' }).click()
      await expect(page.getByRole('table', { name: 'IP addresses' })).toBeVisible()
      await expectNoSeriousA11yViolations(page)

      await page.getByRole('button', { name: 'Add IP' }).click()
      const field = page.getByRole('dialog', { name: 'Add IP address' }).getByRole('combobox', { name: 'IP address' })
      await field.press('Enter')
      await expect(field).toHaveAccessibleDescription('Choose or type at least one IP address.')
      await expectNoSeriousA11yViolations(page)
      await page.keyboard.press('Escape')

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'IP addresses' }).click()
      await expect(page.getByText(/on this account/)).toBeVisible()
      await expect(page.getByText(/% delivered/).first()).toBeVisible()
      await expectNoSeriousA11yViolations(page)

      await page.getByRole('link', { name: '198.51.100.20' }).click()
      await expect(page.getByRole('region', { name: 'Delivery' }).locator('svg').first()).toBeVisible()
      await expectNoSeriousA11yViolations(page)

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
      await expect(page.getByText(/No changes yet|Created pool/).first()).toBeVisible()
      await expectNoSeriousA11yViolations(page)

      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /^Alerts/ })
        .click()
      await expect(page.getByRole('table', { name: 'Open alerts' })).toBeVisible()
      await expectNoSeriousA11yViolations(page)
      await page.getByRole('button', { name: 'Add rule' }).click()
      await expect(page.getByRole('dialog', { name: 'Add alert rule' })).toBeVisible()
      await expectNoSeriousA11yViolations(page)
    })
  })
}

test('the keyboard alone creates a pool, opens it, adds an IP and deletes the pool', async ({ page }) => {
  await openPoolList(page)
  await tabTo(page, page.getByRole('button', { name: 'Create pool' }))
  await page.keyboard.press('Enter')
  const create = page.getByRole('dialog', { name: 'Create pool' })
  await expect(create.getByRole('textbox', { name: 'Pool name' })).toBeFocused()
  await page.keyboard.type('keyboard-only')
  await page.keyboard.press('Enter')
  await expect(create).toBeHidden()

  await tabTo(page, page.getByRole('link', { name: 'keyboard-only' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'keyboard-only' })).toBeVisible()

  await tabTo(page, page.getByRole('button', { name: 'Add IP' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('combobox', { name: 'IP address' })).toBeFocused()
  await page.keyboard.type('203.0.113.51')
  await page.keyboard.press('Enter') // the address becomes a chip
  await page.keyboard.press('Enter') // and Enter in the empty field sends the form
  await expect(page.getByRole('button', { name: 'Remove 203.0.113.51' })).toBeVisible()

  await tabTo(page, page.getByRole('button', { name: 'Delete pool' }))
  await page.keyboard.press('Enter')
  const remove = page.getByRole('dialog', { name: 'Delete pool' })
  // Cancel takes the first focus in a destructive dialog; Tab moves on to Delete.
  await expect(remove.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(remove.getByRole('button', { name: 'Delete' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL('/pools')
  await expect(page.getByRole('link', { name: 'keyboard-only' })).toBeHidden()
})

test('a dialog keeps focus inside and closes on Escape, giving focus back', async ({ page }) => {
  await openPoolList(page)
  const opener = page.getByRole('button', { name: 'Create pool' })
  await opener.click()
  const dialog = page.getByRole('dialog', { name: 'Create pool' })
  await expect(dialog).toBeVisible()
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab')
    expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(opener).toBeFocused()
})

test('the theme follows the system until switched, and the switch is remembered', async ({ page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  await page.emulateMedia({ colorScheme: 'dark' })
  await openPoolList(page)
  await expect.poll(background).toBe('rgb(18, 18, 18)')
  await page.getByRole('button', { name: 'Switch to light theme' }).click()
  await expect.poll(background).toBe('rgb(255, 255, 255)')
  await page.reload()
  await expect(page.getByRole('button', { name: 'Switch to dark theme' })).toBeVisible()
  await expect.poll(background).toBe('rgb(255, 255, 255)')
})

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 740 } })

  test('the list and detail pages fit without sideways scrolling', async ({ page }) => {
    await openPoolList(page)
    // With every column in, the delivery figures and their flags included: a wide table scrolls inside itself.
    await expect(page.getByRole('row', { name: /^marketing / })).toContainText(/Deferred 1\d\.\d % at Microsoft/)
    expect(await pageWiderThanScreen(page)).toBe(false)
    await page.getByRole('link', { name: 'Product updates' }).click()
    await expect(page.getByRole('table', { name: 'IP addresses' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Delete pool' })).toBeInViewport()
    expect(await pageWiderThanScreen(page)).toBe(false)
  })

  test('no page scrolls sideways: the document is as wide as the screen on every page', async ({ page }) => {
    // A change first, so the Activity page has rows.
    await openPoolList(page)
    await page.getByRole('button', { name: 'Create pool' }).click()
    await page.getByRole('textbox', { name: 'Pool name' }).fill('a-pool-with-a-rather-long-name-for-a-phone')
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click()
    await expect(page.getByRole('dialog')).toBeHidden()
    const pages = [
      ['/pools', 'IP pools'],
      ['/pools/marketing', 'marketing'],
      ['/ips', 'IP addresses'],
      ['/ips?sort=delivery', 'IP addresses'],
      ['/ips/198.51.100.23', '198.51.100.23'],
      ['/activity', 'Activity'],
      ['/alerts', 'Alerts'],
      ['/pools/no-such-pool', 'Pool not found'],
    ] as const
    for (const [path, heading] of pages) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
      // Once what loads later is in: the tables and the delivery figures.
      await expect(page.getByRole('progressbar')).toHaveCount(0)
      expect(await pageWiderThanScreen(page), path).toBe(false)
    }
  })
})

/** Presses Tab until the target has focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>) {
  for (let i = 0; i < 40; i += 1) {
    if (await target.evaluate((node) => node === document.activeElement).catch(() => false)) return
    await page.keyboard.press('Tab')
  }
  await expect(target).toBeFocused()
}

/** Whether the page as a whole scrolls sideways (a table may scroll inside itself). */
function pageWiderThanScreen(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
}

test('F8 takes the keyboard to a notice’s Undo, which puts a removed IP back', async ({ page }) => {
  await page.goto('/pools/billing')
  await page.getByRole('button', { name: 'Remove 192.0.2.40', exact: true }).focus()
  await page.keyboard.press('Enter')
  await page.getByRole('dialog', { name: 'Remove IP address' }).getByRole('button', { name: 'Remove' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog')).toBeHidden()
  const notices = page.getByRole('status', { name: 'Notifications' })
  await expect(notices).toContainText('192.0.2.40 removed from “billing”')
  await expectNoSeriousA11yViolations(page)
  await page.keyboard.press('F8')
  await expect(notices.getByRole('button', { name: 'Undo' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(notices).toContainText('Undone: 192.0.2.40 is back in “billing”')
  await expect(page.getByRole('button', { name: 'Remove 192.0.2.40', exact: true })).toBeVisible()
})
