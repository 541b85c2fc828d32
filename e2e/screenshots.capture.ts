// Not a test: `npm run screenshots` walks every page and dialog in both themes and saves a picture of each to
// screenshots/, for reviewing the look by eye and for the README.
import { expect, test, type Page } from '@playwright/test'
import { createPoolsElsewhere, openPoolList, signIn } from './helpers'
import { PORTS, TEAM } from './servers'

const shots: [string, (page: Page) => Promise<void>][] = [
  ['list', async (page) => openPoolList(page)],
  [
    'list-filtered',
    async (page) => {
      await openPoolList(page, '?q=mark')
    },
  ],
  [
    'create-dialog-error',
    async (page) => {
      await openPoolList(page)
      await page.getByRole('button', { name: 'Create pool' }).click()
      await page.getByRole('textbox', { name: 'Pool name' }).fill('.x')
      await page.getByRole('button', { name: 'Create' }).click()
    },
  ],
  [
    'detail',
    async (page) => {
      await page.goto('/pools/Product%20updates')
      await expect(page.getByRole('table', { name: 'IP addresses' })).toBeVisible()
    },
  ],
  [
    'detail-empty',
    async (page) => {
      await page.goto('/pools/cold-outreach')
      await expect(page.getByText('No IP addresses in this pool yet.')).toBeVisible()
    },
  ],
  [
    'add-ip-dialog',
    async (page) => {
      await page.goto('/pools/billing')
      await page.getByRole('button', { name: 'Add IP' }).click()
      await page.getByRole('combobox', { name: 'IP address' }).fill('spare')
    },
  ],
  [
    'rename-dialog',
    async (page) => {
      await page.goto('/pools/marketing')
      await page.getByRole('button', { name: 'Rename' }).click()
    },
  ],
  [
    'delete-dialog',
    async (page) => {
      await page.goto('/pools/marketing')
      await page.getByRole('button', { name: 'Delete pool' }).click()
    },
  ],
  [
    'remove-ip-dialog',
    async (page) => {
      await page.goto('/pools/marketing')
      await page.getByRole('button', { name: 'Remove 198.51.100.20' }).click()
    },
  ],
  [
    'live-connect',
    async (page) => {
      await page.goto(`http://localhost:${PORTS.live}/pools`)
      await page.getByLabel('API key').fill('SG.refused')
      await page.getByRole('button', { name: 'Connect' }).click()
      await expect(page.getByText('SendGrid refused this key. Check it, or create a new one.')).toBeVisible()
    },
  ],
  [
    'live-read-only',
    async (page) => {
      await page.goto(`http://localhost:${PORTS.live}/pools`)
      await page.getByLabel('API key').fill(`SG.readonly.${Math.random()}`)
      await page.getByRole('button', { name: 'Connect' }).click()
      await page.getByRole('link', { name: 'marketing' }).click()
      await expect(page.getByRole('note')).toBeVisible()
    },
  ],
  [
    'ips',
    async (page) => {
      await page.goto('/ips')
      await expect(page.getByText(/on this account/)).toBeVisible()
    },
  ],
  [
    'ips-needing-a-look',
    async (page) => {
      await page.goto('/ips?flagged=1&sort=delivery')
      await expect(page.getByText(/Deferred 1\d\.\d % at Microsoft/).first()).toBeVisible()
    },
  ],
  [
    'ip-page',
    async (page) => {
      await page.goto('/ips/198.51.100.23')
      const delivery = page.getByRole('region', { name: 'Delivery' })
      await expect(delivery.locator('svg').first()).toBeVisible()
    },
  ],
  [
    'ip-page-warming',
    async (page) => {
      await page.goto('/ips')
      // The box follows the address, which changes in a transition: clicked, then awaited checked.
      const warming = page.getByRole('checkbox', { name: 'Warming up only' })
      await warming.click()
      await expect(warming).toBeChecked()
      await page.getByRole('table', { name: 'IP addresses' }).getByRole('link').first().click()
      await expect(page.getByText(/an hour today/).first()).toBeVisible()
    },
  ],
  [
    'move-dialog',
    async (page) => {
      await page.goto('/pools/billing')
      await page.getByRole('button', { name: 'Move 192.0.2.40', exact: true }).click()
    },
  ],
  [
    'check-pool-name',
    async (page) => {
      await openPoolList(page)
      await page.getByRole('button', { name: 'Check a pool name' }).click()
      await page.getByRole('dialog').getByRole('textbox').fill('{"ip_pool_name": "Marketing "}')
      await page.getByRole('dialog').getByRole('button', { name: 'Check' }).click()
    },
  ],
  [
    'subusers-dialog',
    async (page) => {
      await page.goto('/ips?q=192.0.2.13')
      await page.getByRole('button', { name: 'Change the subusers of 192.0.2.13' }).click()
      await expect(page.getByRole('checkbox', { name: 'billing@example.com' })).toBeChecked()
    },
  ],
  [
    'ips-reverse-dns',
    async (page) => {
      await page.goto('/ips?q=203.0.113')
      await expect(page.getByText('Not valid: cannot join a pool')).toBeVisible()
    },
  ],
  [
    'alerts',
    async (page) => {
      await page.goto('/alerts')
      await expect(page.getByRole('table', { name: 'Open alerts' })).toBeVisible()
    },
  ],
  [
    'alerts-rule-dialog-error',
    async (page) => {
      await page.goto('/alerts')
      await page.getByRole('button', { name: 'Add rule' }).click()
      await page.getByRole('textbox', { name: 'Threshold' }).fill('0')
      await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click()
    },
  ],
  [
    'alerts-channel-dialog-error',
    async (page) => {
      await page.goto('/alerts')
      await page.getByRole('button', { name: 'Add channel' }).click()
      await page.getByRole('textbox', { name: 'Name' }).fill('Ops')
      await page.getByRole('textbox', { name: 'URL' }).fill('http://169.254.169.254/hook')
      await page.getByRole('dialog').getByRole('button', { name: 'Add' }).click()
    },
  ],
  [
    'layout',
    async (page) => {
      await page.goto('/layout')
      await expect(page.getByRole('textbox', { name: 'Layout file (JSON)' })).toHaveValue(/"version": 1/)
    },
  ],
  [
    'layout-problems',
    async (page) => {
      await page.goto('/layout')
      const editor = page.getByRole('textbox', { name: 'Layout file (JSON)' })
      await expect(editor).toHaveValue(/"version": 1/)
      await editor.fill('{"version": 1, "pools": [{"name": ".x", "ips": ["10.0.0"]}]}')
      await page.getByRole('button', { name: 'Plan', exact: true }).click()
      await expect(page.getByRole('alert', { name: 'Problems in the layout file' })).toBeVisible()
    },
  ],
  [
    'layout-plan',
    async (page) => {
      await planEdit(page)
      await page.getByRole('region', { name: 'Plan', exact: true }).scrollIntoViewIfNeeded()
    },
  ],
  [
    'layout-apply-dialog',
    async (page) => {
      await planEdit(page, false)
      await page.getByRole('button', { name: /^Apply \d+ changes$/ }).click()
      await expect(page.getByRole('dialog', { name: 'Apply layout' })).toBeVisible()
    },
  ],
  [
    'layout-applied',
    async (page) => {
      await planEdit(page, false)
      await page.getByRole('button', { name: /^Apply \d+ changes$/ }).click()
      await page.getByRole('dialog', { name: 'Apply layout' }).getByRole('button', { name: 'Apply' }).click()
      await expect(page.getByRole('region', { name: 'Apply' }).getByRole('heading')).toHaveText(/^Applied/)
      await page.evaluate(() => window.scrollTo(0, 0))
    },
  ],
  [
    'ip-with-alert',
    async (page) => {
      await page.goto('/ips/198.51.100.23')
      await expect(page.getByRole('region', { name: /^Alert on/ })).toBeVisible()
    },
  ],
  [
    'pool-with-alert',
    async (page) => {
      await page.goto('/pools/billing')
      await expect(page.getByRole('region', { name: /^Alert on/ })).toBeVisible()
    },
  ],
  [
    'activity',
    async (page) => {
      await openPoolList(page)
      await createPoolsElsewhere(page, ['newsletters', 'launch-2027'])
      await page.goto('/activity')
      await expect(page.getByRole('table', { name: 'Activity' })).toBeVisible()
    },
  ],
  [
    'detail-recent-changes',
    async (page) => {
      await openPoolList(page)
      await createPoolsElsewhere(page, ['newsletters'])
      await page.goto('/pools/newsletters')
      const recent = page.getByRole('region', { name: 'Recent changes' })
      await expect(recent.getByRole('listitem')).toHaveCount(1)
      await recent.scrollIntoViewIfNeeded()
    },
  ],
  [
    'team-sign-in',
    async (page) => {
      await page.goto(`http://localhost:${PORTS.team}/pools`)
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    },
  ],
  [
    'team-session-ended',
    async (page) => {
      await page.goto(`http://localhost:${PORTS.teamShortSessions}/pools`)
      await signIn(page, TEAM.admin)
      const status = `http://localhost:${PORTS.teamShortSessions}/proxy/status`
      await expect
        .poll(async () => (await (await page.request.get(status)).json()).session.ended, {
          timeout: TEAM.shortSessionSeconds * 1000 + 30_000,
        })
        .toBe(true)
      // On a phone the sections are in their menu.
      const activity = page.getByRole('link', { name: 'Activity' })
      if (!(await activity.isVisible())) await page.getByRole('button', { name: /^Sections/ }).click()
      await activity.click()
      await expect(page.getByText('Your session ended: sign in again.')).toBeVisible()
    },
  ],
  [
    'team-viewer',
    async (page) => {
      await page.goto(`http://localhost:${PORTS.team}/pools/marketing`)
      await signIn(page, TEAM.viewer)
      await expect(page.getByRole('note')).toBeVisible()
    },
  ],
  [
    'detail-delivery',
    async (page) => {
      await page.goto('/pools/marketing')
      // Drawn once scrolled near (on a phone it is well below the IPs), as a person would scroll to it.
      await expect(page.getByRole('table', { name: 'IP addresses' })).toBeVisible()
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
      const delivery = page.getByRole('region', { name: 'Delivery' })
      await expect(delivery.locator('svg').first()).toBeVisible()
      await delivery.scrollIntoViewIfNeeded()
    },
  ],
  [
    'connect-webhook',
    async (page) => {
      await page.goto('/pools/marketing')
      // Below the fold on a phone: the panel is drawn once scrolled near.
      await expect(async () => {
        await page.mouse.wheel(0, 2000)
        await expect(page.getByRole('button', { name: 'Event Webhook' })).toBeVisible({ timeout: 500 })
      }).toPass()
      await page.getByRole('region', { name: 'Delivery' }).getByRole('button', { name: 'Event Webhook' }).click()
      const dialog = page.getByRole('dialog', { name: 'Connect the Event Webhook' })
      await dialog.getByRole('button', { name: 'Create webhook' }).click()
      await expect(dialog.getByRole('button', { name: 'Turn on signing' })).toBeEnabled()
    },
  ],
  [
    'team-sign-in-refused',
    async (page) => {
      await page.goto(`http://localhost:${PORTS.team}/?refused=email_unverified`)
      await expect(page.getByRole('alert')).toBeVisible()
    },
  ],
  [
    'team-sessions',
    async (page) => {
      await page.goto(`http://localhost:${PORTS.team}/sessions`)
      await signIn(page, TEAM.admin)
      await expect(page.getByRole('table', { name: 'Sessions' })).toBeVisible()
    },
  ],
  [
    'team-end-session',
    async (page) => {
      await page.goto(`http://localhost:${PORTS.team}/sessions`)
      await signIn(page, TEAM.admin)
      await page.getByRole('button', { name: /^End / }).first().click()
      await expect(page.getByRole('dialog', { name: 'End this session?' })).toBeVisible()
    },
  ],
  [
    'add-to-pool-dialog',
    async (page) => {
      await page.goto('/ips/203.0.113.50')
      await page.getByRole('button', { name: 'Add 203.0.113.50 to a pool' }).click()
      await expect(page.getByRole('dialog', { name: 'Add to pool' })).toBeVisible()
    },
  ],
  [
    'team-account-menu',
    async (page) => {
      await page.goto(`http://localhost:${PORTS.team}/pools`)
      await signIn(page, TEAM.admin)
      await page.getByRole('button', { name: /^Account: / }).click()
      await expect(page.getByRole('menuitem', { name: 'Sign out everywhere' })).toBeVisible()
    },
  ],
  [
    'sections-menu',
    async (page) => {
      await openPoolList(page)
      const sections = page.getByRole('button', { name: 'Sections' })
      // Only a narrow screen folds the sections into a menu.
      if (await sections.isVisible()) await sections.click()
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
    },
  ],
  [
    'not-found',
    async (page) => {
      await page.goto('/pools/no-such-pool')
      await expect(page.getByRole('heading', { name: 'Pool not found' })).toBeVisible()
    },
  ],
  [
    'notices-undo',
    async (page) => {
      await page.goto('/pools/billing')
      for (const ip of ['192.0.2.40', '192.0.2.13']) {
        await page.getByRole('button', { name: `Remove ${ip}`, exact: true }).click()
        await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
        await expect(page.getByRole('dialog')).toBeHidden()
      }
      await expect(
        page.getByRole('status', { name: 'Notifications' }).getByRole('button', { name: /^Undo removal of / }),
      ).toHaveCount(2)
    },
  ],
]

