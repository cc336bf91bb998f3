import { french, translator, type MessageKey, type Translator } from '../../i18n/index.js'
import { choicesOf, formSpecs, type FieldSpec, type FormName, type JourneyChoices } from './formSpecs.js'
import { attrs, esc } from './html.js'
import { csrfInput, layout } from './layout.js'
import type { PageContext } from './pageContext.js'
import { pagePaths } from './pagePaths.js'

// ---------------------------------------------------------------------------------------------
// a journey form: plain HTML, posted without JavaScript. Shown again after a refusal with the
// values sent: a field's error beside the field (aria-describedby), a rule's refusal in place
// of the form's head (role=alert).
// ---------------------------------------------------------------------------------------------

/** Why a form was refused: a field (400), a rule of the journey (422), access (403), a conflict (409). */
export interface FormError {
  readonly kind: 'field' | 'rule' | 'access' | 'conflict'
  readonly field?: string
  readonly rule?: string
  readonly message: string
}

/** What a form is drawn from: the journey (none for a registration), the values, the error. */
export interface FormModel {
  readonly youthId?: string
  readonly missionLocaleId: string
  /** The values to show: a blank form's defaults (and its fresh `commandId`), or those sent. */
  readonly values: Readonly<Record<string, string>>
  readonly error?: FormError
  readonly choices?: JourneyChoices
}

const isKey = (s: string): s is MessageKey => s in french

const idOf = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`

const fieldHtml = (f: FieldSpec, model: FormModel, tr: Translator): string => {
  const id = idOf(f.name)
  const value = model.values[f.name] ?? ''
  const error = model.error?.kind === 'field' && model.error.field === f.name ? model.error : undefined
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const hint =
    f.kind === 'date' ? `<span class="hint" id="${hintId}">${esc(tr.t('web.form.dateHint'))}</span>` : ''
  const errorHtml =
    error === undefined
      ? ''
      : `<span class="field-error" id="${errorId}">${esc(tr.t('web.form.invalid'))} <span lang="en">${esc(tr.t('web.form.detail', { detail: error.message }))}</span></span>`
  const describedBy = [hint === '' ? null : hintId, error === undefined ? null : errorId]
    .filter((x) => x !== null)
    .join(' ')
  const common = {
    id,
    name: f.name,
    required: f.required,
    'aria-invalid': error === undefined ? undefined : 'true',
    'aria-describedby': describedBy === '' ? undefined : describedBy,
  }
  const required = f.required ? ` <span class="required">(${esc(tr.t('web.form.required'))})</span>` : ''
  const label = `<label for="${id}">${esc(tr.t(f.label))}${required}</label>`
  const cls = `field${error === undefined ? '' : ' invalid'}`
  switch (f.kind) {
    case 'text':
    case 'date':
      return `<div class="${cls}">${label}${hint}${errorHtml}<input${attrs({ type: f.kind, ...common, value, autocomplete: f.autocomplete })}></div>`
    case 'textarea':
      return `<div class="${cls}">${label}${errorHtml}<textarea${attrs(common)} rows="4">${esc(value)}</textarea></div>`
    case 'select': {
      const options = choicesOf(f.choices ?? 'themes', model.choices ?? {}, tr)
        .map(
          (c) => `<option${attrs({ value: c.value, selected: c.value === value })}>${esc(c.label)}</option>`,
        )
        .join('')
      return `<div class="${cls}">${label}${errorHtml}<select${attrs(common)}><option value="">${esc(tr.t('web.form.choose'))}</option>${options}</select></div>`
    }
    case 'checkbox':
      return `<div class="${cls}">${errorHtml}<input${attrs({ type: 'checkbox', ...common, required: false, value: 'true', checked: value === 'true' })}> ${label}</div>`
    case 'yes-no': {
      const radio = (v: 'true' | 'false') =>
        `<input${attrs({ type: 'radio', id: `${id}-${v}`, name: f.name, value: v, checked: value === v, required: f.required, 'aria-describedby': error === undefined ? undefined : errorId })}> <label for="${id}-${v}">${esc(tr.t(`web.field.present.${v}`))}</label>`
      return `<fieldset class="${cls}"><legend>${esc(tr.t(f.label))}${required}</legend>${errorHtml}${radio('true')}${radio('false')}</fieldset>`
    }
  }
}

const alertHtml = (model: FormModel, tr: Translator, fields: ReadonlyArray<FieldSpec>): string => {
  const e = model.error
  if (e === undefined) return ''
  const detail = `<p lang="en">${esc(tr.t('web.form.detail', { detail: e.message }))}</p>`
  switch (e.kind) {
    case 'field': {
      const f = fields.find((x) => x.name === e.field)
      // the field shows its own message; the summary links to it (or says it all when no field matches)
      return f === undefined
        ? `<div class="alert" role="alert"><p>${esc(tr.t('web.form.invalid'))}</p>${detail}</div>`
        : `<div class="alert" role="alert"><p>${tr.t('web.labelValue', { label: `<a href="#${idOf(f.name)}">${esc(tr.t(f.label))}</a>`, value: esc(tr.t('web.form.invalid')) })}</p></div>`
    }
    case 'rule': {
      const said = `rule.${e.rule ?? ''}`
      const sentence = isKey(said) ? `<p>${esc(tr.t(said))}</p>` : ''
      return `<div class="alert" role="alert">${sentence}<p>${esc(tr.t('web.form.refused', { rule: e.rule ?? '' }))}</p>${detail}</div>`
    }
    case 'access':
      return `<div class="alert" role="alert"><p>${esc(tr.t('web.form.accessDenied'))}</p>${detail}</div>`
    case 'conflict':
      return `<div class="alert" role="alert"><p>${esc(tr.t('web.form.conflict'))}</p></div>`
  }
}

/** A journey form as a whole page (`register` for a first reception, else a form of one journey). */
export const renderCommandForm = (form: FormName, model: FormModel, ctx: PageContext): string => {
  const tr = translator(ctx.locale)
  const spec = formSpecs[form]
  const action =
    form === 'register' || model.youthId === undefined
      ? pagePaths.register
      : pagePaths.journeyForm(model.youthId, form)
  const back =
    model.youthId === undefined || form === 'register'
      ? `<a href="${pagePaths.worklist}">${esc(tr.t('web.form.backToWorklist'))}</a>`
      : `<a href="${pagePaths.journey(model.youthId)}">${esc(tr.t('web.form.back'))}</a>`
  const hidden = [
    csrfInput(ctx),
    `<input type="hidden" name="type" value="${esc(spec.command)}">`,
    `<input type="hidden" name="missionLocaleId" value="${esc(model.missionLocaleId)}">`,
    `<input type="hidden" name="commandId" value="${esc(model.values['commandId'] ?? '')}">`,
  ].join('\n')
  return layout(ctx, {
    title: tr.t(spec.title),
    ...(model.youthId === undefined || form === 'register'
      ? {}
      : { lead: tr.t('web.form.forYouth', { youthId: model.youthId }) }),
    main: `${alertHtml(model, tr, spec.fields)}<form class="command" method="post" action="${esc(action)}" novalidate>
${hidden}
<p>${esc(tr.t('web.form.intro'))}</p>
${spec.fields.map((f) => fieldHtml(f, model, tr)).join('\n')}
<button type="submit" class="primary">${esc(tr.t('web.form.submit'))}</button>
</form>
<p>${back}</p>`,
  })
}
