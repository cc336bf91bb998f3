import type { CommandEntry } from './commandModule.js'

export type { CommandEntry, CommandModule, ParcoursCommand } from './commandModule.js'

// The index lists every command; a run loads only the file of the command it names.
/** Every command of `parcours`, in the order `--help` lists them. */
export const commandIndex: ReadonlyArray<CommandEntry> = [
  {
    name: 'demo',
    summary:
      'Simulate a network of missions locales, project it, print the dashboard and write the HTML report',
    load: () => import('./demo.js'),
  },
  {
    name: 'register',
    summary: 'Register a young person (identity sealed in the vault)',
    load: () => import('./register.js'),
  },
  { name: 'assign', summary: 'Assign another counsellor', load: () => import('./assign.js') },
  {
    name: 'transfer',
    summary: 'Transfer the journey to another mission locale',
    load: () => import('./transfer.js'),
  },
  { name: 'request', summary: 'Record what the young person asks for', load: () => import('./request.js') },
  { name: 'diagnostic', summary: 'Complete the diagnostic', load: () => import('./diagnostic.js') },
  {
    name: 'programme',
    summary: 'Enter, extend or exit PACEA or CEJ; start or end a PACEA phase',
    load: () => import('./programme.js'),
  },
  { name: 'offer', summary: 'Offer a proposal', load: () => import('./offer.js') },
  {
    name: 'accept',
    summary: 'Record that the young person accepted a proposal',
    load: () => import('./accept.js'),
  },
  { name: 'outcome', summary: "Record a proposal's outcome", load: () => import('./outcome.js') },
  {
    name: 'training',
    summary: 'Start or end a training',
    load: () => import('./training.js'),
  },
  {
    name: 'employment',
    summary: 'Start or end an employment',
    load: () => import('./employment.js'),
  },
  {
    name: 'situation',
    summary: 'Start or end an immersion, volunteering or schooling; renew an immersion',
    load: () => import('./situation.js'),
  },
  {
    name: 'follow-up',
    summary: 'Schedule, reschedule, keep, miss or cancel a follow-up',
    load: () => import('./followUp.js'),
  },
  {
    name: 'cej',
    summary: 'CEJ engagement: declare hours, set the allowance, breaches, hearings, sanctions, the statement',
    load: () => import('./cej.js'),
  },
  { name: 'close', summary: 'Close the journey (sortie)', load: () => import('./close.js') },
  { name: 'reopen', summary: 'Reopen a closed journey', load: () => import('./reopen.js') },
  {
    name: 'tick',
    summary: 'Apply the time-driven rules to every open journey',
    load: () => import('./tick.js'),
  },
  { name: 'show', summary: "Print a young person's journey timeline", load: () => import('./show.js') },
  { name: 'alerts', summary: "Print a counsellor's worklist", load: () => import('./alerts.js') },
  {
    name: 'report',
    summary: 'Print the steering dashboard (table, JSON, CSV or HTML)',
    load: () => import('./report.js'),
  },
  {
    name: 'access-request',
    summary: 'Export everything held about one young person, decrypted, for their access request (managers)',
    load: () => import('./accessRequest.js'),
  },
  {
    name: 'access-log',
    summary:
      "List who opened identities and comments of a mission locale's journeys (managers); prune it (operators)",
    load: () => import('./accessLog.js'),
  },
  {
    name: 'outreach',
    summary: "Outreach cases from the school dropout lists: list them, record a case's status",
    load: () => import('./outreach.js'),
  },
  {
    name: 'partners',
    summary:
      'Flows with the partners: the feed partner apps poll, the outbound files (DARES, ASP, France Travail), training and dropout lists',
    load: () => import('./partners.js'),
  },
  {
    name: 'serve',
    summary: 'The local web module: the JSON API and the pages, on 127.0.0.1; its local accounts',
    load: () => import('./serve.js'),
  },
  {
    name: 'project',
    summary: 'Bring the read models up to date (--follow to stay live)',
    load: () => import('./project.js'),
  },
  {
    name: 'rebuild',
    summary: 'Rebuild every read model from the first event',
    load: () => import('./rebuild.js'),
  },
  {
    name: 'migrate',
    summary: 'Bring a SQLite store written by an older version forward (seal what it held in clear)',
    load: () => import('./migrate.js'),
  },
  {
    name: 'verify',
    summary: 'Decode every stored event and list the bad ones',
    load: () => import('./verify.js'),
  },
  {
    name: 'rectify',
    summary: "Correct a young person's identity (names, contact), sealed in the vault",
    load: () => import('./rectify.js'),
  },
  {
    name: 'erase',
    summary: "Erase a young person's personal data (crypto-shredding)",
    load: () => import('./erase.js'),
  },
  {
    name: 'retention',
    summary: 'Erase the personal data of everyone past their retention date',
    load: () => import('./retention.js'),
  },
  {
    name: 'completion',
    summary: 'Print the shell completion script (bash or zsh)',
    readsEveryCommand: true,
    load: () => import('./completion.js'),
  },
  // The former names: they still work, say on stderr what replaces them, and are not listed.
  {
    name: 'start-training',
    summary: 'Record a training start',
    replacedBy: 'training start',
    load: () => import('./startTraining.js'),
  },
  {
    name: 'end-training',
    summary: 'Record a training end',
    replacedBy: 'training end',
    load: () => import('./endTraining.js'),
  },
  {
    name: 'start-employment',
    summary: 'Record an employment start',
    replacedBy: 'employment start',
    load: () => import('./startEmployment.js'),
  },
  {
    name: 'end-employment',
    summary: 'Record an employment end',
    replacedBy: 'employment end',
    load: () => import('./endEmployment.js'),
  },
]
