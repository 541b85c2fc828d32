import {
  describePoolNameProblem,
  poolLimitProblem,
  poolNameProblem,
  poolNameProblemFromSendGrid,
  sendGridPoolNameMessage,
} from './pool-names'

const worded = (name: string, taken: string[] = []) => {
  const problem = poolNameProblem(name, taken)
  return problem && describePoolNameProblem(problem, name)
}

describe('poolNameProblem', () => {
  it('accepts names SendGrid accepts', () => {
    expect(poolNameProblem('ab')).toBeNull()
    expect(poolNameProblem('x'.repeat(64))).toBeNull()
    expect(poolNameProblem('Marketing EU / promo #1 ?')).toBeNull()
    expect(poolNameProblem('Ünïcödé pool')).toBeNull()
    expect(poolNameProblem('📨'.repeat(64))).toBeNull()
    expect(poolNameProblem('Marketing', ['marketing'])).toBeNull()
  })

  it('says what is wrong with a name, in words for the person typing it', () => {
    expect(worded('')).toBe('Enter a pool name.')
    expect(worded('a')).toMatch(/between 2 and 64 characters long \(this one has 1\)/)
    expect(worded('x'.repeat(65))).toMatch(/this one has 65/)
    expect(worded('.hidden')).toBe('A pool name cannot start with a dot or a space.')
    expect(worded(' padded')).toBe('A pool name cannot start with a dot or a space.')
    expect(worded('marketing', ['transactional', 'marketing'])).toBe('A pool named “marketing” already exists.')
  })

  it("answers in SendGrid's terse words in the fake, and reads them back for the dialog", () => {
    for (const [name, taken, said] of [
      ['a', [], 'needs to be between 2 to 64 characters long'],
      ['.x', [], 'cannot start with a dot or a space'],
      ['marketing', ['marketing'], 'already exists'],
    ] as const) {
      const problem = poolNameProblem(name, taken)!
      expect(sendGridPoolNameMessage(problem)).toBe(said)
      expect(describePoolNameProblem(poolNameProblemFromSendGrid(said, name)!, name)).toBe(
        describePoolNameProblem(problem, name),
      )
    }
    expect(poolNameProblemFromSendGrid('something new', 'x')).toBeNull()
  })
})

describe('poolLimitProblem', () => {
  it('refuses the 101st pool', () => {
    expect(poolLimitProblem(99)).toBeNull()
    expect(poolLimitProblem(100)).toMatch(/limit of 100 pools has been reached/)
  })
})