/** An edit of the sample on the Layout page, planned: a pool renamed, one made with a warming IP, one left out. */
async function planEdit(page: Page, withRefusal = true) {
  await page.goto('/layout')
  const editor = page.getByRole('textbox', { name: 'Layout file (JSON)' })
  await expect(editor).toHaveValue(/"version": 1/)
  const layout = JSON.parse(await editor.inputValue())
  const pools = layout.pools
    .filter((pool: { name: string }) => pool.name !== 'cold-outreach' && pool.name !== 'billing')
    .concat([
      { name: 'billing-eu', renamedFrom: 'billing', ips: ['192.0.2.13', '192.0.2.40'] },
      { name: 'Marketing', ips: ['203.0.113.7', '192.0.2.11', ...(withRefusal ? ['203.0.113.99'] : [])] },
    ])
  await editor.fill(JSON.stringify({ ...layout, pools }, null, 2))
  await page.getByRole('button', { name: 'Plan', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Plan', exact: true })).toBeVisible()
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1440, 375]) {
    test.describe(`${colorScheme} ${width}px`, () => {
      test.use({ colorScheme, viewport: { width, height: width > 800 ? 800 : 740 } })
      for (const [name, go] of shots) {
        test(name, async ({ page }) => {
          await go(page)
          await page.waitForTimeout(400) // let transitions settle
          await page.screenshot({ path: `screenshots/${name}-${colorScheme}-${width}.png` })
        })
      }
    })
  }
}
