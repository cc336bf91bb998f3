import { isLeft } from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MissionLocaleId } from '@parcours/domain'
import type { Locale } from '../../i18n/index.js'
import { untranslatedIn } from '../../testing/untranslated.js'
import {
  FIXTURE_AS_OF,
  FIXTURE_AT,
  FIXTURE_OUTREACH,
  fixtureActors,
  fixtureContext,
  HOSTILE_COMMENT,
  HOSTILE_NAME,
  openPageFixture,
  renderFixturePages,
} from './pageFixture.js'
import {
  appCss,
  buildDashboardCsv,
  buildDashboardModel,
  buildFormModel,
  buildJourneyModel,
  buildWorklistModel,
  renderCommandForm,
  targetsFromForm,
} from './index.js'

let h: Awaited<ReturnType<typeof openPageFixture>>
beforeAll(async () => {
  h = await openPageFixture()
})
afterAll(async () => {
  await h.close()
})

const ctx = fixtureContext
const AT = FIXTURE_AT
const allPages = (locale: Locale) => renderFixturePages(h, locale)

describe('the pages', () => {
  for (const locale of ['fr', 'en'] as const)
    it(`show no untranslated key, placeholder or raw code (${locale})`, async () => {
      const pages = await allPages(locale)
      for (const [name, html] of Object.entries(pages)) {
        expect(untranslatedIn(html), name).toEqual([])
        expect(html, name).toContain(`<html lang="${locale}">`)
      }
    })

  it('have no inline script or style, and every form carries the CSRF token', async () => {
    for (const [name, html] of Object.entries(await allPages('fr'))) {
      expect(html, name).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i)
      const forms = html.match(/<form[^>]*method="post"[\s\S]*?<\/form>/g) ?? []
      for (const f of forms)
        expect(f, name).toContain('<input type="hidden" name="_csrf" value="tok&quot;&lt;en&gt;">')
    }
    expect(appCss).toContain('.skip:focus')
  })

  it('escape a name and a comment holding markup, on the worklist and the journey', async () => {
    const pages = await allPages('fr')
    for (const name of ['worklist', 'journey'] as const) {
      expect(pages[name]).not.toContain(HOSTILE_NAME)
      expect(pages[name]).toContain('&lt;script&gt;alert(&quot;nom&quot;)&lt;/script&gt;')
    }
    expect(pages['journey']).not.toContain('<script>alert("commentaire")')
    expect(pages['journey']).toContain(
      '&lt;script&gt;alert(&quot;commentaire&quot;)&lt;/script&gt; &amp; “guillemets”',
    )
    expect(HOSTILE_COMMENT).toContain('<script>')
  })

  it('name the counsellor’s young people on the worklist, in French labels', async () => {
    const html = (await allPages('fr'))['worklist'] ?? ''
    expect(html).toContain('Léa Martin')
    expect(html).toMatch(/Rendez-vous dans les 7 jours : [1-9]/)
    expect(html).toMatch(/<td>f-next<\/td><td>5 février 2025<\/td><td class="num">2<\/td>/)
    expect(html).toContain('CEJ : semaine dernière sous 15 h : 1')
    expect(html).toContain('href="/journeys/y-1"')
    // a journey of another mission locale is never listed
    expect(html).not.toContain('y-3')
    expect(html).not.toContain('Hugo')
  })

  it('list the open outreach cases by case id, their status in words, never opening a name for them', async () => {
    const fr = (await allPages('fr'))['worklist'] ?? ''
    const en = (await allPages('en'))['worklist'] ?? ''
    expect(fr).toContain('Repérage : situations ouvertes (listes de décrocheurs) : 5')
    expect(fr).toContain(
      `<th scope="row">${FIXTURE_OUTREACH[4]?.caseId}</th><td>Injoignable</td><td>6 janvier 2025</td><td class="num">28</td>`,
    )
    expect(en).toContain('Contacted, no follow-up')
    // a case is not a journey: no link to one, and no name opened for it
    expect(fr).not.toContain('href="/journeys/oc-')
    const w = await buildWorklistModel(h, fixtureActors.counsellor, {
      asOf: FIXTURE_AS_OF,
      at: AT,
      outreach: FIXTURE_OUTREACH,
    })
    expect([...w.names.keys()].filter((k) => k.startsWith('oc-'))).toEqual([])
  })

  it('record every name the worklist opens in the access log, before the page is built', async () => {
    const fresh = await openPageFixture()
    try {
      const before = await fresh.env.accessLog.list({ missionLocaleId: 'ml-rouen' as MissionLocaleId })()
      expect(before).toMatchObject({ right: [] })
      const w = await buildWorklistModel(fresh, fixtureActors.counsellor, { asOf: FIXTURE_AS_OF, at: AT })
      const after = await fresh.env.accessLog.list({ missionLocaleId: 'ml-rouen' as MissionLocaleId })()
      if (isLeft(after)) throw new Error(after.left.message)
      expect(after.right.map((e) => [e.youthId, e.actor, e.purpose, e.opened, e.at]).sort()).toEqual([
        ['y-1', 'counsellor:c-1@ml-rouen', 'show', ['identity'], AT],
        ['y-2', 'counsellor:c-1@ml-rouen', 'show', ['identity'], AT],
      ])
      expect([...w.names.keys()].sort()).toEqual(['y-1', 'y-2'])
    } finally {
      await fresh.close()
    }
  })

  it('let the mission locale’s manager read a journey with its identity, without the counsellor’s actions', async () => {
    const m = await buildJourneyModel(h, fixtureActors.manager, 'y-2', { asOf: FIXTURE_AS_OF })
    expect(m.name).toEqual({ kind: 'named', firstName: 'Léa', lastName: 'Martin' })
    expect(m.mayAct).toBe(false)
    expect(m.programme).toMatchObject({ programme: 'CEJ', plannedEndOn: '2026-01-15' })
    expect(m.cej?.contracts[0]?.weeks.length).toBeGreaterThan(0)
    expect(m.sessions).toEqual([{ sessionId: 's-atelier', kind: 'workshop', heldOn: '2025-02-10' }])
  })

  it('show the journey: next appointment, open proposal, timeline in words', async () => {
    const html = (await allPages('fr'))['journey'] ?? ''
    expect(html).toContain('5 février 2025 — Entretien individuel')
    expect(html).toContain('Formation')
    expect(html).toContain('Premier accueil')
    expect(html).toContain('Demande enregistrée')
  })

  it('never show an identity to a statistician, and refuse them a worklist or a journey', async () => {
    const pages = await allPages('fr')
    for (const html of [pages['dashboard-national'], pages['dashboard-month']]) {
      expect(html).not.toContain('Martin')
      expect(html).not.toContain('Durand')
    }
    await expect(
      buildJourneyModel(h, fixtureActors.statistician, 'y-1', { asOf: FIXTURE_AS_OF }),
    ).rejects.toThrow()
    await expect(
      buildWorklistModel(h, fixtureActors.statistician, { asOf: FIXTURE_AS_OF, at: AT }),
    ).rejects.toThrow()
  })

  it('refuse another mission locale’s counsellor the journey and its forms', async () => {
    await expect(
      buildJourneyModel(h, fixtureActors.otherCounsellor, 'y-1', { asOf: FIXTURE_AS_OF }),
    ).rejects.toThrow(/rule/)
    await expect(
      buildFormModel(h, fixtureActors.otherCounsellor, 'offer', 'y-1', { today: FIXTURE_AS_OF }),
    ).rejects.toThrow(/rule/)
  })
})

