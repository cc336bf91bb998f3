import { describe, expect, it } from 'vitest'
import { CliError } from '../cli/errors.js'
import { describeStore, keyStorePathFor, parseStoreSpec, storeSpecFrom } from './storeSpec.js'

describe('store spec', () => {
  it('reads memory, sqlite and esdb specs', () => {
    expect(parseStoreSpec('memory', '/w')).toEqual({ kind: 'memory' })
    expect(parseStoreSpec('sqlite:data/p.db', '/w')).toEqual({ kind: 'sqlite', path: '/w/data/p.db' })
    expect(parseStoreSpec('sqlite:/abs/p.db', '/w')).toEqual({ kind: 'sqlite', path: '/abs/p.db' })
    expect(parseStoreSpec('esdb://localhost:2113?tls=false', '/w')).toEqual({
      kind: 'esdb',
      connectionString: 'esdb://localhost:2113?tls=false',
    })
  })
  it('refuses anything else with exit 2 naming --store', () => {
    for (const bad of ['postgres://x', 'sqlite:', 'esdb://', 'mem']) {
      try {
        parseStoreSpec(bad, '/w')
        expect.unreachable()
      } catch (e) {
        expect(e).toBeInstanceOf(CliError)
        expect((e as CliError).exitCode).toBe(2)
        expect((e as CliError).message).toMatch(/^--store/)
      }
    }
  })
  it('prefers the flag, then PARCOURS_STORE, then the default file', () => {
    expect(storeSpecFrom('memory', { PARCOURS_STORE: 'sqlite:x.db' }, '/w').kind).toBe('memory')
    expect(storeSpecFrom(undefined, { PARCOURS_STORE: 'sqlite:x.db' }, '/w')).toEqual({
      kind: 'sqlite',
      path: '/w/x.db',
    })
    expect(storeSpecFrom(undefined, {}, '/w')).toEqual({ kind: 'sqlite', path: '/w/parcours.db' })
    expect(storeSpecFrom(undefined, { PARCOURS_STORE: '' }, '/w')).toEqual({
      kind: 'sqlite',
      path: '/w/parcours.db',
    })
  })
  it('keeps keys in a separate file and hides credentials', () => {
    expect(keyStorePathFor({ kind: 'sqlite', path: '/w/p.db' }, '/w')).toBe('/w/p.db.keys')
    const esdb = { kind: 'esdb', connectionString: 'esdb://h:2113?tls=false' } as const
    expect(keyStorePathFor(esdb, '/w')).toBe('/w/parcours.keys')
    expect(keyStorePathFor(esdb, '/w', { PARCOURS_KEYS: '/vault/keys.db' })).toBe('/vault/keys.db')
    expect(keyStorePathFor(esdb, '/w', { PARCOURS_KEYS: 'k.db' })).toBe('/w/k.db')
    expect(describeStore({ kind: 'esdb', connectionString: 'esdb://admin:secret@h:2113' })).not.toContain(
      'secret',
    )
  })
})
