import * as fc from 'fast-check'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { CounsellorId, MissionLocaleId, YouthId } from '../model/ids.js'
import { arbAccessPolicy, arbAccessRequest, arbActor } from '../testing/accessArbitraries.js'
import { describeAccessDenied } from './accessDecision.js'
import { decideAccess, defaultAccessPolicy, type AccessPolicy } from './accessPolicy.js'
import type { AccessRequest, JourneyRef } from './accessRequest.js'
import type { Actor, PartnerConvention } from './actor.js'

const ml = (s: string) => s as MissionLocaleId
const counsellor: Actor = { kind: 'counsellor', id: 'c-1' as CounsellorId, missionLocaleId: ml('ml-a') }
const colleague: Actor = { kind: 'counsellor', id: 'c-2' as CounsellorId, missionLocaleId: ml('ml-a') }
const manager = { kind: 'manager', id: 'm-1', missionLocaleId: ml('ml-a') } as Actor
const statistician = { kind: 'statistician', id: 's-1' } as Actor
const operator = { kind: 'operator', id: 'o-1' } as Actor
const convention = {
  conventionId: 'cv-1',
  missionLocaleIds: [ml('ml-a')],
  journeyFacts: true,
  identity: false,
  aggregates: true,
  commands: ['RecordRequest'],
} as unknown as PartnerConvention
const partner = { kind: 'partner', id: 'p-1', convention } as Actor

const journey = (holder: string | null, counsellorId: string | null = 'c-1'): JourneyRef => ({
  youthId: 'y-1' as YouthId,
  holder: holder === null ? null : ml(holder),
  counsellorId: holder === null ? null : (counsellorId as CounsellorId),
})
const show = (j: JourneyRef): AccessRequest => ({ kind: 'read-journey', purpose: 'show', journey: j })
const command = (type: string, j: JourneyRef, at = 'ml-a'): AccessRequest =>
  ({ kind: 'journey-command', command: type, missionLocaleId: ml(at), journey: j }) as AccessRequest

const caseload: AccessPolicy = { counsellorScope: 'caseload' }
const ruleOf = (actor: Actor, request: AccessRequest, policy = defaultAccessPolicy) => {
  const d = decideAccess(policy, actor, request)
  return isLeft(d) ? d.left.rule : d.right
}

