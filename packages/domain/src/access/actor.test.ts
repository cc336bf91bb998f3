import * as fc from 'fast-check'
import { isLeft } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { arbActor } from '../testing/accessArbitraries.js'
import { Actor, actorRef, parseActorRef } from './actor.js'

describe('actor tokens', () => {
  it('reads each kind', () => {
    expect(parseActorRef('counsellor:c-1@ml-a')).toEqual({
      _tag: 'Right',
      right: { kind: 'counsellor', id: 'c-1', missionLocaleId: 'ml-a' },
    })
    expect(parseActorRef('manager:m-1@ml-a')).toMatchObject({ right: { kind: 'manager' } })
    expect(parseActorRef('statistician:s-1')).toEqual({
      _tag: 'Right',
      right: { kind: 'statistician', id: 's-1' },
    })
    expect(parseActorRef('operator:o-1')).toMatchObject({ right: { kind: 'operator', id: 'o-1' } })
  })

  it('refuses a malformed token with the reason', () => {
    for (const [value, reason] of [
      ['counsellor:c-1', /belongs to a mission locale/],
      ['statistician:s-1@ml-a', /belongs to no mission locale/],
      ['partner:p-1', /convention/],
      ['boss:b-1', /expected counsellor:ID@MISSION_LOCALE/],
      ['counsellor:@ml-a', /expected/],
      ['', /expected/],
    ] as const) {
      const r = parseActorRef(value)
      expect(isLeft(r) && r.left.reason).toMatch(reason)
    }
  })

  it('reads back every actor it writes (partners aside), and the codec accepts them', () => {
    fc.assert(
      fc.property(arbActor, (actor) => {
        expect(Actor.is(actor)).toBe(true)
        if (actor.kind !== 'partner')
          expect(parseActorRef(actorRef(actor))).toEqual({ _tag: 'Right', right: actor })
      }),
    )
  })

  it('has no field through which a convention could let a comment out', () => {
    const decoded = Actor.decode({
      kind: 'partner',
      id: 'p-1',
      convention: {
        conventionId: 'cv',
        missionLocaleIds: [],
        journeyFacts: true,
        identity: true,
        aggregates: false,
        commands: ['NoSuchCommand'],
      },
    })
    expect(isLeft(decoded)).toBe(true)
  })
})
