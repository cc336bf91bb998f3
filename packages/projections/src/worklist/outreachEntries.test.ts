import { describe, expect, it } from 'vitest'
import {
  foldOutreachCase,
  type KeyId,
  type LocalDate,
  type MissionLocaleId,
  type OutreachCaseId,
  type OutreachEvent,
  type YouthId,
} from '@parcours/domain'
import { outreachCountsByStatus, queryOutreachEntries } from './outreachEntries.js'

const opened = (caseId: string, ml: string, on: string): OutreachEvent => ({
  type: 'OutreachCaseOpened',
  caseId: caseId as OutreachCaseId,
  missionLocaleId: ml as MissionLocaleId,
  listId: 'l-1',
  on: on as LocalDate,
  identity: { keyId: 'k' as KeyId, alg: 'A256GCM', iv: '', ciphertext: '', tag: '' },
})

const cases = [
  foldOutreachCase([opened('oc-00000002', 'ml-a', '2025-03-10')]),
  foldOutreachCase([
    opened('oc-00000001', 'ml-a', '2025-03-01'),
    {
      type: 'OutreachStatusRecorded',
      caseId: 'oc-00000001' as OutreachCaseId,
      missionLocaleId: 'ml-a' as MissionLocaleId,
      status: 'unreachable',
      counsellorId: 'c-1' as never,
      on: '2025-03-05' as LocalDate,
    },
  ]),
  foldOutreachCase([
    opened('oc-00000003', 'ml-a', '2025-03-01'),
    {
      type: 'OutreachCaseClosed',
      caseId: 'oc-00000003' as OutreachCaseId,
      missionLocaleId: 'ml-a' as MissionLocaleId,
      reason: 'registered',
      youthId: 'y-1' as YouthId,
      on: '2025-03-04' as LocalDate,
    },
  ]),
  foldOutreachCase([opened('oc-00000004', 'ml-b', '2025-03-01')]),
]

describe('outreach entries', () => {
  it('lists the open cases of the mission locale, oldest first, with status and age', () => {
    expect(queryOutreachEntries(cases, { missionLocaleId: 'ml-a', asOf: '2025-03-20' })).toEqual([
      {
        caseId: 'oc-00000001',
        status: 'unreachable',
        openedOn: '2025-03-01',
        lastOn: '2025-03-05',
        ageDays: 19,
      },
      {
        caseId: 'oc-00000002',
        status: 'not-contacted',
        openedOn: '2025-03-10',
        lastOn: '2025-03-10',
        ageDays: 10,
      },
    ])
  })

  it('counts by status, per mission locale or national', () => {
    expect(outreachCountsByStatus(cases, 'ml-a')).toEqual({
      open: {
        'not-contacted': 1,
        'contacted-followed': 0,
        'contacted-not-followed': 0,
        'already-followed': 0,
        unreachable: 1,
      },
      registered: 1,
      closedByRetention: 0,
    })
    expect(outreachCountsByStatus(cases, null).open['not-contacted']).toBe(2)
  })
})
