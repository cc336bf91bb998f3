import { describe, expect, it } from 'vitest'
import { commandInputOfForm } from './forms.js'

describe('a posted form as a command', () => {
  it('takes the command from the form spec, types checkboxes and radios, and sends personal.* to the vault', () => {
    const { youthId, input } = commandInputOfForm('register', {
      _csrf: 't',
      type: 'Whatever',
      commandId: 'web-1',
      missionLocaleId: 'ml-a',
      youthId: 'y-9',
      on: '2025-01-06',
      counsellorId: 'c-1',
      birthDate: '2005-05-10',
      'personal.firstName': 'Aurélie',
      'personal.lastName': '',
    })
    expect(youthId).toBe('y-9')
    expect(input).toEqual({
      commandId: 'web-1',
      command: {
        type: 'RegisterYouth',
        missionLocaleId: 'ml-a',
        on: '2025-01-06',
        counsellorId: 'c-1',
        birthDate: '2005-05-10',
        rqth: false,
      },
      personal: { firstName: 'Aurélie' },
    })
  })

  it('reads a yes-no radio as a boolean and keeps every other field as sent', () => {
    const { input } = commandInputOfForm('attendance', {
      sessionId: 's-1',
      on: '2025-01-06',
      present: 'false',
      missionLocaleId: 'ml-a',
    })
    expect(input.command).toEqual({
      type: 'RecordSessionAttendance',
      sessionId: 's-1',
      on: '2025-01-06',
      present: false,
      missionLocaleId: 'ml-a',
    })
    const appointment = commandInputOfForm('appointment', {
      followUpId: 'f-1',
      dueOn: '2025-01-20',
      kind: 'workshop',
      on: '2025-01-06',
      missionLocaleId: 'ml-a',
    })
    expect(appointment.input.command).toMatchObject({
      type: 'ScheduleFollowUp',
      followUpId: 'f-1',
      kind: 'workshop',
    })
  })
})