describe('a form sent back', () => {
  const model = async (error: Parameters<typeof renderCommandForm>[1]['error']) =>
    renderCommandForm(
      'offer',
      await buildFormModel(h, fixtureActors.counsellor, 'offer', 'y-1', {
        today: FIXTURE_AS_OF,
        values: { respondBy: '<b>31</b>', theme: 'housing', commandId: 'cmd-1' },
        ...(error === undefined ? {} : { error }),
      }),
      ctx('fr', fixtureActors.counsellor, '/journeys/y-1/offer'),
    )

  it('keeps the values sent (escaped) and its command id', async () => {
    const html = await model(undefined)
    expect(html).toContain('value="&lt;b&gt;31&lt;/b&gt;"')
    expect(html).toMatch(/<option value="housing" selected>Logement<\/option>/)
    expect(html).toContain('<input type="hidden" name="commandId" value="cmd-1">')
    expect(html).not.toContain('role="alert"')
  })

  it('shows a field error at the field, described by it', async () => {
    const html = await model({ kind: 'field', field: 'respondBy', message: 'respondBy: not a date <x>' })
    expect(html).toMatch(
      /<input type="date" id="f-respondBy" name="respondBy" required aria-invalid="true" aria-describedby="f-respondBy-hint f-respondBy-error"/,
    )
    expect(html).toContain('<span class="field-error" id="f-respondBy-error">Cette valeur n’est pas valide.')
    expect(html).toContain('not a date &lt;x&gt;')
    expect(html).toContain('<a href="#f-respondBy">Réponse attendue au plus tard le</a>')
  })

  it('shows a rule’s refusal in place, as an alert, in the reader’s words when the catalogue has them', async () => {
    const html = await model({
      kind: 'rule',
      rule: 'RespondByBeforeOffer',
      message: 'refused by rule RespondByBeforeOffer: <dated before>',
    })
    expect(html).toContain(
      '<div class="alert" role="alert"><p>La date de réponse attendue précède la date de la proposition.</p><p>Enregistrement refusé par la règle RespondByBeforeOffer.</p>',
    )
    expect(html).toContain('&lt;dated before&gt;')
    const other = await model({ kind: 'rule', rule: 'SessionFull', message: 'the session is full' })
    expect(other).toMatch(
      /<div class="alert" role="alert"><p>Enregistrement refusé par la règle SessionFull\.<\/p>/,
    )
  })

  it('says a conflict and an access refusal in words', async () => {
    expect(await model({ kind: 'conflict', message: 'x' })).toContain('rien n’a été écrit')
    expect(await model({ kind: 'access', message: 'x' })).toContain('Vous n’avez pas le droit')
  })
})

