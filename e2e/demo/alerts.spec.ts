import { expect, test } from '@playwright/test'
import { openPoolList } from '../helpers'

test('the navigation counts the open alerts, and the sample alert leads to its fix, journalled with it', async ({
  page,
}) => {
  await openPoolList(page)
  const nav = page.getByRole('navigation', { name: 'Main' })
  // The sample's problems: billing's bounce spike, the warming IP deferred at Microsoft, spam at Yahoo.
  await expect(nav.getByRole('link', { name: /^Alerts ?, 3 open$/ })).toBeVisible()
  await nav.getByRole('link', { name: /^Alerts/ }).click()
  const open = page.getByRole('table', { name: 'Open alerts' })
  await expect(open.getByRole('row')).toHaveCount(4)
  // The sample's figures follow the clock: the share varies by the hour, always over the threshold.
  await expect(open).toContainText(/Deferred \d+\.\d % of [\d,]+ sent \(fires above 10\.0 %\)/)

  await open.getByRole('link', { name: '198.51.100.23 at Microsoft' }).click()
  const banner = page.getByRole('region', { name: 'Alert on 198.51.100.23 at Microsoft' })
  await expect(banner).toContainText('Deferred')
  await banner.getByRole('button', { name: 'Move out of “marketing”' }).click()
  const move = page.getByRole('dialog', { name: /Move/ })
  await move.getByRole('combobox').click()
  await page.getByRole('option', { name: 'transactional' }).click()
  await move.getByRole('button', { name: 'Move' }).click()
  await expect(move).toBeHidden()

  await nav.getByRole('link', { name: 'Activity' }).click()
  const activity = page.getByRole('table', { name: 'Activity' })
  await expect(activity).toContainText('Removed 198.51.100.23 from marketing (from an alert)')
  await expect(activity).toContainText('Added 198.51.100.23 to transactional (from an alert)')
})

test('an admin adds a rule, refused at the field first; acknowledging and muting are journalled', async ({ page }) => {
  await page.goto('/alerts')
  await page.getByRole('button', { name: 'Add rule' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add alert rule' })
  await dialog.getByRole('textbox', { name: 'Threshold' }).fill('250')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByRole('textbox', { name: 'Threshold' })).toHaveAccessibleDescription(
    'A share is at most 100 %.',
  )
  await dialog.getByRole('textbox', { name: 'Threshold' }).fill('2')
  await dialog.getByRole('textbox', { name: 'Window' }).fill('6')
  await dialog.getByRole('textbox', { name: 'Remind every' }).fill('0')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByRole('textbox', { name: 'Remind every' })).toHaveAccessibleDescription(
    'Enter whole hours from 1 to 168.',
  )
  await dialog.getByRole('textbox', { name: 'Remind every' }).fill('6')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('table', { name: 'Alert rules' })).toContainText(
    'Bounced and blocked above 2.0 % over 6 h, for each pool, from 1,000 sent; reminded every 6 h',
  )

  const open = page.getByRole('table', { name: 'Open alerts' })
  await open.getByRole('button', { name: 'Acknowledge the alert on pool “billing”' }).click()
  await expect(open).toContainText('Acknowledged by you (demo)')
  await open.getByRole('button', { name: 'Mute this rule for pool “billing”' }).click()
  const muteDialog = page.getByRole('dialog', { name: 'Mute alert rule' })
  await muteDialog.getByRole('combobox', { name: 'Mute for' }).click()
  await page.getByRole('option', { name: 'Until a date…' }).click()
  const until = muteDialog.getByLabel('Muted until')
  await until.fill('2020-01-01T10:00')
  await muteDialog.getByRole('button', { name: 'Mute' }).click()
  await expect(until).toHaveAccessibleDescription('Choose a time to come.')
  // Tomorrow at noon, in the browser's time zone (the machine's).
  const tomorrow = new Date(Date.now() + 86_400_000)
  const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`
  await until.fill(`${day}T12:00`)
  await muteDialog.getByRole('button', { name: 'Mute' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()
  const muted = page.getByRole('list', { name: 'Muted' })
  await expect(muted).toContainText(/Muted for pool “billing” until .*, by you \(demo\)/)
  await muted.getByRole('button', { name: 'Unmute for pool “billing”' }).click()
  await expect(muted).toBeHidden()

  await page.goto('/activity')
  const activity = page.getByRole('table', { name: 'Activity' })
  await expect(activity).toContainText('Acknowledged the alert on pool “billing”')
  await expect(activity).toContainText(/Muted alert rule default-bounced for pool “billing” until/)
  await expect(activity).toContainText('Unmuted alert rule default-bounced for pool “billing”')
  await expect(activity).toContainText('Changed alert rule rule-')
})

test('a channel is refused at its field for an address inside, and shown masked once added', async ({ page }) => {
  await page.goto('/alerts')
  await page.getByRole('button', { name: 'Add channel' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add alert channel' })
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Ops')
  await dialog.getByRole('textbox', { name: 'URL' }).fill('not a url')
  await dialog.getByRole('button', { name: 'Add' }).click()
  await expect(dialog.getByRole('textbox', { name: 'URL' })).toHaveAccessibleDescription(/url must be a whole URL/)
  await dialog.getByRole('textbox', { name: 'URL' }).fill('https://hooks.slack.com/services/T0/B0/very-secret')
  await dialog.getByRole('button', { name: 'Add' }).click()
  await expect(dialog).toBeHidden()
  const channels = page.getByRole('table', { name: 'Alert channels' })
  await expect(channels.getByRole('row', { name: /Ops/ })).toContainText('hooks.slack.com/…')
  await expect(channels).not.toContainText('very-secret')
  await channels.getByRole('button', { name: 'Send a test to Ops' }).click()
  await expect(channels.getByRole('status')).toContainText('The demo sends nothing')
})
