import { describe, expect, it } from 'vitest'
import type { CounsellorId, KeyId, LocalDate, MissionLocaleId, Sealed, YouthId } from '../index.js'
import { givenDecider } from '../testing/givenWhenThen.js'
import { foldOutreachCase, outreachDecider } from './outreachDecider.js'
import { outreachEventCodec } from './outreachEventCodec.js'
import type { OutreachCaseId, OutreachEvent } from './outreachEvents.js'
import { outreachRetentionDueOn } from './outreachRetention.js'

const given = givenDecider(outreachDecider)
const d = (s: string) => s as LocalDate
const caseId = 'oc-0123abcd' as OutreachCaseId
const ml = 'ml-rouen' as MissionLocaleId
const counsellorId = 'c-1' as CounsellorId
const identity: Sealed = { keyId: 'k-1' as KeyId, alg: 'A256GCM', iv: 'iv', ciphertext: 'ct', tag: 'tag' }
const opened: OutreachEvent = {
  type: 'OutreachCaseOpened',
  caseId,
  missionLocaleId: ml,
  listId: 'siei-2025-03',
  on: d('2025-03-10'),
  identity,
}
const status = (s: 'contacted-followed' | 'unreachable', on: string): OutreachEvent => ({
  type: 'OutreachStatusRecorded',
  caseId,
  missionLocaleId: ml,
  status: s,
  counsellorId,
  on: d(on),
})

describe('outreach case', () => {
  it('opens once, not contacted', () => {
    const { type: _t, ...rest } = opened
    given()
      .when({ ...rest, type: 'OpenOutreachCase' })
      .then([opened])
    given([opened])
      .when({ ...rest, type: 'OpenOutreachCase' })
      .thenError('OutreachCaseAlreadyOpen')
    expect(foldOutreachCase([opened])).toMatchObject({ status: 'not-contacted', closed: null })
  })

  it('records a status, not before the latest fact, and not "not contacted"', () => {
    const cmd = { type: 'RecordOutreachStatus', caseId, counsellorId } as const
    given([opened])
      .when({ ...cmd, status: 'unreachable', on: d('2025-03-12') })
      .then([status('unreachable', '2025-03-12')])
    given([opened])
      .when({ ...cmd, status: 'unreachable', on: d('2025-03-09') })
      .thenError('OutreachDatedBefore')
    given([opened])
      .when({ ...cmd, status: 'not-contacted', on: d('2025-03-12') })
      .thenError('OutreachStatusInvalid')
    given([opened, status('unreachable', '2025-03-12')])
      .when({ ...cmd, status: 'unreachable', on: d('2025-03-13') })
      .then([])
    given()
      .when({ ...cmd, status: 'unreachable', on: d('2025-03-12') })
      .thenError('OutreachCaseNotFound')
  })

  it('closes on a registration with the journey it opened; a closed case takes no status', () => {
    const close = { type: 'CloseOutreachCase', caseId, on: d('2025-04-01') } as const
    const closed: OutreachEvent = {
      type: 'OutreachCaseClosed',
      caseId,
      missionLocaleId: ml,
      reason: 'registered',
      youthId: 'y-1' as YouthId,
      on: d('2025-04-01'),
    }
    given([opened])
      .when({ ...close, reason: 'registered', youthId: 'y-1' as YouthId })
      .then([closed])
    given([opened])
      .when({ ...close, reason: 'registered', youthId: null })
      .thenError('OutreachRegistrationWithoutJourney')
    given([opened, closed])
      .when({
        type: 'RecordOutreachStatus',
        caseId,
        counsellorId,
        status: 'unreachable',
        on: d('2025-04-02'),
      })
      .thenError('OutreachCaseClosed')
  })

  it('erases the personal data once, naming the key that sealed it', () => {
    const erase = { type: 'EraseOutreachPersonalData', caseId, on: d('2026-03-10') } as const
    const erased: OutreachEvent = {
      type: 'OutreachPersonalDataErased',
      caseId,
      missionLocaleId: ml,
      keyId: identity.keyId,
      on: d('2026-03-10'),
    }
    given([opened]).when(erase).then([erased])
    given([opened, erased]).when(erase).thenError('OutreachAlreadyErased')
  })
})

describe('outreach retention', () => {
  it('a case never registered: 12 months after its latest fact; a registered one: its closing day', () => {
    expect(outreachRetentionDueOn(foldOutreachCase([opened]))).toBe('2026-03-10')
    expect(outreachRetentionDueOn(foldOutreachCase([opened, status('unreachable', '2025-06-01')]))).toBe(
      '2026-06-01',
    )
    const closed: OutreachEvent = {
      type: 'OutreachCaseClosed',
      caseId,
      missionLocaleId: ml,
      reason: 'registered',
      youthId: 'y-1' as YouthId,
      on: d('2025-04-01'),
    }
    expect(outreachRetentionDueOn(foldOutreachCase([opened, closed]))).toBe('2025-04-01')
    expect(outreachRetentionDueOn(foldOutreachCase([]))).toBeNull()
  })
})

describe('outreachEventCodec', () => {
  it('round-trips every event and refuses a malformed one with its path', () => {
    for (const e of [opened, status('contacted-followed', '2025-03-11')]) {
      const encoded = outreachEventCodec.encode(e)
      expect(encoded._tag).toBe('Right')
      if (encoded._tag === 'Right')
        expect(outreachEventCodec.decode(encoded.right)).toEqual({ _tag: 'Right', right: e })
    }
    const bad = outreachEventCodec.decode({
      type: 'OutreachCaseOpened',
      schemaVersion: 1,
      data: { caseId: 'x' },
    })
    expect(bad._tag).toBe('Left')
    expect(outreachEventCodec.decode({ type: 'Nope', schemaVersion: 1, data: {} })).toMatchObject({
      left: { _tag: 'UnknownEventType' },
    })
  })
})
