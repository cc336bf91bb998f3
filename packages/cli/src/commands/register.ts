import { usageError } from '../cli/errors.js'
import { parseDate, parseId, parseText } from '../cli/parse.js'
import type { CommandModule } from './commandModule.js'
import { sendJourneyCommand, withJourneyOptionsOnRequired } from './journey/index.js'

/** `parcours register`: the first reception; identity and birth date are sealed in the vault. */
export const register: CommandModule['register'] = (command, ctx) =>
  withJourneyOptionsOnRequired(command)
    .requiredOption('--counsellor <id>', 'the counsellor référent', parseId)
    .requiredOption(
      '--birth-date <date>',
      'birth date (YYYY-MM-DD; sealed, only the age reaches the journey)',
      parseDate,
    )
    .option('--rqth', 'recognised disability (RQTH): eligible for the CEJ up to 29')
    .option('--first-name <name>', 'first name (sealed in the vault)', parseText)
    .option('--last-name <name>', 'last name (sealed in the vault)', parseText)
    .action(async (o, cmd) => {
      if ((o.firstName === undefined) !== (o.lastName === undefined))
        throw usageError('--first-name and --last-name go together: give both or neither.')
      const identity = {
        birthDate: o.birthDate,
        ...(o.firstName === undefined ? {} : { firstName: o.firstName }),
        ...(o.lastName === undefined ? {} : { lastName: o.lastName }),
      }
      await sendJourneyCommand(
        ctx,
        cmd,
        o,
        {
          type: 'RegisterYouth',
          counsellorId: o.counsellor,
          birthDate: o.birthDate,
          rqth: o.rqth === true,
          personalData: null,
        },
        identity,
      )
    })
