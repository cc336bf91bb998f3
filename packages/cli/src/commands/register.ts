import { isLeft } from 'fp-ts/lib/Either.js'
import { describeOutreachFailure, openOutreachIdentity, type PersonalFields } from '@parcours/adapters'
import { LocalDate, type CounsellorId, type OutreachCaseId, type YouthId } from '@parcours/domain'
import type { RunContext, WithGlobals } from '../cli/context.js'
import { infrastructureError, refusedError, usageError } from '../cli/errors.js'
import { parseDate, parseId, parseText } from '../cli/parse.js'
import { authorize, journeyRefOf, recordOpening } from '../store/access.js'
import { vaultFailure } from '../store/errors.js'
import { openOutreach, outreachCase } from '../store/outreach.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptions } from './journey/index.js'
import { parseCaseId } from './outreach.js'

/**
 * The identity an outreach case holds sealed, opened for the registration that closes it (the
 * opening recorded in the access log first); refused when the case is not the mission locale's,
 * closed, or its data erased.
 */
const caseIdentity = async (
  ctx: RunContext,
  cmd: WithGlobals,
  caseId: OutreachCaseId,
  missionLocaleId: string,
  youthId: string,
  counsellorId: string,
): Promise<PersonalFields | 'already-closed'> => {
  const session = ctx.session(cmd)
  const env = await ctx.openStore(cmd, { createKeyStore: true })
  const { state, opened } = await outreachCase(openOutreach(ctx, cmd, env), caseId)
  if (state._tag === 'NoCase' || opened === undefined)
    throw usageError(`--outreach: no outreach case ${caseId}.`)
  authorize(session, {
    kind: 'outreach-command',
    action: 'record-status',
    missionLocaleId: state.missionLocaleId,
  })
  if (state.missionLocaleId !== missionLocaleId)
    throw usageError(
      `--outreach: case ${caseId} is ${state.missionLocaleId}'s; register the young person there.`,
    )
  // The same registration sent again: the case was closed by it already.
  if (state.closed?.reason === 'registered' && state.closed.youthId === youthId) return 'already-closed'
  if (state.closed !== null)
    throw refusedError(`--outreach: case ${caseId} is closed (${state.closed.reason}).`)
  // The registration's own access before the identity is opened: a denied actor opens nothing.
  const journey = await journeyRefOf(env, youthId as YouthId)
  authorize(session, {
    kind: 'journey-command',
    command: 'RegisterYouth',
    missionLocaleId: state.missionLocaleId,
    journey: journey.holder === null ? { ...journey, counsellorId: counsellorId as CounsellorId } : journey,
  })
  await recordOpening(env.accessLog, session, {
    at: new Date().toISOString(),
    youthId: caseId as string as YouthId,
    missionLocaleId: state.missionLocaleId,
    purpose: 'outreach-registration',
    opened: ['identity'],
  })
  const fields = await openOutreachIdentity(env.vault, caseId, opened.identity)()
  if (isLeft(fields)) throw vaultFailure(fields.left)
  if (fields.right._tag === 'Erased')
    throw refusedError(`--outreach: the personal data of case ${caseId} was erased; give the identity.`)
  return fields.right.fields
}

/** `parcours register`: the first reception; identity and birth date are sealed in the vault. */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptions(command)
    .requiredOption('--counsellor <id>', 'the counsellor référent', parseId)
    .option(
      '--birth-date <date>',
      'birth date (YYYY-MM-DD; sealed, only the age reaches the journey) (required unless --outreach gives it)',
      parseDate,
    )
    .option('--rqth', 'recognised disability (RQTH): eligible for the CEJ up to 29')
    .option('--first-name <name>', 'first name (sealed in the vault)', parseText)
    .option('--last-name <name>', 'last name (sealed in the vault)', parseText)
    .option(
      '--outreach <case>',
      'the outreach case (dropout list) this registration closes; its sealed identity prefills what is not given',
      parseCaseId,
    )
    .action(async (o, cmd) => {
      if ((o.firstName === undefined) !== (o.lastName === undefined))
        throw usageError('--first-name and --last-name go together: give both or neither.')
      const opened =
        o.outreach === undefined
          ? {}
          : await caseIdentity(ctx, cmd, o.outreach, o.missionLocale, o.youth, o.counsellor)
      if (opened === 'already-closed')
        return void ctx.io.stdout.write(
          `RegisterYouth ${o.youth}: already registered from outreach case ${o.outreach}: nothing new written\n`,
        )
      const fromCase: PersonalFields = opened
      const birthDate = o.birthDate ?? fromCase.birthDate
      if (birthDate === undefined || !LocalDate.is(birthDate))
        throw usageError('--birth-date is required (or --outreach with a case that holds it).')
      const names =
        o.firstName !== undefined && o.lastName !== undefined
          ? { firstName: o.firstName, lastName: o.lastName }
          : fromCase.firstName !== undefined && fromCase.lastName !== undefined
            ? { firstName: fromCase.firstName, lastName: fromCase.lastName }
            : {}
      const contact = Object.fromEntries(
        (['email', 'phone', 'address'] as const).flatMap((k) =>
          fromCase[k] === undefined ? [] : [[k, fromCase[k]]],
        ),
      ) as PersonalFields
      const identity = { birthDate, ...names, ...contact }
      const caseId = o.outreach
      await sendJourneyCommand(
        ctx,
        cmd,
        o,
        {
          type: 'RegisterYouth',
          counsellorId: o.counsellor,
          birthDate,
          rqth: o.rqth === true,
          personalData: null,
        },
        identity,
        caseId === undefined
          ? undefined
          : async (env) => {
              // Idempotent like the registration: run again, the case closes once.
              const closed = await openOutreach(ctx, cmd, env).handle({
                commandId: `close-${caseId}`,
                command: {
                  type: 'CloseOutreachCase',
                  caseId,
                  reason: 'registered',
                  youthId: o.youth as YouthId,
                  on: o.on,
                },
              })()
              if (isLeft(closed))
                throw infrastructureError(
                  `the journey is registered but outreach case ${caseId} could not be closed: ${describeOutreachFailure(closed.left)}; run the same command again (same --command-id) to close it.`,
                )
              return [`OutreachCaseClosed ${caseId}: linked to journey ${o.youth}`]
            },
      )
    })
