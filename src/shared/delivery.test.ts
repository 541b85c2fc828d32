import { MIN_PROVIDER_SENT, deliveryFigures, deliveryFlags, emptyTotals, providerFlags, type Totals } from './delivery'

const totals = (counts: Partial<Totals>): Totals => ({ ...emptyTotals(), ...counts })

describe('delivery figures and what needs a look', () => {
  it("takes a pool's rates of what was processed, and an IP's of what reached an outcome from it", () => {
    expect(deliveryFigures(totals({ processed: 200, delivered: 180, deferred: 30, bounce: 10 }))).toMatchObject({
      sent: 200,
      delivered: 0.9,
      deferred: 0.15,
      bounced: 0.05,
    })
    // Processed events name no IP: an IP's own counts start at its outcomes.
    expect(deliveryFigures(totals({ delivered: 95, bounce: 3, blocked: 2, deferred: 4 }))).toMatchObject({
      sent: 100,
      delivered: 0.95,
      blocked: 0.02,
    })
    expect(deliveryFigures(totals({}))).toMatchObject({ sent: 0, delivered: null, spamPerThousand: null })
  })

  it('gives shares that add up to 100 % with those in flight, and deferred apart', () => {
    const figures = deliveryFigures(
      totals({ processed: 1000, delivered: 940, bounce: 8, blocked: 4, dropped: 2, deferred: 28, spamreport: 1 }),
    )
    expect(figures).toMatchObject({ sent: 1000, delivered: 0.94, bounced: 0.008, blocked: 0.004, dropped: 0.002 })
    expect(figures.inFlight).toBeCloseTo(0.046)
    const shares = [figures.delivered, figures.bounced, figures.blocked, figures.dropped, figures.inFlight]
    expect(shares.reduce((sum: number, share) => sum + share!, 0)).toBeCloseTo(1)
    expect(figures.deferred).toBe(0.028)
    // More outcomes than processed events (an IP's, or processed events still to come): none in flight.
    expect(deliveryFigures(totals({ processed: 10, delivered: 12 }))).toMatchObject({ sent: 12, inFlight: 0 })
  })

  it('names each threshold crossed with its figure: bounced and blocked together over 5 %, spam over 0.1 %, deferred over 10 %', () => {
    expect(deliveryFlags(totals({ processed: 1000, delivered: 940, bounce: 40, blocked: 20 }))).toEqual([
      'Bounced 6.0 %',
    ])
    expect(deliveryFlags(totals({ processed: 1000, delivered: 1000, spamreport: 2 }))).toEqual(['Spam 0.20 %'])
    expect(deliveryFlags(totals({ processed: 1000, delivered: 1000, spamreport: 1 }))).toEqual([])
    expect(deliveryFlags(totals({ processed: 1000, delivered: 1000, deferred: 101 }))).toEqual(['Deferred 10.1 %'])
    expect(deliveryFlags(totals({ processed: 1000, delivered: 1000, deferred: 100 }))).toEqual([])
  })

  it('names a provider that crosses one the whole does not, once it has sent enough to judge', () => {
    const whole = totals({ processed: 10_000, delivered: 10_000, deferred: 300 })
    const microsoft = totals({ processed: 2_000, delivered: 2_000, deferred: 280 })
    const apple = totals({ processed: 50, delivered: 50, deferred: 20 })
    expect(
      deliveryFlags(whole, [
        { provider: 'microsoft', totals: microsoft },
        { provider: 'apple', totals: apple },
      ]),
    ).toEqual(['Deferred 14.0 % at Microsoft'])
    // Already named for the whole: not again per provider.
    const deferredEverywhere = totals({ processed: 10_000, delivered: 10_000, deferred: 2_000 })
    expect(deliveryFlags(deferredEverywhere, [{ provider: 'microsoft', totals: microsoft }])).toEqual([
      'Deferred 20.0 %',
    ])
  })

  it('judges a provider only from the volume floor up, an IP by its outcomes (its processed events name no IP)', () => {
    // Gmail at 20 sent with 2 bounces is not "Bounced 10.0 %": too few to judge.
    expect(providerFlags(totals({ processed: 20, delivered: 18, bounce: 2 }))).toBeNull()
    expect(providerFlags(totals({ processed: MIN_PROVIDER_SENT - 1, bounce: 100 }))).toBeNull()
    expect(providerFlags(totals({ processed: MIN_PROVIDER_SENT, delivered: 900, bounce: 100 }))).toEqual([
      'Bounced 10.0 %',
    ])
    const ipAtMicrosoft = totals({ delivered: 1_700, deferred: 280, bounce: 10 })
    expect(providerFlags(ipAtMicrosoft)).toEqual(['Deferred 16.4 %'])
    expect(deliveryFlags(totals({ delivered: 20_000 }), [{ provider: 'microsoft', totals: ipAtMicrosoft }])).toEqual([
      'Deferred 16.4 % at Microsoft',
    ])
  })
})