describe('access policy: examples', () => {
  it("lets a counsellor read and act on their mission locale's journeys, identity and comments opened", () => {
    expect(ruleOf(counsellor, show(journey('ml-a')))).toEqual({
      _tag: 'AccessGranted',
      identity: true,
      comments: true,
    })
    expect(ruleOf(colleague, show(journey('ml-a')))).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(counsellor, command('OfferProposal', journey('ml-a')))).toMatchObject({
      _tag: 'AccessGranted',
    })
    expect(ruleOf(counsellor, command('RegisterYouth', journey(null)))).toMatchObject({
      _tag: 'AccessGranted',
    })
  })

  it("denies another mission locale's journey exactly as one that does not exist", () => {
    for (const request of [show(journey('ml-b')), command('OfferProposal', journey('ml-b'))])
      expect(ruleOf(counsellor, request)).toBe('OtherMissionLocale')
    const described = (j: JourneyRef) => {
      const d = decideAccess(defaultAccessPolicy, counsellor, show(j))
      return isLeft(d) && describeAccessDenied(d.left)
    }
    expect(described(journey('ml-b'))).toBe(described(journey(null)))
    expect(ruleOf(counsellor, command('RegisterYouth', journey('ml-b')))).toBe('OtherMissionLocale')
    expect(ruleOf(counsellor, command('OfferProposal', journey('ml-a'), 'ml-b'))).toBe('OtherMissionLocale')
  })

  it('limits a counsellor to their caseload when the policy says so', () => {
    expect(ruleOf(colleague, show(journey('ml-a')), caseload)).toBe('NotInCaseload')
    expect(ruleOf(colleague, command('OfferProposal', journey('ml-a')), caseload)).toBe('NotInCaseload')
    expect(
      ruleOf(
        colleague,
        { kind: 'read-worklist', missionLocaleId: ml('ml-a'), counsellorId: 'c-1' as CounsellorId },
        caseload,
      ),
    ).toBe('NotInCaseload')
    expect(ruleOf(counsellor, show(journey('ml-a')), caseload)).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(manager, show(journey('ml-a', 'c-9')), caseload)).toMatchObject({ _tag: 'AccessGranted' })
  })

  it('lets a manager read with identities and manage, but not counsel; erasure and access requests are theirs', () => {
    expect(ruleOf(manager, show(journey('ml-a')))).toMatchObject({ identity: true, comments: true })
    expect(ruleOf(manager, command('TransferJourney', journey('ml-a')))).toMatchObject({
      _tag: 'AccessGranted',
    })
    expect(ruleOf(manager, command('ErasePersonalData', journey('ml-a')))).toMatchObject({
      _tag: 'AccessGranted',
    })
    expect(ruleOf(manager, command('OfferProposal', journey('ml-a')))).toBe('ManagerDoesNotCounsel')
    expect(ruleOf(counsellor, command('ErasePersonalData', journey('ml-a')))).toBe('ErasureByManager')
    const accessRequest: AccessRequest = {
      kind: 'read-journey',
      purpose: 'access-request',
      journey: journey('ml-a'),
    }
    expect(ruleOf(counsellor, accessRequest)).toBe('SubjectRightsByManager')
    expect(ruleOf(manager, accessRequest)).toMatchObject({ _tag: 'AccessGranted' })
  })

  it('lets a counsellor and a manager of the holding mission locale rectify an identity, no one else', () => {
    const rectify = (j: ReturnType<typeof journey>) => command('RectifyIdentity', j)
    expect(ruleOf(counsellor, rectify(journey('ml-a')))).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(manager, rectify(journey('ml-a')))).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(counsellor, rectify(journey('ml-b')))).toBe('OtherMissionLocale')
    expect(ruleOf(statistician, rectify(journey('ml-a')))).toBe('AggregatesOnly')
  })

  it('gives a statistician aggregates, national or per mission locale, and nothing else', () => {
    expect(ruleOf(statistician, { kind: 'read-dashboard', missionLocaleId: null })).toMatchObject({
      identity: false,
    })
    expect(ruleOf(statistician, { kind: 'read-dashboard', missionLocaleId: ml('ml-b') })).toMatchObject({
      _tag: 'AccessGranted',
    })
    expect(ruleOf(statistician, show(journey('ml-a')))).toBe('AggregatesOnly')
    expect(
      ruleOf(statistician, {
        kind: 'read-worklist',
        missionLocaleId: ml('ml-a'),
        counsellorId: 'c-1' as CounsellorId,
      }),
    ).toBe('AggregatesOnly')
    expect(ruleOf(counsellor, { kind: 'read-dashboard', missionLocaleId: null })).toBe(
      'NationalFiguresForStatisticians',
    )
    expect(ruleOf(counsellor, { kind: 'read-dashboard', missionLocaleId: ml('ml-b') })).toBe(
      'OtherMissionLocale',
    )
  })

  it('gives a partner what its convention allows, never a comment', () => {
    expect(ruleOf(partner, show(journey('ml-a')))).toEqual({
      _tag: 'AccessGranted',
      identity: false,
      comments: false,
    })
    expect(ruleOf(partner, show(journey('ml-b')))).toBe('OutsideConvention')
    expect(ruleOf(partner, command('RecordRequest', journey('ml-a')))).toMatchObject({
      _tag: 'AccessGranted',
    })
    expect(ruleOf(partner, command('OfferProposal', journey('ml-a')))).toBe('OutsideConvention')
    expect(ruleOf(partner, { kind: 'read-access-log', missionLocaleId: ml('ml-a') })).toBe(
      'OutsideConvention',
    )
  })

  it('keeps operators to the clock, retention and the workers, and the access log to managers', () => {
    expect(ruleOf(operator, { kind: 'run-retention' })).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(operator, { kind: 'run-clock', missionLocaleId: null })).toMatchObject({
      _tag: 'AccessGranted',
    })
    expect(ruleOf(operator, show(journey('ml-a')))).toBe('OperatorRunsMaintenance')
    expect(ruleOf(manager, { kind: 'run-retention' })).toBe('MaintenanceByOperators')
    expect(ruleOf(manager, { kind: 'run-clock', missionLocaleId: null })).toBe('MaintenanceByOperators')
    expect(ruleOf(manager, { kind: 'run-clock', missionLocaleId: ml('ml-a') })).toMatchObject({
      _tag: 'AccessGranted',
    })
    expect(ruleOf(manager, { kind: 'read-access-log', missionLocaleId: ml('ml-a') })).toMatchObject({
      _tag: 'AccessGranted',
    })
    expect(ruleOf(manager, { kind: 'read-access-log', missionLocaleId: ml('ml-b') })).toBe(
      'OtherMissionLocale',
    )
    expect(ruleOf(counsellor, { kind: 'read-access-log', missionLocaleId: ml('ml-a') })).toBe(
      'AccessLogForManagers',
    )
  })

  it('keeps outreach cases to their mission locale, lists to its manager, and statisticians to counts', () => {
    const read = (detail: 'cases' | 'counts', m: string | null) =>
      ({ kind: 'read-outreach', detail, missionLocaleId: m === null ? null : ml(m) }) as const
    const act = (action: 'import-list' | 'record-status', m: string) =>
      ({ kind: 'outreach-command', action, missionLocaleId: ml(m) }) as const
    expect(ruleOf(counsellor, read('cases', 'ml-a'))).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(counsellor, read('cases', 'ml-b'))).toBe('OtherMissionLocale')
    expect(ruleOf(counsellor, act('record-status', 'ml-a'))).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(counsellor, act('import-list', 'ml-a'))).toBe('DropoutListsByManager')
    expect(ruleOf(manager, act('import-list', 'ml-a'))).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(manager, act('import-list', 'ml-b'))).toBe('OtherMissionLocale')
    expect(ruleOf(statistician, read('counts', null))).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(statistician, read('cases', 'ml-a'))).toBe('AggregatesOnly')
    expect(ruleOf(operator, read('counts', 'ml-a'))).toBe('OperatorRunsMaintenance')
  })

  it('names the actor and the rule in a denial', () => {
    const d = decideAccess(defaultAccessPolicy, counsellor, show(journey('ml-b')))
    expect(isLeft(d) && describeAccessDenied(d.left)).toBe(
      'access denied to counsellor:c-1@ml-a by rule OtherMissionLocale: journey y-1 is not held by ml-a',
    )
  })
})

