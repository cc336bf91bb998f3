import { isLeft } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import readme from '../../README.md?raw'
import type { JourneyCommandType } from '../model/commands.js'
import type { CounsellorId, MissionLocaleId, YouthId } from '../model/ids.js'
import { decideAccess, defaultAccessPolicy } from './accessPolicy.js'
import type { AccessRequest, AccessRequestKind, JourneyRef } from './accessRequest.js'
import type { Actor, PartnerConvention } from './actor.js'

// The access matrix of the domain README is the policy's own answer: every row names the requests
// it stands for, and each cell must be what `decideAccess` decides for that actor — the rule of a
// denial, or a grant with the personal data it opens.

const ml = (s: string) => s as MissionLocaleId
const convention = {
  conventionId: 'cv-1',
  missionLocaleIds: [ml('ml-a')],
  journeyFacts: true,
  identity: false,
  aggregates: true,
  commands: ['RecordRequest'],
} as unknown as PartnerConvention
const actors: ReadonlyArray<readonly [string, Actor]> = [
  ['counsellor', { kind: 'counsellor', id: 'c-1', missionLocaleId: ml('ml-a') } as Actor],
  ['manager', { kind: 'manager', id: 'm-1', missionLocaleId: ml('ml-a') } as Actor],
  ['statistician', { kind: 'statistician', id: 's-1' } as Actor],
  ['partner¹', { kind: 'partner', id: 'p-1', convention } as Actor],
  ['operator', { kind: 'operator', id: 'o-1' } as Actor],
]

const journey = (holder: string | null): JourneyRef => ({
  youthId: 'y-1' as YouthId,
  holder: holder === null ? null : ml(holder),
  counsellorId: holder === null ? null : ('c-1' as CounsellorId),
})
const commands = (holder: string | null, ...types: JourneyCommandType[]): AccessRequest[] =>
  types.map((command) => ({
    kind: 'journey-command',
    command,
    missionLocaleId: ml('ml-a'),
    journey: journey(holder),
  }))
const worklist = (at: string): AccessRequest => ({
  kind: 'read-worklist',
  missionLocaleId: ml(at),
  counsellorId: 'c-1' as CounsellorId,
})

/** Each row of the README's matrix, by its first cell, and the requests it stands for. */
const rows: Readonly<Record<string, ReadonlyArray<AccessRequest>>> = {
  'register (ml-a)': commands(null, 'RegisterYouth'),
  'counselling command (offer, follow-up…) on an ml-a journey': commands(
    'ml-a',
    'OfferProposal',
    'ScheduleFollowUp',
    'StartTraining',
  ),
  'record a request on an ml-a journey (the partner’s command)': commands('ml-a', 'RecordRequest'),
  'assign / transfer / close / reopen on an ml-a journey': commands(
    'ml-a',
    'AssignCounsellor',
    'TransferJourney',
    'CloseJourney',
    'ReopenJourney',
  ),
  'erase an ml-a journey': commands('ml-a', 'ErasePersonalData'),
  'rectify an ml-a journey’s identity': commands('ml-a', 'RectifyIdentity'),
  'any command on an ml-b journey': [
    ...commands('ml-b', 'OfferProposal', 'CloseJourney', 'ErasePersonalData'),
    ...commands('ml-b', 'RectifyIdentity', 'DecideCejSanction'),
  ],
  'show an ml-a journey': [{ kind: 'read-journey', purpose: 'show', journey: journey('ml-a') }],
  'show an ml-b journey (or one that does not exist)': [
    { kind: 'read-journey', purpose: 'show', journey: journey('ml-b') },
    { kind: 'read-journey', purpose: 'show', journey: journey(null) },
  ],
  'access request (subject access export) of an ml-a journey': [
    { kind: 'read-journey', purpose: 'access-request', journey: journey('ml-a') },
  ],
  'alerts of an ml-a counsellor': [worklist('ml-a')],
  'alerts of an ml-b counsellor': [worklist('ml-b')],
  'report ml-a': [{ kind: 'read-dashboard', missionLocaleId: ml('ml-a') }],
  'report ml-b': [{ kind: 'read-dashboard', missionLocaleId: ml('ml-b') }],
  'report national': [{ kind: 'read-dashboard', missionLocaleId: null }],
  'tick ml-a': [{ kind: 'run-clock', missionLocaleId: ml('ml-a') }],
  'tick (all)': [{ kind: 'run-clock', missionLocaleId: null }],
  retention: [{ kind: 'run-retention' }],
  'project / rebuild / verify / migrate / access-log prune': (
    ['project', 'rebuild', 'verify', 'migrate', 'prune-access-log'] as const
  ).map((task) => ({ kind: 'maintain-store', task })),
  'import a partner catalogue (LHEO trainings)': [{ kind: 'maintain-store', task: 'import-catalogue' }],
  'access-log ml-a': [{ kind: 'read-access-log', missionLocaleId: ml('ml-a') }],
  'CEJ: declare/validate hours, allowance, breach (ml-a)': commands(
    'ml-a',
    'DeclareActivity',
    'ValidateActivity',
    'SetCejAllowance',
    'RecordCejBreach',
  ),
  'CEJ: hearing of the young person (ml-a)': commands('ml-a', 'RecordCejHearing'),
  'CEJ: sanction decision, shorter waiting period (ml-a)': commands(
    'ml-a',
    'DecideCejSanction',
    'ShortenCejWaitingPeriod',
  ),
  'allowance statement ml-a (export for payment)': [
    { kind: 'export-allowance-statement', missionLocaleId: ml('ml-a') },
  ],
  'partner feed of ml-a': [{ kind: 'read-partner-feed', missionLocaleId: ml('ml-a') }],
  'DARES statistical extract ml-a': [
    { kind: 'export-partner-file', file: 'dares', missionLocaleId: ml('ml-a') },
  ],
  'DARES statistical extract national': [
    { kind: 'export-partner-file', file: 'dares', missionLocaleId: null },
  ],
  'France Travail notice ml-a': [
    { kind: 'export-partner-file', file: 'france-travail', missionLocaleId: ml('ml-a') },
  ],
  'import a dropout list into ml-a': [
    { kind: 'outreach-command', action: 'import-list', missionLocaleId: ml('ml-a') },
  ],
  'record the status of an ml-a outreach case': [
    { kind: 'outreach-command', action: 'record-status', missionLocaleId: ml('ml-a') },
  ],
  'list ml-a’s outreach cases': [{ kind: 'read-outreach', detail: 'cases', missionLocaleId: ml('ml-a') }],
  'outreach counts by status of ml-a': [
    { kind: 'read-outreach', detail: 'counts', missionLocaleId: ml('ml-a') },
  ],
  'outreach counts by status, national': [{ kind: 'read-outreach', detail: 'counts', missionLocaleId: null }],
  'import, record a status or list the outreach cases of ml-b': [
    { kind: 'outreach-command', action: 'import-list', missionLocaleId: ml('ml-b') },
    { kind: 'outreach-command', action: 'record-status', missionLocaleId: ml('ml-b') },
    { kind: 'read-outreach', detail: 'cases', missionLocaleId: ml('ml-b') },
  ],
  'outreach counts by status of ml-b': [
    { kind: 'read-outreach', detail: 'counts', missionLocaleId: ml('ml-b') },
  ],
}

