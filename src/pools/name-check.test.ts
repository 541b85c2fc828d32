import { checkPoolName } from './name-check'

const POOLS = ['transactional', 'marketing', 'Product updates', 'eu-newsletters']

describe('checkPoolName', () => {
  it('finds the name in a bare name, a Mail Send body and an X-SMTPAPI header, and matches it exactly', () => {
    expect(checkPoolName('marketing', POOLS)).toEqual({ kind: 'match', name: 'marketing', source: 'name' })
    expect(
      checkPoolName(
        '{"personalizations":[{"to":[{"email":"a@example.com"}]}],"ip_pool_name":"Product updates"}',
        POOLS,
      ),
    ).toEqual({ kind: 'match', name: 'Product updates', source: 'mail-send' })
    expect(checkPoolName('X-SMTPAPI: {"ip_pool":"transactional","category":["x"]}', POOLS)).toEqual({
      kind: 'match',
      name: 'transactional',
      source: 'smtp-header',
    })
    expect(checkPoolName('{"ip_pool": "eu-newsletters"}', POOLS)).toMatchObject({
      kind: 'match',
      source: 'smtp-header',
    })
    expect(checkPoolName('marketing\n', POOLS)).toMatchObject({ kind: 'match', name: 'marketing' })
  })

  it('counts case and spaces, as SendGrid does, and names the pool it differs from only in those', () => {
    expect(checkPoolName('Marketing', POOLS)).toEqual({
      kind: 'no-match',
      name: 'Marketing',
      source: 'name',
      closest: [{ pool: 'marketing', differs: 'case' }],
    })
    expect(checkPoolName('marketing ', POOLS)).toMatchObject({ closest: [{ pool: 'marketing', differs: 'spaces' }] })
    expect(checkPoolName('{"ip_pool_name":"product  Updates"}', POOLS)).toMatchObject({
      closest: [{ pool: 'Product updates', differs: 'case and spaces' }],
    })
  })

  it('suggests the closest names for a typo, and none for something unlike any pool', () => {
    expect(checkPoolName('transactinal', POOLS)).toMatchObject({
      kind: 'no-match',
      closest: [{ pool: 'transactional', differs: null }],
    })
    expect(checkPoolName('eu-newsleters', POOLS)).toMatchObject({ closest: [{ pool: 'eu-newsletters' }] })
    expect(checkPoolName('zzzzzz', POOLS)).toMatchObject({ kind: 'no-match', closest: [] })
  })

  it('says when there is no name to check', () => {
    expect(checkPoolName('  ', POOLS)).toEqual({ kind: 'empty' })
    expect(checkPoolName('{"subject":"hi"}', POOLS)).toEqual({
      kind: 'no-name',
      source: 'mail-send',
      unreadable: false,
    })
    expect(checkPoolName('{"ip_pool_name": ', POOLS)).toEqual({
      kind: 'no-name',
      source: 'mail-send',
      unreadable: true,
    })
    expect(checkPoolName('X-SMTPAPI: {"category":"x"}', POOLS)).toEqual({
      kind: 'no-name',
      source: 'smtp-header',
      unreadable: false,
    })
  })
})
