/**
 * What this browser notes about pools that SendGrid does not say (half-done moves, IPs just added): kept in the query
 * cache, never fetched, so it lives and dies with the app's other data. One key factory for them, apart from the
 * keys of what is read from SendGrid, so that re-reading pools never touches them.
 */
export const poolNotes = {
  all: () => ['pool-notes'] as const,
  halfMoves: () => [...poolNotes.all(), 'half-moves'] as const,
  recentlyAdded: () => [...poolNotes.all(), 'recently-added'] as const,
}
