import { left, type Either } from 'fp-ts/lib/Either.js'
import { translator } from '../../i18n/index.js'
import {
  targetIndicators,
  targetRules,
  targetsFromObject,
  targetsToObject,
  type TargetError,
  type Targets,
} from '../../report/targets.js'
import { attrs, esc, href } from './html.js'
import { csrfInput, layout } from './layout.js'
import type { PageContext } from './pageContext.js'
import { pagePaths } from './pagePaths.js'

// ---------------------------------------------------------------------------------------------
// the targets a manager sets for their mission locale: one field per indicator (rates in
// percent), checked as a targets file is, shown again with the error beside its field
// ---------------------------------------------------------------------------------------------

/** What the targets page shows: the values (set or sent), the error, whether they were just saved. */
export interface TargetsModel {
  readonly missionLocaleId: string
  readonly values: Readonly<Record<string, string>>
  readonly error?: TargetError
  readonly saved?: boolean
}

/** The form's values for targets already set (rates in percent). */
export const targetsFormValues = (targets: Targets): Readonly<Record<string, string>> =>
  Object.fromEntries(Object.entries(targetsToObject(targets)).map(([k, v]) => [k, String(v)]))

/** Targets from the form's fields: an empty field sets none; a decimal comma is read as a point. */
export const targetsFromForm = (values: Readonly<Record<string, string>>): Either<TargetError, Targets> => {
  const numbers: Record<string, number> = {}
  for (const indicator of targetIndicators) {
    const raw = (values[indicator] ?? '').trim().replace(',', '.')
    if (raw === '') continue
    const n = Number(raw)
    if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(n))
      return left({ indicator, message: `"${indicator}" must be a number ≥ 0` })
    numbers[indicator] = n
  }
  return targetsFromObject(numbers)
}

/** The targets page (the manager's). */
export const renderTargetsPage = (m: TargetsModel, ctx: PageContext): string => {
  const tr = translator(ctx.locale)
  const fields = targetIndicators
    .map((indicator) => {
      const rule = targetRules[indicator]
      const id = `t-${indicator}`
      const error = m.error?.indicator === indicator ? m.error : undefined
      const label = tr.t('web.targets.field', {
        indicator: tr.t(rule.label),
        direction: tr.t(`web.targets.direction.${rule.direction}`),
        unit: tr.t(`web.targets.unit.${rule.unit}`),
      })
      return `<div class="field${error === undefined ? '' : ' invalid'}"><label for="${id}">${esc(label)}</label>${
        error === undefined
          ? ''
          : `<span class="field-error" id="${id}-error">${esc(tr.t('web.form.invalid'))} <span lang="en">${esc(tr.t('web.form.detail', { detail: error.message }))}</span></span>`
      }<input${attrs({
        type: 'text',
        inputmode: 'decimal',
        id,
        name: indicator,
        value: m.values[indicator] ?? '',
        'aria-invalid': error === undefined ? undefined : 'true',
        'aria-describedby': error === undefined ? undefined : `${id}-error`,
      })}></div>`
    })
    .join('\n')
  const status =
    m.saved === true ? `<div class="notice" role="status"><p>${esc(tr.t('web.targets.saved'))}</p></div>` : ''
  const alert =
    m.error === undefined
      ? ''
      : `<div class="alert" role="alert"><p><a href="#t-${esc(m.error.indicator)}">${esc(tr.t('web.form.invalid'))}</a></p></div>`
  const scope = { missionLocale: m.missionLocaleId }
  return layout(ctx, {
    title: tr.t('web.targets.title', { missionLocale: m.missionLocaleId }),
    lead: tr.t('web.targets.intro'),
    main: `${status}${alert}<form class="targets" method="post" action="${esc(href(pagePaths.targets, scope))}" novalidate>
${csrfInput(ctx)}
${fields}
<button type="submit" class="primary">${esc(tr.t('web.form.submit'))}</button>
</form>
<p><a href="${esc(href(pagePaths.dashboard, scope))}">${esc(tr.t('web.targets.back'))}</a></p>`,
  })
}
