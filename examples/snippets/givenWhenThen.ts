// The domain README's testing kit: given / when / then on the journey decider. A mismatch throws
// with a line diff, so this runs as a plain program as well as in a test.
// #region readme
import { given, journeyFixture } from '@parcours/domain/testing'
// #endregion readme

/** Runs both examples; throws when the decider does not do what they say. */
export const main = (): void => {
  // #region readme

  const j = journeyFixture('y-1', 'ml-1')
  const registered = j.history(
    j.command('RegisterYouth', '2025-01-10', {
      counsellorId: 'c-1',
      birthDate: '2005-06-15',
      rqth: false,
      personalData: null,
    }),
  )

  given(registered)
    .when(
      j.command('OfferProposal', '2025-02-01', {
        proposalId: 'p-1',
        theme: 'training',
        respondBy: '2025-02-20',
      }),
    )
    .then([
      j.event('ProposalOffered', '2025-02-01', {
        proposalId: 'p-1',
        theme: 'training',
        respondBy: '2025-02-20',
        counsellorId: 'c-1',
        training: null,
        partnerOffer: null,
      }),
    ])

  given(registered)
    .when(j.command('AcceptProposal', '2025-02-02', { proposalId: 'p-9' }))
    .thenError({ _tag: 'UnknownProposal', proposalId: 'p-9' })
  // #endregion readme
}
