import * as fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { CounsellorId, MissionLocaleId } from '../model/ids.js'
import { arbAccessPolicy, arbAccessRequest, arbActor } from '../testing/accessArbitraries.js'
import { decideAccess, defaultAccessPolicy } from './accessPolicy.js'
import type { AccessRequest } from './accessRequest.js'
import type { Actor, PartnerConvention } from './actor.js'

// ---------------------------------------------------------------------------------------------
// The partners' outbound flows: the feed of notices is a partner's, under its convention; the
// DARES extract is a statistician's (national) or a manager's (their mission locale); the notice
// to France Travail is a manager's.
// ---------------------------------------------------------------------------------------------

const ml = (s: string) => s as MissionLocaleId
const counsellor: Actor = { kind: 'counsellor', id: 'c-1' as CounsellorId, missionLocaleId: ml('ml-a') }
const manager = { kind: 'manager', id: 'm-1', missionLocaleId: ml('ml-a') } as Actor
const statistician = { kind: 'statistician', id: 's-1' } as Actor
const operator = { kind: 'operator', id: 'o-1' } as Actor
const convention = (journeyFacts: boolean) =>
  ({
    conventionId: 'cv-1',
    missionLocaleIds: [ml('ml-a')],
    journeyFacts,
    identity: true,
    aggregates: false,
    commands: [],
  }) as unknown as PartnerConvention
const partner = (journeyFacts = true) =>
  ({ kind: 'partner', id: 'p-1', convention: convention(journeyFacts) }) as Actor

const feed = (m: string): AccessRequest => ({ kind: 'read-partner-feed', missionLocaleId: ml(m) })
const file = (f: 'dares' | 'france-travail', m: string | null): AccessRequest => ({
  kind: 'export-partner-file',
  file: f,
  missionLocaleId: m === null ? null : ml(m),
})
const ruleOf = (actor: Actor, request: AccessRequest) => {
  const d = decideAccess(defaultAccessPolicy, actor, request)
  return isLeft(d) ? d.left.rule : d.right
}

describe('access policy: the partners outbound flows', () => {
  it("lets a partner read the feed of its convention's mission locales only, never an identity", () => {
    expect(ruleOf(partner(), feed('ml-a'))).toEqual({
      _tag: 'AccessGranted',
      identity: false,
      comments: false,
    })
    expect(ruleOf(partner(), feed('ml-b'))).toBe('OutsideConvention')
    expect(ruleOf(partner(false), feed('ml-a'))).toBe('OutsideConvention')
  })

  it('keeps the feed to partners', () => {
    for (const actor of [counsellor, manager, statistician, operator])
      expect(ruleOf(actor, feed('ml-a'))).not.toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(manager, feed('ml-a'))).toBe('FeedForPartners')
  })

  it("lets a statistician export the national DARES extract and a manager their mission locale's files", () => {
    expect(ruleOf(statistician, file('dares', null))).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(statistician, file('france-travail', 'ml-a'))).toBe('AggregatesOnly')
    expect(ruleOf(manager, file('dares', 'ml-a'))).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(manager, file('france-travail', 'ml-a'))).toMatchObject({ _tag: 'AccessGranted' })
    expect(ruleOf(manager, file('france-travail', 'ml-b'))).toBe('OtherMissionLocale')
    expect(ruleOf(manager, file('dares', null))).toBe('NationalFiguresForStatisticians')
    expect(ruleOf(counsellor, file('dares', 'ml-a'))).toBe('PartnerFilesByManager')
    expect(ruleOf(operator, file('dares', null))).toBe('OperatorRunsMaintenance')
    expect(ruleOf(partner(), file('france-travail', 'ml-a'))).toBe('OutsideConvention')
  })

  it('never opens an identity or a comment for the feed or a partner file', () => {
    fc.assert(
      fc.property(arbAccessPolicy, arbActor, arbAccessRequest, (policy, actor, request) => {
        if (request.kind !== 'read-partner-feed' && request.kind !== 'export-partner-file') return
        const d = decideAccess(policy, actor, request)
        if (!isLeft(d)) expect(d.right).toMatchObject({ identity: false, comments: false })
        if (!isLeft(d) && request.kind === 'read-partner-feed') expect(actor.kind).toBe('partner')
      }),
      { numRuns: 2000 },
    )
  })
})
