// The domain README's "Calling it without fp-ts": fold a stream, decode a command, decide.
// #region readme
import { isLeft } from 'fp-ts/lib/Either.js'
import { decodeCommand, describeJourneyError, foldJourney, journeyDecider } from '@parcours/domain'
// #endregion readme
import { journeyFixture } from '@parcours/domain/testing'

/** Decides an ExitProgramme for a journey in no programme (refused); returns how many events it appended. */
export const main = (): number => {
  const j = journeyFixture('y-1', 'ml-1')
  const pastEvents = j.history(
    j.command('RegisterYouth', '2025-01-10', {
      counsellorId: 'c-1',
      birthDate: '2005-06-15',
      rqth: false,
      personalData: null,
    }),
  )
  const untrustedJson: unknown = {
    type: 'ExitProgramme',
    youthId: 'y-1',
    missionLocaleId: 'ml-1',
    on: '2025-02-01',
    reason: 'autonomy',
    ageLimits: { ageLimitOn: '2031-06-15', cejAgeLimitOn: '2031-06-15' }, // as the shell opened them
  }
  let appended = 0
  const append = (events: ReadonlyArray<unknown>) => void (appended += events.length) // your store's
  // #region readme

  const state = foldJourney(pastEvents) // evolve over the stream
  const command = decodeCommand(untrustedJson) // validate input at the edge
  if (isLeft(command)) throw new Error(command.left.paths.join('; '))
  // the command carries `ageLimits`, opened by the shell from state.sealedAgeLimits
  const decision = journeyDecider.decide(command.right, state)
  if (isLeft(decision)) console.error(describeJourneyError(decision.left))
  else append(decision.right) // events to store, all dated command.on
  // #endregion readme
  return appended
}
