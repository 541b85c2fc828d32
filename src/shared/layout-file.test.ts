import schema from '../../public/layout.schema.json'
import { LAYOUT_VERSION, readLayout } from './layout-file'
import { POOL_NAME_MAX_LENGTH, POOL_NAME_MIN_LENGTH } from './pool-names'

describe('the published JSON Schema', () => {
  it('says what the reader takes: the version, the keys, the name rules', () => {
    expect(schema.properties.version.const).toBe(LAYOUT_VERSION)
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', 'context', 'pools', 'version'])
    expect(Object.keys(schema.properties.pools.items.properties).sort()).toEqual(['ips', 'name', 'renamedFrom'])
    expect(schema.$defs.poolName).toMatchObject({ minLength: POOL_NAME_MIN_LENGTH, maxLength: POOL_NAME_MAX_LENGTH })
    const pattern = new RegExp(schema.$defs.poolName.pattern)
    for (const name of ['.hidden', ' spaced', 'fine', 'Ünïcode/pool'])
      expect(pattern.test(name)).toBe(readLayout({ version: 1, pools: [{ name, ips: [] }] }).layout !== undefined)
  })
})
