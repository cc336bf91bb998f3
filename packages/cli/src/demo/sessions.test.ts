import { describe, expect, it } from 'vitest'
import {
  createPrng,
  foldJourney,
  journeyDecider,
  type CounsellorId,
  type LocalDate,
  type MissionLocaleId,
  type SessionId,
  type YouthId,
} from '@parcours/domain'
import type { AgentContext } from './agentContext.js'
import { calibration } from './calibration.js'
import { createDayOrder } from './dayOrder.js'
import { drawPerson } from './people.js'
import type { SendResult, SimulationPorts } from './ports.js'
import { prescribeSession } from './sessions.js'
import { drawProfile, newYouth, resumeGenerator, type Youth } from './youth.js'

const ml = 'ml-1' as MissionLocaleId
const on = '2025-03-03' as LocalDate

/** A registered young person, their place in the day's order being `index`. */
const youth = (index: number): Youth => {
  const rng = createPrng(index)
  const person = drawPerson(rng, on)
  const y = newYouth(
    index,
    `y-${index}` as YouthId,
    person,
    on,
    drawProfile(rng, false),
    rng,
    ml,
    'c-1' as CounsellorId,
  )
  // As on a day of theirs: the simulator draws from their generator then only.
  resumeGenerator(y)
  const registered = journeyDecider.decide(
    {
      type: 'RegisterYouth',
      youthId: y.id,
      missionLocaleId: ml,
      on,
      counsellorId: y.counsellorId,
      birthDate: person.birthDate,
      rqth: false,
      personalData: null,
    },
    y.state,
  )
  if (registered._tag === 'Left') throw new Error(registered.left._tag)
  y.state = foldJourney(registered.right)
  return y
}

describe('collective sessions', () => {
  it('gives the last seat to the young person first in the day’s order, whoever sends first', async () => {
    const [first, second] = [youth(0), youth(1)]
    const order = createDayOrder(2)
    const places = new Map([
      [first.index, 0],
      [second.index, 1],
    ])
    const youths = new Map([first, second].map((y) => [y.id, y]))
    const sent: string[] = []
    const ports: SimulationPorts = {
      send: async (_commandId, command) => {
        sent.push(command.youthId)
        const decision = journeyDecider.decide(command, (youths.get(command.youthId) as Youth).state)
        return decision._tag === 'Left'
          ? ({ _tag: 'Refused', error: decision.left } satisfies SendResult)
          : ({ _tag: 'Accepted', events: decision.right } satisfies SendResult)
      },
      journey: async (youthId) => (youths.get(youthId) as Youth).state,
      seal: async () => ({ _tag: 'Failed', message: 'nothing is sealed here' }),
    }
    // The first workshop after the 5 days' notice, one seat left.
    const workshop = `${ml}-workshop-2025-03-11` as SessionId
    const ctx: AgentContext = {
      ports,
      inTurn: (y) => order.turn(places.get(y.index) ?? 0),
      network: [],
      commandPrefix: 'test',
      stats: {
        youths: 2,
        commands: 0,
        events: 0,
        refused: {},
        trainingProposalsFromCatalogue: 0,
        proposalsFromPartnerOffers: 0,
      },
      sessions: new Map([[workshop, calibration.sessionCapacity - 1]]),
      trainingSessions: [],
      partnerOffers: [],
    }
    const day = (y: Youth, place: number) =>
      prescribeSession(ctx, y, on, 'workshop').finally(() => order.finish(place))
    // The second one starts first: without the order, it would take the seat.
    await Promise.all([day(second, 1), day(first, 0)])
    const sessionsOf = (y: Youth) => (y.state.status === 'unregistered' ? [] : Object.keys(y.state.sessions))
    expect(sent).toEqual([first.id, second.id])
    expect(sessionsOf(first)).toEqual([workshop])
    expect(sessionsOf(second)).toEqual([`${ml}-workshop-2025-03-18`])
    expect(ctx.sessions.get(workshop)).toBe(calibration.sessionCapacity)
  })
})
