import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { createParcoursLogger } from './createParcoursLogger.js'
import { personalDataRedaction, REDACTED, REDACTION_DEPTH } from './personalDataRedaction.js'

const memoryStream = () => {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'))
      done()
    },
  })
  return { stream, text: () => chunks.join('') }
}

const identity = {
  firstName: 'Maëlys-Secret',
  lastName: 'Durand-Secret',
  birthDate: '2006-04-02',
  email: 'maelys.secret@example.org',
  phone: '+33 6 00 00 00 17',
  address: '17 rue Secrète, Lyon',
  rqthDetail: 'rqth-detail-secret',
}
const secrets = [
  ...Object.values(identity),
  'comment-secret-1',
  'comment-secret-2',
  'comment-secret-3',
  'bound-secret',
]

describe('createParcoursLogger', () => {
  it('writes no personal field, wherever it sits, and keeps the pseudonymous ids', () => {
    const { stream, text } = memoryStream()
    const logger = createParcoursLogger({ destination: stream, level: 'debug' })
    logger.info({ youthId: 'youth-42', ...identity, comment: 'comment-secret-1' }, 'registered')
    logger
      .child({ module: 'vault', firstName: 'bound-secret' })
      .warn({ command: { type: 'KeepFollowUp', payload: { comment: 'comment-secret-2' } } }, 'kept')
    logger.debug(
      {
        events: [{ type: 'RequestRecorded', data: { comment: 'comment-secret-3' } }],
        opened: { fields: identity },
      },
      'batch',
    )
    logger.error({ personalData: identity, youthId: 'youth-43' }, 'sealed')

    const written = text()
    for (const secret of secrets) expect(written).not.toContain(secret)
    expect(written).toContain('youth-42')
    expect(written).toContain('youth-43')
    expect(written).toContain('KeepFollowUp')
    expect(written.split(REDACTED).length - 1).toBeGreaterThanOrEqual(12)
  })

  it('redacts down to the documented depth', () => {
    const { stream, text } = memoryStream()
    const logger = pino({ redact: personalDataRedaction }, stream)
    let nested: Record<string, unknown> = { lastName: 'deep-secret' }
    for (let depth = 0; depth < REDACTION_DEPTH; depth++) nested = { level: nested }
    logger.info(nested, 'deep')
    expect(text()).not.toContain('deep-secret')
    expect(text()).toContain(REDACTED)
  })
})
