import { mailSendField, smtpApiHeader } from './sending-snippets'

describe('how mail names a pool', () => {
  it('quotes the name as JSON in the Mail Send field', () => {
    expect(mailSendField('EU "promo"')).toBe('"ip_pool_name": "EU \\"promo\\""')
  })

  it('writes the SMTP API header in ASCII', () => {
    expect(smtpApiHeader('marketing')).toBe('X-SMTPAPI: {"ip_pool":"marketing"}')
    expect(smtpApiHeader('Ünï 日本')).toBe('X-SMTPAPI: {"ip_pool":"\\u00dcn\\u00ef \\u65e5\\u672c"}')
    expect(JSON.parse(smtpApiHeader('Ünï 日本').slice('X-SMTPAPI: '.length))).toEqual({ ip_pool: 'Ünï 日本' })
  })
})