// The mission locales a request reaches; null stands for "national" or "a journey that does not exist".
const reaches = (r: AccessRequest): ReadonlyArray<MissionLocaleId | null> => {
  switch (r.kind) {
    case 'journey-command':
      return r.command === 'RegisterYouth' && r.journey.holder === null
        ? [r.missionLocaleId]
        : [r.missionLocaleId, r.journey.holder]
    case 'read-journey':
      return [r.journey.holder]
    case 'read-worklist':
    case 'read-access-log':
    case 'export-allowance-statement':
    case 'read-partner-feed':
      return [r.missionLocaleId]
    case 'export-partner-file':
    case 'outreach-command':
    case 'read-outreach':
      return [r.missionLocaleId]
    case 'read-dashboard':
    case 'run-clock':
      return [r.missionLocaleId]
    case 'run-retention':
    case 'maintain-store':
      return [null]
  }
}

describe('access policy: properties', () => {
  it('is total: a decision for every actor and request, and a denial names the actor', () => {
    fc.assert(
      fc.property(arbAccessPolicy, arbActor, arbAccessRequest, (policy, actor, request) => {
        const d = decideAccess(policy, actor, request)
        if (isLeft(d)) {
          expect(d.left.actor).toBe(actor)
          expect(describeAccessDenied(d.left)).toContain(d.left.rule)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('never lets a counsellor or manager reach outside their mission locale', () => {
    fc.assert(
      fc.property(arbAccessPolicy, arbActor, arbAccessRequest, (policy, actor, request) => {
        if (actor.kind !== 'counsellor' && actor.kind !== 'manager') return
        const d = decideAccess(policy, actor, request)
        if (reaches(request).some((m) => m !== actor.missionLocaleId)) expect(isLeft(d)).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  it('never opens an identity or a comment to a statistician or an operator, nor a comment to a partner', () => {
    fc.assert(
      fc.property(arbAccessPolicy, arbActor, arbAccessRequest, (policy, actor, request) => {
        const d = decideAccess(policy, actor, request)
        if (!isRight(d)) return
        if (actor.kind === 'statistician' || actor.kind === 'operator')
          expect([d.right.identity, d.right.comments, request.kind]).toEqual([
            false,
            false,
            expect.anything(),
          ])
        if (actor.kind === 'partner') expect(d.right.comments).toBe(false)
        if (actor.kind === 'statistician')
          expect(
            request.kind === 'read-dashboard' ||
              (request.kind === 'export-partner-file' && request.file === 'dares') ||
              (request.kind === 'read-outreach' && request.detail === 'counts'),
          ).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  it('denies a journey of another mission locale exactly as one that does not exist', () => {
    fc.assert(
      fc.property(arbAccessPolicy, arbActor, arbAccessRequest, (policy, actor, request) => {
        if (request.kind !== 'read-journey' && request.kind !== 'journey-command') return
        if (request.kind === 'journey-command' && request.command === 'RegisterYouth') return
        const ml = actor.kind === 'counsellor' || actor.kind === 'manager' ? actor.missionLocaleId : undefined
        if (request.journey.holder === null || request.journey.holder === ml) return
        const unknown = { ...request, journey: { ...request.journey, holder: null, counsellorId: null } }
        const a = decideAccess(policy, actor, request)
        const b = decideAccess(policy, actor, unknown)
        if (isLeft(a)) expect(isLeft(b) && [b.left.rule, b.left.reason]).toEqual([a.left.rule, a.left.reason])
      }),
      { numRuns: 3000 },
    )
  })

  it('only widens with the mission-locale scope: what the caseload allows, the mission locale allows', () => {
    fc.assert(
      fc.property(arbActor, arbAccessRequest, (actor, request) => {
        if (isRight(decideAccess({ counsellorScope: 'caseload' }, actor, request)))
          expect(decideAccess({ counsellorScope: 'mission-locale' }, actor, request)).toMatchObject({
            _tag: 'Right',
          })
      }),
      { numRuns: 2000 },
    )
  })
})
