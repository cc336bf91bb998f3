import {
  appointmentKinds,
  recordableProposalOutcomes,
  themes,
  type JourneyCommandType,
} from '@parcours/domain'
import { french, type MessageKey, type Translator } from '../../i18n/index.js'
import type { JourneyForm } from './pagePaths.js'

// ---------------------------------------------------------------------------------------------
// model: the journey forms as data — each field named as the command's codec names it
// (`personal.*` for what the vault seals), so the server decodes a form like an API call
// ---------------------------------------------------------------------------------------------

/** A form of the counsellor's pages. */
export type FormName = 'register' | JourneyForm

/** Where a field's options come from: a vocabulary, or the journey (its open proposals, its sessions). */
export type ChoiceSource =
  'themes' | 'appointmentKinds' | 'outcomes' | 'proposals' | 'sessions' | 'partnerOffers'

/** How a field is drawn. `checkbox` posts `true` when ticked; `yes-no` is two radios posting `true`/`false`. */
export type FieldKind = 'text' | 'date' | 'select' | 'checkbox' | 'yes-no' | 'textarea'

/** One field of a form. */
export interface FieldSpec {
  readonly name: string
  readonly label: MessageKey
  readonly kind: FieldKind
  readonly required: boolean
  readonly choices?: ChoiceSource
  readonly autocomplete?: string
}

/** One form: the command it sends, its title, its fields in order. */
export interface FormSpec {
  readonly name: FormName
  readonly command: JourneyCommandType
  readonly title: MessageKey
  readonly fields: ReadonlyArray<FieldSpec>
}

const on: FieldSpec = { name: 'on', label: 'web.field.on', kind: 'date', required: true }

/** Every form, by name. */
export const formSpecs: { readonly [F in FormName]: FormSpec } = {
  register: {
    name: 'register',
    command: 'RegisterYouth',
    title: 'web.form.register.title',
    fields: [
      { name: 'youthId', label: 'web.field.youthId', kind: 'text', required: true },
      on,
      { name: 'counsellorId', label: 'web.field.counsellorId', kind: 'text', required: true },
      {
        name: 'personal.firstName',
        label: 'web.field.firstName',
        kind: 'text',
        required: false,
        autocomplete: 'off',
      },
      {
        name: 'personal.lastName',
        label: 'web.field.lastName',
        kind: 'text',
        required: false,
        autocomplete: 'off',
      },
      { name: 'birthDate', label: 'web.field.birthDate', kind: 'date', required: true },
      { name: 'rqth', label: 'web.field.rqth', kind: 'checkbox', required: false },
    ],
  },
  offer: {
    name: 'offer',
    command: 'OfferProposal',
    title: 'web.form.offer.title',
    fields: [
      { name: 'proposalId', label: 'web.field.proposalId', kind: 'text', required: true },
      on,
      { name: 'theme', label: 'web.field.theme', kind: 'select', required: true, choices: 'themes' },
      { name: 'respondBy', label: 'web.field.respondBy', kind: 'date', required: true },
      {
        name: 'partnerOffer',
        label: 'web.field.partnerOffer',
        kind: 'select',
        required: false,
        choices: 'partnerOffers',
      },
    ],
  },
  appointment: {
    name: 'appointment',
    command: 'ScheduleFollowUp',
    title: 'web.form.appointment.title',
    fields: [
      { name: 'followUpId', label: 'web.field.followUpId', kind: 'text', required: true },
      on,
      { name: 'dueOn', label: 'web.field.dueOn', kind: 'date', required: true },
      { name: 'kind', label: 'web.field.kind', kind: 'select', required: true, choices: 'appointmentKinds' },
    ],
  },
  attendance: {
    name: 'attendance',
    command: 'RecordSessionAttendance',
    title: 'web.form.attendance.title',
    fields: [
      {
        name: 'sessionId',
        label: 'web.field.sessionId',
        kind: 'select',
        required: true,
        choices: 'sessions',
      },
      on,
      { name: 'present', label: 'web.field.present', kind: 'yes-no', required: true },
    ],
  },
  outcome: {
    name: 'outcome',
    command: 'RecordProposalOutcome',
    title: 'web.form.outcome.title',
    fields: [
      {
        name: 'proposalId',
        label: 'web.field.proposalId',
        kind: 'select',
        required: true,
        choices: 'proposals',
      },
      on,
      { name: 'outcome', label: 'web.field.outcome', kind: 'select', required: true, choices: 'outcomes' },
    ],
  },
}

/** A choice of a select: the value posted and its label. */
export interface Choice {
  readonly value: string
  readonly label: string
}

/** A proposal still waiting for its outcome. */
export interface OpenProposal {
  readonly proposalId: string
  readonly theme: string
  readonly offeredOn: string
  readonly respondBy: string
  readonly status: 'offered' | 'accepted'
}

/** A collective session the young person is registered to, attendance not recorded yet. */
export interface OpenSession {
  readonly sessionId: string
  readonly kind: string
  readonly heldOn: string
}

/** An open France Travail offer of the offer catalogue, as a proposal may link to it. */
export interface OpenPartnerOffer {
  readonly id: string
  readonly title: string
  readonly contractType: string
  readonly place: string
}

/** The journey's own choices: its open proposals and sessions; and the open partner offers. */
export interface JourneyChoices {
  readonly proposals?: ReadonlyArray<OpenProposal>
  readonly sessions?: ReadonlyArray<OpenSession>
  readonly partnerOffers?: ReadonlyArray<OpenPartnerOffer>
}

const label = (tr: Translator, key: string): string => (key in french ? tr.t(key as MessageKey) : key)

/** The options of a field, in the reader's language. */
export const choicesOf = (
  source: ChoiceSource,
  journey: JourneyChoices,
  tr: Translator,
): ReadonlyArray<Choice> => {
  switch (source) {
    case 'themes':
      return themes.map((t) => ({ value: t, label: tr.t(`theme.${t}`) }))
    case 'appointmentKinds':
      return appointmentKinds.map((k) => ({ value: k, label: tr.t(`web.appointment.${k}`) }))
    case 'outcomes':
      return recordableProposalOutcomes.map((o) => ({ value: o, label: tr.t(`outcome.${o}`) }))
    case 'proposals':
      return (journey.proposals ?? []).map((p) => ({
        value: p.proposalId,
        label: `${p.proposalId} — ${label(tr, `theme.${p.theme}`)} (${tr.date(p.offeredOn)})`,
      }))
    case 'sessions':
      return (journey.sessions ?? []).map((x) => ({
        value: x.sessionId,
        label: `${x.sessionId} — ${label(tr, `web.appointment.${x.kind}`)} (${tr.date(x.heldOn)})`,
      }))
    case 'partnerOffers':
      return (journey.partnerOffers ?? []).map((o) => ({
        value: o.id,
        label: `${o.id} — ${o.title} (${o.contractType}, ${o.place})`,
      }))
  }
}