/** What a cell says: a rule's name, or a grant with what it opens. */
const cellOf = (actor: Actor, request: AccessRequest): string => {
  const d = decideAccess(defaultAccessPolicy, actor, request)
  if (isLeft(d)) return d.left.rule
  const { identity, comments } = d.right
  if (actor.kind === 'partner' && request.kind === 'read-journey')
    return `facts; identity if the convention says so; never a comment${identity ? ' (identity)' : ''}${comments ? ' (comments!)' : ''}`
  return identity && comments ? 'yes (identity + comments)' : identity ? 'yes (identity)' : 'yes'
}

const readmeRows = (): ReadonlyMap<string, ReadonlyArray<string>> => {
  const text = readme
  const start = text.search(/^\| request +\| counsellor/m)
  const table = text.slice(start, text.indexOf('\n\n', start)).split('\n')
  const cells = (line: string) =>
    line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim())
  expect(cells(table[0] ?? '')).toEqual(['request', ...actors.map(([name]) => name)])
  return new Map(table.slice(2).map((line) => [cells(line)[0]!, cells(line).slice(1)]))
}

describe('the access matrix of the README', () => {
  const documented = readmeRows()

  it('has exactly the rows this test knows, and covers every kind of request', () => {
    expect([...documented.keys()]).toEqual(Object.keys(rows))
    const kinds = new Set(Object.values(rows).flatMap((requests) => requests.map((r) => r.kind)))
    const every: Record<AccessRequestKind, true> = {
      'journey-command': true,
      'read-journey': true,
      'read-worklist': true,
      'read-dashboard': true,
      'run-clock': true,
      'run-retention': true,
      'maintain-store': true,
      'read-access-log': true,
      'export-allowance-statement': true,
      'read-partner-feed': true,
      'export-partner-file': true,
      'outreach-command': true,
      'read-outreach': true,
    }
    expect([...kinds].sort()).toEqual(Object.keys(every).sort())
  })

  for (const [label, requests] of Object.entries(rows))
    it(`says what the policy decides: ${label}`, () => {
      const decided = actors.map(([, actor]) => {
        const answers = new Set(requests.map((request) => cellOf(actor, request)))
        expect(answers.size, `${label}: one answer per actor`).toBe(1)
        return [...answers][0]
      })
      expect(documented.get(label)).toEqual(decided)
    })
})
