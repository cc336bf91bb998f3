import type { Translator } from '../../i18n/index.js'
import type { YouthName } from '../../store/youthNames.js'
import { esc } from './html.js'
import { pagePaths } from './pagePaths.js'

/** A young person's name in words, or why there is none. */
export const nameText = (name: YouthName | undefined, tr: Translator): string | null => {
  switch (name?.kind) {
    case 'named':
      return `${name.firstName} ${name.lastName}`.trim()
    case 'erased':
      return tr.t('web.youth.erased')
    case 'withheld':
      return tr.t('web.youth.withheld')
    case 'none':
      return tr.t('web.youth.noName')
    default:
      return null
  }
}

/** A link to a young person's journey: the name when opened, and the pseudonymous id. */
export const youthLink = (youthId: string, name: YouthName | undefined, tr: Translator): string => {
  const link = `<a href="${esc(pagePaths.journey(youthId))}">${esc(name?.kind === 'named' ? (nameText(name, tr) ?? youthId) : youthId)}</a>`
  const after =
    name === undefined
      ? ''
      : name.kind === 'named'
        ? ` (${esc(youthId)})`
        : ` (${esc(nameText(name, tr) ?? '')})`
  return `${link}${after}`
}
