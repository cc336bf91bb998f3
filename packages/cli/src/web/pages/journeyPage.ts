import { french, translator, type MessageKey, type Translator } from '../../i18n/index.js'
import { tableHtmlCells } from '../../report/charts/index.js'
import type { Shown } from '../../store/journeyView.js'
import { esc } from './html.js'
import type { JourneyModel } from './journeyModel.js'
import { layout } from './layout.js'
import type { PageContext } from './pageContext.js'
import { journeyForms, pagePaths } from './pagePaths.js'
import { nameText } from './youthCell.js'

// ---------------------------------------------------------------------------------------------
// a journey's page: where it stands, what to do next (the forms), the CEJ's hours and allowance,
// and its timeline — codes in words, sealed fields opened only as far as the reader's grant goes
// ---------------------------------------------------------------------------------------------

const isKey = (s: string): s is MessageKey => s in french

// Codes carried by an event's fields, by field name: the catalogue's area that names them.
const codeAreas: Readonly<Record<string, string>> = {
  theme: 'theme',
  outcome: 'outcome',
  reason: 'exit',
  programme: 'programme',
  kind: 'web.appointment',
}

/** A timeline detail in words: codes by their label, sealed values opened or said withheld. */
export const detailText = (type: string, field: string, value: Shown, tr: Translator): string => {
  if (value === null) return '–'
  if (typeof value === 'boolean') return tr.t(value ? 'web.yes' : 'web.no')
  if (typeof value === 'number') return tr.number(value, 2)
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => {
        const key = `web.field.${k}`
        return k === 'comment'
          ? tr.t('web.quoted', { text: v })
          : tr.t('web.labelValue', { label: isKey(key) ? tr.t(key) : k, value: v })
      })
      .join(' ; ')
  for (const status of ['withheld', 'rectified', 'erased', 'sealed'] as const)
    if (value === status) return tr.t(`web.journey.detail.${status}`)
  const area = codeAreas[field]
  const code = area === undefined ? undefined : `${area}.${value}`
  if (code !== undefined && isKey(code)) return tr.t(code)
  if (type === 'ProgrammeExited' && field === 'reason' && isKey(`programmeExit.${value}`))
    return tr.t(`programmeExit.${value}` as MessageKey)
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? tr.date(value) : value
}

// The counsellor is named where it changes; the sealed age limits are the shell's, not a reader's.
const counsellorEvents = new Set([
  'YouthRegistered',
  'CounsellorAssigned',
  'JourneyTransferred',
  'JourneyReopened',
])
const shownField = (type: string, field: string): boolean =>
  field !== 'sealedAgeLimits' && (field !== 'counsellorId' || counsellorEvents.has(type))

const fieldLabel = (field: string, tr: Translator): string => {
  const key = `web.field.${field}`
  return isKey(key) ? tr.t(key) : field
}

const section = (id: string, title: string, body: string): string =>
  `<section class="panel" aria-labelledby="${id}"><h2 id="${id}">${esc(title)}</h2>${body}</section>`

const summary = (m: JourneyModel, tr: Translator): string => {
  const rows: ReadonlyArray<readonly [string, string]> = [
    [tr.t('web.journey.pseudonym'), m.youthId],
    [tr.t('web.journey.missionLocale'), m.missionLocaleId],
    [tr.t('web.journey.counsellor'), m.counsellorId],
    [
      tr.t('web.journey.status'),
      m.status === 'open'
        ? tr.t('web.journey.open', { date: tr.date(m.registeredOn) })
        : tr.t('web.journey.closed', {
            date: tr.date(m.closedOn ?? ''),
            reason:
              m.exitReason !== null && isKey(`exit.${m.exitReason}`)
                ? tr.t(`exit.${m.exitReason}` as MessageKey)
                : '–',
          }),
    ],
    [
      tr.t('web.journey.programme'),
      m.programme === null
        ? tr.t('web.none')
        : tr.t('web.journey.programmeUntil', {
            programme: m.programme.programme,
            from: tr.date(m.programme.enteredOn),
            to: tr.date(m.programme.plannedEndOn),
          }),
    ],
    [
      tr.t('web.journey.next'),
      m.next === null
        ? tr.t('web.journey.noNext')
        : tr.t('web.journey.nextOn', {
            date: tr.date(m.next.dueOn),
            kind: isKey(`web.appointment.${m.next.kind}`)
              ? tr.t(`web.appointment.${m.next.kind}` as MessageKey)
              : m.next.kind,
          }),
    ],
  ]
  return section(
    'en-bref',
    tr.t('web.journey.summary'),
    `<dl class="summary">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`,
  )
}

const actions = (m: JourneyModel, tr: Translator): string => {
  if (!m.mayAct) return ''
  const labels = {
    offer: tr.t('web.action.offer'),
    appointment: tr.t('web.action.appointment'),
    attendance: tr.t('web.action.attendance'),
    outcome: tr.t('web.action.outcome'),
  } as const
  return section(
    'actions',
    tr.t('web.journey.actions'),
    `<ul class="actions">${journeyForms
      .map(
        (f) =>
          `<li><a class="button" href="${esc(pagePaths.journeyForm(m.youthId, f))}">${esc(labels[f])}</a></li>`,
      )
      .join('')}</ul>`,
  )
}

