import { poolLimitProblem, poolNameProblem } from './rules'

describe('poolNameProblem', () => {
  it('accepts names SendGrid accepts', () => {
    expect(poolNameProblem('ab')).toBeNull()
    expect(poolNameProblem('x'.repeat(64))).toBeNull()
    expect(poolNameProblem('Marketing EU / promo #1 ?')).toBeNull()
    expect(poolNameProblem('Ünïcödé pool')).toBeNull()
  })

  it('needs 2 to 64 characters, counted as characters rather than UTF-16 units', () => {
    expect(poolNameProblem('')).toBe('Enter a pool name.')
    expect(poolNameProblem('a')).toMatch(/between 2 and 64 characters long \(this one has 1\)/)
    expect(poolNameProblem('x'.repeat(65))).toMatch(/this one has 65/)
    expect(poolNameProblem('📨'.repeat(64))).toBeNull()
  })

  it('refuses a leading dot or space', () => {
    expect(poolNameProblem('.hidden')).toBe('A pool name cannot start with a dot or a space.')
    expect(poolNameProblem(' padded')).toBe('A pool name cannot start with a dot or a space.')
  })

  it('refuses a name already taken, exactly as spelled', () => {
    expect(poolNameProblem('marketing', ['transactional', 'marketing'])).toBe(
      'A pool named “marketing” already exists.',
    )
    expect(poolNameProblem('Marketing', ['marketing'])).toBeNull()
  })
})

describe('poolLimitProblem', () => {
  it('allows up to 100 pools', () => {
    expect(poolLimitProblem(99)).toBeNull()
    expect(poolLimitProblem(100)).toMatch(/limit of 100 pools has been reached/)
  })
})
