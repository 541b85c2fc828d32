import { expect, test } from '@playwright/test'

test('no page of the demo build logs an error or leaves an error uncaught, through reloads and navigation', async ({
  page,
}) => {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
  for (const path of ['/pools', '/pools/marketing', '/ips', '/ips/198.51.100.23', '/layout', '/activity']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    // A reload takes the service worker's update check through a page that goes away.
    await page.reload()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  }
  // A hard reload (Shift+Reload) bypasses the service worker: the demo starts it again and reloads once more.
  const cdp = await page.context().newCDPSession(page)
  for (let i = 0; i < 3; i += 1) {
    await cdp.send('Page.reload', { ignoreCache: true })
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  }
  await page.getByRole('link', { name: 'IP Pool Manager' }).click()
  await expect(page.getByRole('table', { name: 'IP pools' })).toBeVisible()
  expect(errors).toEqual([])
})