const proposals = (m: JourneyModel, tr: Translator): string =>
  section(
    'propositions',
    tr.t('web.journey.proposals'),
    m.proposals.length === 0
      ? `<p class="empty">${esc(tr.t('web.journey.noProposal'))}</p>`
      : tableHtmlCells(
          tr.t('web.journey.proposals'),
          [
            tr.t('web.col.proposal'),
            tr.t('web.col.theme'),
            tr.t('web.col.on'),
            tr.t('web.col.respondBy'),
            tr.t('web.col.status'),
          ],
          m.proposals.map((p) => [
            { text: p.proposalId },
            { text: detailText('', 'theme', p.theme, tr) },
            { text: tr.date(p.offeredOn) },
            { text: tr.date(p.respondBy) },
            { text: tr.t(`web.journey.proposal.${p.status}`) },
          ]),
        ) +
          (m.sessions.length === 0
            ? ''
            : tableHtmlCells(
                tr.t('web.journey.sessions'),
                [tr.t('web.col.session'), tr.t('web.col.kind'), tr.t('web.col.on')],
                m.sessions.map((s) => [
                  { text: s.sessionId },
                  { text: detailText('', 'kind', s.kind, tr) },
                  { text: tr.date(s.heldOn) },
                ]),
              )),
  )

const hours = (minutes: number, tr: Translator): string =>
  tr.t('web.hours', { hours: tr.number(minutes / 60, 1) })
const euros = (cents: number | null, tr: Translator): string =>
  cents === null ? '–' : tr.number(cents / 100, 2)

const cej = (m: JourneyModel, tr: Translator): string => {
  if (m.cej === null) return ''
  const contracts = m.cej.contracts
    .map(
      (c) =>
        `<h3>${esc(
          tr.t('web.journey.cejContract', {
            from: tr.date(c.enteredOn),
            state:
              c.exitedOn === null
                ? tr.t('web.journey.cejOpen')
                : tr.t('web.journey.cejEnded', { date: tr.date(c.exitedOn) }),
          }),
        )}</h3>${tableHtmlCells(
          tr.t('web.journey.cejWeeks'),
          [
            tr.t('web.col.weekOf'),
            tr.t('web.col.validated'),
            tr.t('web.col.declared'),
            tr.t('web.col.under15h'),
          ],
          c.weeks.map((w) => [
            { text: tr.date(w.monday) },
            { text: hours(w.validatedMinutes, tr), numeric: true },
            { text: hours(w.declaredMinutes, tr), numeric: true },
            {
              text: w.complete
                ? tr.t(w.underTarget ? 'web.yes' : 'web.no')
                : tr.t('web.journey.weekInProgress'),
            },
          ]),
        )}`,
    )
    .join('')
  const allowance =
    m.cej.allowance === null
      ? `<p>${esc(tr.t('web.journey.allowanceWithheld'))}</p>`
      : tableHtmlCells(
          tr.t('web.journey.allowance'),
          [
            tr.t('web.col.month'),
            tr.t('web.col.days'),
            tr.t('web.col.base'),
            tr.t('web.col.sanctions'),
            tr.t('web.col.due'),
          ],
          m.cej.allowance.map((r) => [
            { text: tr.month(r.month) },
            { text: `${r.daysEligible}/${r.daysInMonth}`, numeric: true },
            { text: euros(r.baseCents, tr), numeric: true },
            { text: String(r.sanctions.length), numeric: true },
            { text: euros(r.dueCents, tr), numeric: true },
          ]),
        )
  return section('cej', tr.t('web.journey.cej'), `${contracts}${allowance}`)
}

const timeline = (m: JourneyModel, tr: Translator): string =>
  section(
    'historique',
    tr.t('web.journey.timeline'),
    `<div class="table wrap" role="region" tabindex="0" aria-label="${esc(tr.t('web.journey.timeline'))}">${tableHtmlCells(
      tr.t('web.journey.timeline'),
      [tr.t('web.col.date'), tr.t('web.col.event'), tr.t('web.col.details')],
      m.timeline.map((item) => [
        { text: tr.date(item.on) },
        { text: isKey(`event.${item.type}`) ? tr.t(`event.${item.type}` as MessageKey) : item.type },
        {
          text: Object.entries(item.details)
            .filter(([k, v]) => v !== null && shownField(item.type, k))
            .map(([k, v]) =>
              tr.t('web.labelValue', { label: fieldLabel(k, tr), value: detailText(item.type, k, v, tr) }),
            )
            .join(' · '),
        },
      ]),
    )}</div>`,
  )

/** The journey page. */
export const renderJourneyPage = (m: JourneyModel, ctx: PageContext): string => {
  const tr = translator(ctx.locale)
  const name = m.name.kind === 'named' ? nameText(m.name, tr) : null
  return layout(ctx, {
    title:
      name === null
        ? tr.t('web.journey.title', { youthId: m.youthId })
        : tr.t('web.journey.titleNamed', { name }),
    ...(name === null ? { lead: nameText(m.name, tr) ?? '' } : {}),
    main: [summary(m, tr), actions(m, tr), proposals(m, tr), cej(m, tr), timeline(m, tr)].join('\n'),
  })
}
