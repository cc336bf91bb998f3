export { catalogue, french, type MessageKey, type Messages } from './catalogue.js'
export { defaultLocale, intlTag, isLocale, locales, type Locale } from './locale.js'
export {
  placeholdersOf,
  type Area,
  type Message,
  type ParamsOf,
  type Plural,
  type Translation,
} from './message.js'
export { translator, type Translator } from './translator.js'
