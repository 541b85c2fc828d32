/**
 * Live mode against SendGrid's official OpenAPI spec, served by Prism with request validation on (--errors): the
 * pages render what the spec's examples return, and every request the dashboard sends passes validation.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'

const prismLog = () => readFileSync(process.env.PRISM_LOG!, 'utf8')

test.describe.configure({ mode: 'serial' })

test('the list and a pool page render the spec examples, with the server key and no Connect page', async ({ page }) => {
  await page.goto('/pools')
  await expect(page.getByText('key set on the server')).toBeVisible()
  // GET /v3/ips/pools example: marketing, transactional.
  await expect(page.getByRole('table', { name: 'IP pools' }).getByRole('link')).toHaveText([
    'marketing',
    'transactional',
  ])
  await page.getByRole('link', { name: 'marketing' }).click()
  // GET /v3/ips/pools/{pool_name} example: bare addresses, so warmup is not known.
  const rows = page
    .getByRole('table', { name: 'IP addresses' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
  await expect(rows.locator('td:first-child')).toHaveText(['192.168.1.1', '192.158.1.2', '192.138.2.1'])
  await expect(rows.first()).toContainText('Not known')
})

test('creating, renaming and deleting a pool and adding an IP send requests the spec accepts', async ({ page }) => {
  await page.goto('/pools')
  await page.getByRole('button', { name: 'Create pool' }).click()
  await page.getByRole('textbox', { name: 'Pool name' }).fill('Spec pool / EU')
  await page.getByRole('button', { name: 'Create' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()

  await page.getByRole('link', { name: 'marketing' }).click()
  await page.getByRole('button', { name: 'Add IP' }).click()
  await page.getByRole('combobox', { name: 'IP address' }).fill('208.115.214.22')
  await page.getByRole('button', { name: 'Add' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()

  await page.getByRole('button', { name: 'Remove 192.168.1.1' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()

  await page.getByRole('button', { name: 'Rename' }).click()
  await page.getByRole('textbox', { name: 'Pool name' }).fill('marketing-2')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()

  await page.getByRole('button', { name: 'Delete pool' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
  await expect(page).toHaveURL('/pools')

  const log = prismLog()
  for (const call of ['post /v3/ips/pools ', 'post /v3/ips/pools/marketing/ips ', 'put /v3/ips/pools/marketing ']) {
    expect(log).toContain(`[HTTP SERVER] ${call}`)
  }
  expect(log).toContain('[VALIDATOR] ✔  success')
  expect(log).not.toMatch(/\[VALIDATOR\] ✖/)
})

test('the IP addresses page, warmup, reverse DNS and subusers send requests the specs accept', async ({ page }) => {
  await page.goto('/ips')
  // GET /v3/ips example: two IPs; GET /v3/whitelabel/ips example: a valid record for 192.168.1.1.
  await expect(page.getByText(/^2 on this account/)).toBeVisible()
  await expect(page.getByRole('row', { name: /^192\.168\.1\.1/ })).toContainText('o1.email.example.comValid')

  await page.getByRole('button', { name: 'Start warmup of 208.115.214.22' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Start warmup' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()

  await page.getByRole('button', { name: 'Change the subusers of 208.115.214.22' }).click()
  const dialog = page.getByRole('dialog', { name: 'Subusers of 208.115.214.22' })
  // GET /v3/subusers example: example_subuser and example_subuser2.
  await dialog.getByRole('checkbox', { name: 'example_subuser', exact: true }).check()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()

  // The spec's records are all valid, so the page offers no Validate: the same call the button makes, sent here.
  const validated = await page.evaluate(() =>
    fetch('/v3/whitelabel/ips/1/validate', { method: 'POST', headers: { Accept: 'application/json' } }).then(
      (r) => r.status,
    ),
  )
  expect(validated).toBe(200)

  const log = prismLog()
  for (const call of [
    'get /v3/scopes ',
    'get /v3/whitelabel/ips ',
    'get /v3/subusers ',
    'post /v3/ips/warmup ',
    'put /v3/subusers/example_subuser/ips ',
    'post /v3/whitelabel/ips/1/validate ',
  ]) {
    expect(log).toContain(`[HTTP SERVER] ${call}`)
  }
  expect(log).not.toMatch(/\[VALIDATOR\] ✖/)
})

test('connecting the Event Webhook sends requests the webhooks spec accepts, and the server keeps no key that is not one', async ({
  page,
}) => {
  await page.goto('/pools/marketing')
  const delivery = page.getByRole('region', { name: 'Delivery' })
  // No event has reached this server: the panel says how to connect, instead of showing zeros.
  await expect(delivery.getByRole('note')).toContainText('No delivery events have arrived yet')
  await delivery.getByRole('button', { name: 'Connect' }).click()
  const dialog = page.getByRole('dialog', { name: 'Connect the Event Webhook' })
  // GET /v3/user/webhooks/event/settings/all example: two webhooks, neither posting here.
  await expect(dialog).toContainText('This account has 2 webhooks of 5 allowed')
  // GET /v3/scopes example: the key lacks the webhook scopes, and the dialog says so before anything is sent.
  await expect(dialog.getByRole('button', { name: 'Create webhook' })).toBeDisabled()
  await expect(dialog).toContainText('This API key lacks the user.webhooks.event.settings.create permission.')

  // The calls the dialog makes, as it makes them (Prism answers with the spec's examples whatever is sent).
  const call = (method: string, path: string, body: unknown) =>
    page.evaluate(
      ([method, path, body]) =>
        fetch(path as string, {
          method: method as string,
          headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: await r.text() })),
      [method, path, body] as const,
    )
  const id = '77d4a5da-7015-11ed-a1eb-0242ac120002'
  const events = { processed: true, delivered: true, deferred: true, bounce: true, dropped: true, spam_report: true }
  const created = await call('POST', '/v3/user/webhooks/event/settings', {
    url: 'https://dashboard.example.com/webhooks/sendgrid/events',
    enabled: true,
    friendly_name: 'IP pools dashboard',
    ...events,
    open: true,
    click: true,
  })
  expect(created.status).toBe(201)
  expect((await call('PATCH', `/v3/user/webhooks/event/settings/signed/${id}`, { enabled: true })).status).toBe(200)
  const url = 'https://dashboard.example.com/webhooks/sendgrid/events'
  expect((await call('POST', '/v3/user/webhooks/event/test', { url, id })).status).toBe(204)
  // The server reads the key from SendGrid itself; the spec's example ("123publickeyabc") is no key, and is refused.
  const connected = await call('PUT', '/api/delivery/webhook', { id })
  expect(connected).toMatchObject({ status: 502, body: expect.stringContaining('not one') })

  const log = prismLog()
  for (const request of [
    'get /v3/user/webhooks/event/settings/all ',
    'post /v3/user/webhooks/event/settings ',
    `patch /v3/user/webhooks/event/settings/signed/${id} `,
    'post /v3/user/webhooks/event/test ',
    `get /v3/user/webhooks/event/settings/signed/${id} `,
  ]) {
    expect(log).toContain(`[HTTP SERVER] ${request}`)
  }
  expect(log).not.toMatch(/\[VALIDATOR\] ✖/)
})
