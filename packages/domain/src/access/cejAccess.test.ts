import * as fc from 'fast-check'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { CounsellorId, MissionLocaleId, YouthId } from '../model/ids.js'
import { arbAccessPolicy, arbAccessRequest, arbActor } from '../testing/accessArbitraries.js'
import { decideAccess, defaultAccessPolicy } from './accessPolicy.js'
import type { AccessRequest } from './accessRequest.js'
import type { Actor } from './actor.js'

// Who does what in the CEJ's engagement: the counsellor records activities, the allowance and the
// breach, and may hear the young person; the manager hears too, and alone decides a sanction, a
// shorter waiting period, and exports the allowance statement for payment.

const ml = (s: string) => s as MissionLocaleId
const counsellor: Actor = { kind: 'counsellor', id: 'c-1' as CounsellorId, missionLocaleId: ml('ml-a') }
const manager = { kind: 'manager', id: 'm-1', missionLocaleId: ml('ml-a') } as Actor
const statistician = { kind: 'statistician', id: 's-1' } as Actor
const operator = { kind: 'operator', id: 'o-1' } as Actor
const journey = { youthId: 'y-1' as YouthId, holder: ml('ml-a'), counsellorId: 'c-1' as CounsellorId }
const command = (type: string): AccessRequest =>
  ({ kind: 'journey-command', command: type, missionLocaleId: ml('ml-a'), journey }) as AccessRequest
const ruleOf = (actor: Actor, request: AccessRequest) => {
  const d = decideAccess(defaultAccessPolicy, actor, request)
  return isLeft(d) ? d.left.rule : 'yes'
}

describe('access policy: the CEJ engagement', () => {
  it('a counsellor records activities, the allowance, breaches and hearings; the manager decides sanctions', () => {
    for (const c of [
      'DeclareActivity',
      'ValidateActivity',
      'SetCejAllowance',
      'RecordCejBreach',
      'RecordCejHearing',
    ])
      expect([c, ruleOf(counsellor, command(c))]).toEqual([c, 'yes'])
    expect(ruleOf(counsellor, command('DecideCejSanction'))).toBe('SanctionByManager')
    expect(ruleOf(counsellor, command('ShortenCejWaitingPeriod'))).toBe('SanctionByManager')
    expect(ruleOf(manager, command('DecideCejSanction'))).toBe('yes')
    expect(ruleOf(manager, command('ShortenCejWaitingPeriod'))).toBe('yes')
    expect(ruleOf(manager, command('RecordCejHearing'))).toBe('yes')
    expect(ruleOf(manager, command('RecordCejBreach'))).toBe('ManagerDoesNotCounsel')
    expect(ruleOf(manager, command('SetCejAllowance'))).toBe('ManagerDoesNotCounsel')
    expect(ruleOf(statistician, command('DecideCejSanction'))).toBe('AggregatesOnly')
  })

  it('only the manager of the mission locale exports its allowance statement', () => {
    const statement = (m: string): AccessRequest => ({
      kind: 'export-allowance-statement',
      missionLocaleId: ml(m),
    })
    expect(ruleOf(manager, statement('ml-a'))).toBe('yes')
    expect(ruleOf(manager, statement('ml-b'))).toBe('OtherMissionLocale')
    expect(ruleOf(counsellor, statement('ml-a'))).toBe('PaymentStatementByManager')
    expect(ruleOf(statistician, statement('ml-a'))).toBe('AggregatesOnly')
    expect(ruleOf(operator, statement('ml-a'))).toBe('OperatorRunsMaintenance')
  })

  it('property: no counsellor ever decides a sanction, and only managers export a statement', () => {
    fc.assert(
      fc.property(arbAccessPolicy, arbActor, arbAccessRequest, (policy, actor, request) => {
        const d = decideAccess(policy, actor, request)
        if (!isRight(d)) return
        if (request.kind === 'export-allowance-statement') expect(actor.kind).toBe('manager')
        if (request.kind === 'journey-command' && request.command === 'DecideCejSanction')
          expect(actor.kind === 'manager' || actor.kind === 'partner').toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})
