import { toCsv } from './csv'

describe('toCsv', () => {
  it('starts with a byte-order mark, so spreadsheets read non-ASCII names as UTF-8', () => {
    expect(toCsv([['pool'], ['Ünïcødé 日本']])).toBe('\uFEFFpool\r\nÜnïcødé 日本\r\n')
  })

  it('quotes cells with commas, quotes, line breaks or edge spaces, doubling inner quotes', () => {
    expect(
      toCsv([
        ['ip', 'pools'],
        ['192.0.2.1', 'EU, "promo"; transactional'],
        ['192.0.2.2', 'line\nbreak'],
        ['192.0.2.3', ' padded'],
      ]),
    ).toBe(
      '\uFEFFip,pools\r\n192.0.2.1,"EU, ""promo""; transactional"\r\n192.0.2.2,"line\nbreak"\r\n192.0.2.3," padded"\r\n',
    )
  })

  it('keeps a cell that would start a formula as text', () => {
    expect(toCsv([['=HYPERLINK("x")', '@sum', '+1', 'plain']])).toBe(
      '\uFEFF"\'=HYPERLINK(""x"")",\'@sum,\'+1,plain\r\n',
    )
  })
})
