import { formSpecs, type FormError, type FormName } from '../../web/pages/index.js'
import type { CommandInput, CommandOutcome } from '../journeyCommand.js'

// ---------------------------------------------------------------------------------------------
// a posted journey form as a command input (field names are the codec's; `personal.*` goes to
// the vault), and a refusal as the form's error
// ---------------------------------------------------------------------------------------------

/** The posted form's text fields. */
export type FormValues = Readonly<Record<string, string>>

/** The fields only the form machinery reads. */
const MACHINERY = new Set(['_csrf', 'commandId', 'type'])

/** The command a form sends: the spec's type, its fields typed by their kind; `youthId` apart. */
export const commandInputOfForm = (
  form: FormName,
  values: FormValues,
): { readonly youthId: string; readonly input: CommandInput } => {
  const spec = formSpecs[form]
  const kinds = new Map(spec.fields.map((f) => [f.name, f.kind]))
  const command: Record<string, unknown> = { type: spec.command }
  const personal: Record<string, string> = {}
  for (const [name, value] of Object.entries(values)) {
    if (MACHINERY.has(name) || name === 'youthId') continue
    const kind = kinds.get(name)
    if (name.startsWith('personal.')) {
      if (value !== '') personal[name.slice('personal.'.length)] = value
    } else if (kind === 'checkbox' || kind === 'yes-no') command[name] = value === 'true'
    else if (value !== '' || kind === undefined) command[name] = value
  }
  // An unticked checkbox posts nothing: it says no.
  for (const f of spec.fields)
    if (f.kind === 'checkbox' && values[f.name] === undefined) command[f.name] = false
  return {
    youthId: values['youthId'] ?? '',
    input: {
      commandId: values['commandId'] ?? '',
      command,
      ...(Object.keys(personal).length === 0 ? {} : { personal }),
    },
  }
}

/** A refusal as the form shows it; undefined for a success or a failure of the store (an error page). */
export const formErrorOf = (o: CommandOutcome): FormError | undefined => {
  switch (o._tag) {
    case 'InvalidInput':
      return { kind: 'field', field: o.field, message: o.message }
    case 'AccessDenied':
      return { kind: 'access', rule: o.rule, message: o.message }
    case 'Refused':
      return { kind: 'rule', rule: o.rule, message: o.message }
    case 'Conflict':
      return { kind: 'conflict', message: o.message }
    default:
      return undefined
  }
}

/** The status a refused form is answered with (the API's for the same refusal). */
export const formStatusOf = (o: CommandOutcome): 400 | 403 | 409 | 422 | 503 =>
  o._tag === 'InvalidInput'
    ? 400
    : o._tag === 'AccessDenied'
      ? 403
      : o._tag === 'Conflict'
        ? 409
        : o._tag === 'Refused'
          ? 422
          : 503