describe('the steering pages', () => {
  it('export the dashboard as CSV for a French spreadsheet', async () => {
    const csv = await buildDashboardCsv(h, fixtureActors.statistician, {}, true)
    expect(csv.startsWith('\uFEFFscope;month;first_receptions')).toBe(true)
    expect(await buildDashboardCsv(h, fixtureActors.statistician, {}, false)).toMatch(/^scope,month/)
  })

  it('link the drill-down by mission locale and month, and mark the partial month', async () => {
    const html = (await allPages('fr'))['dashboard-national'] ?? ''
    expect(html).toContain('href="/dashboard?missionLocale=ml-rouen"')
    expect(html).toContain('href="/dashboard?month=2025-01"')
    expect(html).toContain('février 2025 (partiel)')
    expect(html).toContain('href="/dashboard.csv?excel=1"')
  })

  it('refuse a manager another mission locale’s dashboard, and a bad month', async () => {
    const r = { asOf: FIXTURE_AS_OF, generatedAt: AT, targets: {} }
    await expect(
      buildDashboardModel(h, fixtureActors.manager, { ...r, missionLocale: 'ml-caen' }),
    ).rejects.toThrow(/rule/)
    await expect(buildDashboardModel(h, fixtureActors.manager, { ...r, month: '2025-13' })).rejects.toThrow(
      /not a month/,
    )
  })

  it('read targets from the form, rates in percent, naming a wrong field', () => {
    expect(
      targetsFromForm({ positiveExitRate: '44,5', firstReceptions: '', medianDaysToFirstProposal: '30' }),
    ).toEqual({
      _tag: 'Right',
      right: { positiveExitRate: 0.445, medianDaysToFirstProposal: 30 },
    })
    expect(targetsFromForm({ positiveExitRate: '120' })).toMatchObject({
      left: { indicator: 'positiveExitRate' },
    })
    expect(targetsFromForm({ inContact: 'beaucoup' })).toMatchObject({ left: { indicator: 'inContact' } })
  })
})
