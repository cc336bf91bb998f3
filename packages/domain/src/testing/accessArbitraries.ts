import * as fc from 'fast-check'
import type { AccessPolicy } from '../access/accessPolicy.js'
import type { AccessRequest, JourneyRef } from '../access/accessRequest.js'
import type { Actor, ActorId, PartnerConvention } from '../access/actor.js'
import { JourneyCommand, type JourneyCommandType } from '../model/commands.js'
import type { CounsellorId, MissionLocaleId, YouthId } from '../model/ids.js'

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries for the access policy: actors of every kind and every request, over a
// few shared ids so that actors and requests often meet (and often miss).
// ---------------------------------------------------------------------------------------------

const ML = ['ml-1', 'ml-2', 'ml-3'] as unknown as ReadonlyArray<MissionLocaleId>
const COUNSELLORS = ['c-1', 'c-2'] as unknown as ReadonlyArray<CounsellorId>

const arbMl = fc.constantFrom(...ML)
const arbCounsellor = fc.constantFrom(...COUNSELLORS)
const arbActorId = fc.constantFrom('a-1', 'a-2') as fc.Arbitrary<ActorId>
const commandTypes = JourneyCommand.types.map((c) => c.name) as ReadonlyArray<JourneyCommandType>
const arbCommandType = fc.constantFrom(...commandTypes)

/** A partner convention over some of the mission locales (never a comment: it has no such field). */
export const arbPartnerConvention: fc.Arbitrary<PartnerConvention> = fc.record({
  conventionId: arbActorId,
  missionLocaleIds: fc.uniqueArray(arbMl, { maxLength: 3 }),
  journeyFacts: fc.boolean(),
  identity: fc.boolean(),
  aggregates: fc.boolean(),
  commands: fc.uniqueArray(arbCommandType, { maxLength: 4 }),
})

/** Any actor, of the mission locales `ml-1`…`ml-3` and counsellors `c-1`, `c-2`. */
export const arbActor: fc.Arbitrary<Actor> = fc.oneof(
  fc.record({ kind: fc.constant('counsellor' as const), id: arbCounsellor, missionLocaleId: arbMl }),
  fc.record({ kind: fc.constant('manager' as const), id: arbActorId, missionLocaleId: arbMl }),
  fc.record({ kind: fc.constant('statistician' as const), id: arbActorId }),
  fc.record({ kind: fc.constant('partner' as const), id: arbActorId, convention: arbPartnerConvention }),
  fc.record({ kind: fc.constant('operator' as const), id: arbActorId }),
)

/** A journey that exists (held by a mission locale, followed by a counsellor) or does not. */
export const arbJourneyRef: fc.Arbitrary<JourneyRef> = fc.oneof(
  fc.record({
    youthId: fc.constant('y-1' as YouthId),
    holder: arbMl,
    counsellorId: arbCounsellor,
  }),
  fc.constant({ youthId: 'y-1' as YouthId, holder: null, counsellorId: null }),
)

/** Any request. */
export const arbAccessRequest: fc.Arbitrary<AccessRequest> = fc.oneof(
  fc.record({
    kind: fc.constant('journey-command' as const),
    command: arbCommandType,
    missionLocaleId: arbMl,
    journey: arbJourneyRef,
  }),
  fc.record({
    kind: fc.constant('read-journey' as const),
    purpose: fc.constantFrom('show' as const, 'access-request' as const, 'export' as const),
    journey: arbJourneyRef,
  }),
  fc.record({
    kind: fc.constant('read-worklist' as const),
    missionLocaleId: arbMl,
    counsellorId: arbCounsellor,
  }),
  fc.record({
    kind: fc.constant('read-dashboard' as const),
    missionLocaleId: fc.option(arbMl, { nil: null }),
  }),
  fc.record({ kind: fc.constant('run-clock' as const), missionLocaleId: fc.option(arbMl, { nil: null }) }),
  fc.constant({ kind: 'run-retention' as const }),
  fc.record({
    kind: fc.constant('maintain-store' as const),
    task: fc.constantFrom(
      'project' as const,
      'rebuild' as const,
      'verify' as const,
      'migrate' as const,
      'prune-access-log' as const,
      'import-catalogue' as const,
    ),
  }),
  fc.record({ kind: fc.constant('read-access-log' as const), missionLocaleId: arbMl }),
  fc.record({ kind: fc.constant('export-allowance-statement' as const), missionLocaleId: arbMl }),
  fc.record({ kind: fc.constant('read-partner-feed' as const), missionLocaleId: arbMl }),
  fc.record({
    kind: fc.constant('export-partner-file' as const),
    file: fc.constantFrom('dares' as const, 'france-travail' as const),
    missionLocaleId: fc.option(arbMl, { nil: null }),
  }),
  fc.record({
    kind: fc.constant('outreach-command' as const),
    action: fc.constantFrom('import-list' as const, 'record-status' as const),
    missionLocaleId: arbMl,
  }),
  fc.record({
    kind: fc.constant('read-outreach' as const),
    detail: fc.constantFrom('cases' as const, 'counts' as const),
    missionLocaleId: fc.option(arbMl, { nil: null }),
  }),
)

/** Either counsellor scope. */
export const arbAccessPolicy: fc.Arbitrary<AccessPolicy> = fc.record({
  counsellorScope: fc.constantFrom('mission-locale' as const, 'caseload' as const),
})
