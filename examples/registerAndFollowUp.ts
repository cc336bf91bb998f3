// Embedding Parcours in a service, in one file: an in-memory event store, the journey command
// handler, and the personal-data vault sealing a young person's identity before it reaches the
// store. We register a young person, offer a proposal, keep a follow-up with a comment, resend a
// command (idempotent), let the rules refuse one, then read the stream back and open the identity.
//
// Every call returns a TaskEither, a function returning a promise of an Either: call it with the
// trailing `()`, await it, test it with `isLeft(r)`. No `pipe`, no fp-ts beyond that.
//
// Run it: pnpm run build && node examples/dist/registerAndFollowUp.js

import { pathToFileURL } from 'node:url'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { DestinationStream } from 'pino'
import {
  createJourneyCommandHandler,
  createParcoursLogger,
  createVault,
  describeVaultError,
  getInMemoryEventStore,
  getInMemoryKeyStore,
  type PersonalFields,
} from '@parcours/adapters'
import {
  decodeCommand,
  describeJourneyError,
  journeyEventCodec,
  journeyStreamName,
  type JourneyEvent,
  type Sealed,
  type YouthId,
} from '@parcours/domain'

/** What the example did, for a reader (and for examples.test.ts). */
export interface RegisterAndFollowUpResult {
  readonly youthId: string
  /** The event types stored in the journey's stream, in order. */
  readonly storedEventTypes: ReadonlyArray<string>
  /** Whether the young person's name appears anywhere in the stored events. */
  readonly nameInStoredEvents: boolean
  /** The identity, opened through the vault. */
  readonly identity: PersonalFields
  /** The comment of the kept follow-up, opened through the vault. */
  readonly followUpComment: string | undefined
  /** Resending the proposal command wrote nothing. */
  readonly resentCommandReplayed: boolean
  /** The rule that refused accepting a proposal that does not exist. */
  readonly refusal: string
}

/** Runs the example; logs go to `logTo` (stderr by default), with personal fields redacted. */
export const main = async (
  options: { readonly logTo?: DestinationStream } = {},
): Promise<RegisterAndFollowUpResult> => {
  const logger = createParcoursLogger({
    level: 'info',
    ...(options.logTo === undefined ? {} : { destination: options.logTo }),
  })
  const store = getInMemoryEventStore<JourneyEvent>({ codec: journeyEventCodec, logger })
  const vault = createVault({ keyStore: getInMemoryKeyStore() })
  const handle = createJourneyCommandHandler({ store, vault, logger })

  // A pseudonymous id from your own id service: never a name, an e-mail or a social security number.
  const youthId = 'youth-0042' as YouthId

  // Input arrives as plain JSON (a form, a queue): decode it at the edge, then send it.
  // Personal fields travel beside the command: the handler seals them once the rules accept it.
  const send = async (commandId: string, input: Record<string, unknown>, personal?: PersonalFields) => {
    const command = decodeCommand({ youthId, missionLocaleId: 'ml-lyon', ...input })
    if (isLeft(command)) throw new Error(`invalid command: ${command.left.paths.join('; ')}`)
    return handle({ commandId, command: command.right, ...(personal === undefined ? {} : { personal }) })()
  }

  const lastName = 'Martin'
  const identity: PersonalFields = { firstName: 'Zoé', lastName, email: 'zoe.martin@example.org' }
  const registered = await send(
    'cmd-1',
    {
      type: 'RegisterYouth',
      on: '2025-01-10',
      counsellorId: 'c-durand',
      birthDate: '2006-04-02', // checks eligibility; only the age and the age limits reach the event
      rqth: false,
      personalData: null,
    },
    identity,
  )
  if (isLeft(registered)) throw new Error(`registration failed: ${registered.left._tag}`)
  logger.info({ youthId, personalData: identity }, 'registered') // the fields print as [redacted]

  const offer = {
    type: 'OfferProposal',
    on: '2025-01-20',
    proposalId: 'p-1',
    theme: 'training',
    respondBy: '2025-02-10',
  }
  const offered = await send('cmd-2', offer)
  if (isLeft(offered)) throw new Error(`offer failed: ${offered.left._tag}`)
  // The same command id again (a retry after a timeout, say): nothing new is written.
  const resent = await send('cmd-2', offer)
  if (isLeft(resent)) throw new Error(`resend failed: ${resent.left._tag}`)

  // Registration scheduled the first follow-up, `fu-1`; the counsellor keeps it and writes a note.
  const kept = await send(
    'cmd-3',
    {
      type: 'KeepFollowUp',
      on: '2025-02-01',
      followUpId: 'fu-1',
      comment: null,
    },
    { comment: 'wants a welding course' },
  )
  if (isLeft(kept)) throw new Error(`follow-up failed: ${kept.left._tag}`)

  // A rule refuses: the error is a tagged value naming it.
  const refused = await send('cmd-4', { type: 'AcceptProposal', on: '2025-02-02', proposalId: 'p-9' })
  const refusal =
    isLeft(refused) && refused.left._tag === 'Rejected' ? describeJourneyError(refused.left.error) : 'none'

  // Read the stream back: events are decoded (and upcast) by the codec on the way out.
  const stream = await store.readStream(journeyStreamName(youthId))()
  if (isLeft(stream)) throw new Error(`read failed: ${stream.left._tag}`)
  const events = stream.right.map((r) => r.event)

  const open = async (sealed: Sealed | null): Promise<PersonalFields> => {
    if (sealed === null) return {}
    const opened = await vault.open(sealed, youthId)()
    if (isLeft(opened)) throw new Error(describeVaultError(opened.left))
    return opened.right._tag === 'Opened' ? opened.right.fields : {}
  }
  const registration = events.find((e) => e.type === 'YouthRegistered')
  const keptEvent = events.find((e) => e.type === 'FollowUpKept')
  await store.close()

  return {
    youthId,
    storedEventTypes: events.map((e) => e.type),
    nameInStoredEvents: JSON.stringify(events).includes(lastName),
    identity: await open(registration?.type === 'YouthRegistered' ? registration.personalData : null),
    followUpComment: (await open(keptEvent?.type === 'FollowUpKept' ? keptEvent.comment : null)).comment,
    resentCommandReplayed: resent.right.replayed,
    refusal,
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error)
      process.exitCode = 1
    },
  )
}
