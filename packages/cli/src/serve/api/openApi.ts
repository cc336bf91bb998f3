import { journeyCommandTypes, OUTREACH_STATUSES } from '@parcours/domain'

// ---------------------------------------------------------------------------------------------
// the OpenAPI 3.1 description of the JSON API, served at /api/openapi.json; a test checks it
// against the app (every route described, every described route served, answers valid)
// ---------------------------------------------------------------------------------------------

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: object) => ({ 'application/json': { schema } })
const answer = (description: string, schema: object) => ({ description, content: json(schema) })
const problemAnswer = (description: string) => answer(description, ref('Problem'))

// The answers every authenticated route can give.
const authenticated = {
  '401': problemAnswer('Nobody is authenticated: log in (POST /api/session) or send a partner token'),
  '403': problemAnswer(
    'The access policy refused the actor: names the actor and the rule (or a CSRF failure)',
  ),
}
const badInput = { '400': problemAnswer('A parameter is wrong: names the field') }
const query = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
})
const youthId = {
  name: 'youthId',
  in: 'path',
  required: true,
  description: 'the young person (pseudonymous id)',
  schema: { type: 'string' },
}

const str = { type: 'string' }
const strArray = { type: 'array', items: str }
const int = { type: 'integer' }
const outreachStatuses = [...OUTREACH_STATUSES]
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }

/** The schemas of the API's bodies. */
const schemas = {
  Problem: {
    type: 'object',
    required: ['status', 'error', 'message'],
    additionalProperties: false,
    properties: {
      status: int,
      error: { type: 'string', description: 'stable: InvalidInput, AccessDenied, RuleRefused, Conflict, …' },
      message: { type: 'string', description: 'one sentence for a person' },
      field: { type: 'string', description: 'the first wrong field (400)' },
      rule: { type: 'string', description: 'the access rule (403) or the journey rule (422) that refused' },
      actor: { type: 'string', description: 'the actor refused (403)' },
      retryAfterSeconds: { type: 'integer', description: 'also in the Retry-After header (409, 429)' },
    },
  },
  Actor: {
    type: 'object',
    required: ['kind', 'id'],
    properties: {
      kind: { enum: ['counsellor', 'manager', 'statistician', 'partner', 'operator'] },
      id: str,
      missionLocaleId: str,
    },
  },
  Credentials: {
    type: 'object',
    required: ['login', 'password'],
    properties: { login: str, password: str },
  },
  Session: {
    type: 'object',
    required: ['actor', 'csrfToken'],
    additionalProperties: false,
    properties: {
      actor: ref('Actor'),
      csrfToken: { type: 'string', description: 'send it as X-CSRF-Token' },
    },
  },
  Me: {
    type: 'object',
    required: ['actor', 'csrfToken'],
    additionalProperties: false,
    properties: { actor: ref('Actor'), csrfToken: { type: ['string', 'null'] } },
  },
  CommandRequest: {
    type: 'object',
    required: ['command'],
    properties: {
      commandId: { type: 'string', description: 'makes a retry idempotent (generated when absent)' },
      command: {
        type: 'object',
        required: ['type', 'missionLocaleId', 'on'],
        description: "the command's fields, as the domain's codecs name them; youthId comes from the path",
        properties: {
          type: { enum: journeyCommandTypes },
          missionLocaleId: str,
          on: { type: 'string', format: 'date' },
        },
      },
      personal: {
        type: 'object',
        description:
          'personal fields (names, birthDate, comment…): sealed in the vault, never stored in clear',
        additionalProperties: { type: 'string' },
      },
    },
  },
  CommandResult: {
    type: 'object',
    required: ['_tag', 'commandId', 'streamName', 'replayed', 'events'],
    additionalProperties: false,
    properties: {
      _tag: { const: 'Handled' },
      commandId: str,
      streamName: str,
      replayed: { type: 'boolean', description: 'the command id was handled before: nothing new written' },
      events: {
        type: 'array',
        items: {
          type: 'object',
          required: ['revision', 'type'],
          additionalProperties: false,
          properties: { revision: int, type: str },
        },
      },
    },
  },
  Journey: {
    type: 'object',
    required: ['youthId', 'missionLocaleId', 'erased', 'identity', 'items'],
    additionalProperties: false,
    properties: {
      youthId: str,
      missionLocaleId: str,
      erased: { type: 'boolean' },
      identity: {
        type: ['object', 'string', 'null'],
        description: 'opened when the actor may see it (recorded in the access log)',
      },
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['revision', 'on', 'type', 'missionLocaleId', 'details'],
          properties: {
            revision: int,
            on: str,
            type: str,
            missionLocaleId: str,
            details: { type: 'object' },
          },
        },
      },
    },
  },
  Worklist: {
    type: 'object',
    required: [
      'missionLocaleId',
      'counsellorId',
      'asOf',
      'overdueFollowUps',
      'followUpsDueSoon',
      'reminders',
      'proposalsPastRespondBy',
      'programmesEnding',
      'ageLimitsNear',
      'cejWeeks',
    ],
    properties: {
      missionLocaleId: str,
      counsellorId: str,
      asOf: str,
      overdueFollowUps: { type: 'array', items: { type: 'object' } },
      followUpsDueSoon: { type: 'array', items: { type: 'object' } },
      reminders: { type: 'array', items: { type: 'object' } },
      proposalsPastRespondBy: { type: 'array', items: { type: 'object' } },
      programmesEnding: { type: 'array', items: { type: 'object' } },
      ageLimitsNear: { type: 'array', items: { type: 'object' } },
      cejWeeks: { type: 'array', items: { type: 'object' } },
      partnerOffersWithdrawn: {
        type: 'array',
        description: 'open proposals of France Travail offers withdrawn upstream',
        items: {
          type: 'object',
          required: ['youthId', 'proposalId', 'offerId', 'theme', 'withdrawnOn'],
          properties: { youthId: str, proposalId: str, offerId: str, theme: str, withdrawnOn: str },
        },
      },
      outreach: {
        type: 'array',
        description: "the mission locale's open outreach cases (empty when the actor may not list them)",
        items: ref('OutreachEntry'),
      },
    },
  },
  OutreachEntry: {
    type: 'object',
    required: ['caseId', 'status', 'openedOn', 'lastOn', 'ageDays'],
    additionalProperties: false,
    description: 'an open outreach case, pseudonymous: no name or contact',
    properties: {
      caseId: str,
      status: { enum: outreachStatuses },
      openedOn: day,
      lastOn: day,
      ageDays: int,
    },
  },
  Outreach: {
    type: 'object',
    required: ['missionLocaleId', 'detail'],
    additionalProperties: false,
    properties: {
      missionLocaleId: { type: ['string', 'null'], description: 'null: national counts' },
      detail: { enum: ['cases', 'counts'] },
      asOf: day,
      cases: { type: 'array', items: ref('OutreachEntry'), description: 'detail=cases' },
      counts: {
        type: 'object',
        description: 'detail=counts: open cases per status, closed ones per reason',
        required: ['open', 'registered', 'closedByRetention'],
        additionalProperties: false,
        properties: {
          open: {
            type: 'object',
            required: outreachStatuses,
            additionalProperties: false,
            properties: Object.fromEntries(outreachStatuses.map((x) => [x, int])),
          },
          registered: int,
          closedByRetention: int,
        },
      },
    },
  },
  OutreachStatusRequest: {
    type: 'object',
    required: ['status'],
    properties: {
      status: { enum: outreachStatuses.filter((x) => x !== 'not-contacted') },
      on: { ...day, description: 'the day of the attempt (default: today)' },
      counsellor: {
        type: 'string',
        description: 'who made the attempt (default: the counsellor sending it)',
      },
      commandId: { type: 'string', description: 'makes a retry idempotent (generated when absent)' },
    },
  },
  Offer: {
    type: 'object',
    required: ['id', 'title', 'contractType', 'place', 'createdAt', 'withdrawnAt'],
    properties: {
      id: str,
      title: str,
      description: str,
      createdAt: str,
      contractType: { type: 'string', description: 'CDI, CDD, MIS… as France Travail codes it' },
      workingTime: { type: ['string', 'null'] },
      place: str,
      postalCode: { type: ['string', 'null'] },
      commune: { type: ['string', 'null'] },
      romeCode: { type: ['string', 'null'] },
      employer: { type: ['string', 'null'] },
      apprenticeship: { type: 'boolean' },
      withdrawnAt: { type: ['string', 'null'], description: 'when a sync found it gone (null: open)' },
    },
  },
  OfferCatalogue: {
    type: 'object',
    required: ['open', 'withdrawn'],
    additionalProperties: false,
    properties: {
      open: { type: 'array', items: ref('Offer') },
      withdrawn: { type: 'array', items: ref('Offer') },
    },
  },
  Caseload: {
    type: 'object',
    required: ['missionLocaleId', 'counsellorId', 'journeys'],
    additionalProperties: false,
    properties: {
      missionLocaleId: str,
      counsellorId: str,
      journeys: {
        type: 'array',
        items: {
          type: 'object',
          required: ['youthId', 'open', 'programme'],
          additionalProperties: false,
          properties: { youthId: str, open: { type: 'boolean' }, programme: { type: ['string', 'null'] } },
        },
      },
    },
  },
  Dashboard: {
    type: 'object',
    required: ['missionLocaleId', 'from', 'to', 'months', 'totals', 'missionLocales'],
    additionalProperties: false,
    properties: {
      missionLocaleId: { type: ['string', 'null'] },
      from: { type: ['string', 'null'] },
      to: { type: ['string', 'null'] },
      months: { type: 'array', items: { type: 'object', required: ['month'], properties: { month: str } } },
      totals: { type: 'object' },
      missionLocales: {
        type: 'array',
        items: { type: 'object', required: ['missionLocaleId', 'months', 'totals', 'caseload'] },
      },
    },
  },
  Catalogues: {
    type: 'object',
    required: ['commandTypes', 'themes', 'proposalOutcomes', 'sessionOutcomes', 'trainingCatalogue'],
    additionalProperties: false,
    properties: {
      commandTypes: strArray,
      themes: strArray,
      proposalOutcomes: strArray,
      sessionOutcomes: strArray,
      trainingCatalogue: { ...strArray, description: 'the kinds GET /api/catalogues/trainings/{kind} takes' },
    },
  },
  TrainingRecords: {
    type: 'object',
    required: ['kind', 'records'],
    additionalProperties: false,
    properties: {
      kind: str,
      records: { type: 'array', items: { type: 'object', required: ['kind', 'id'] } },
    },
  },
  FeedPage: {
    type: 'object',
    required: ['notices', 'last', 'head', 'cursor'],
    additionalProperties: false,
    properties: { notices: { type: 'array', items: { type: 'object' } }, last: int, head: int, cursor: int },
  },
  AckResult: {
    type: 'object',
    required: ['partnerId', 'cursor', 'head', 'previous'],
    properties: { partnerId: str, cursor: int, head: int, previous: int },
  },
} as const

// The pages: HTML for people (plain forms, no script), described so that every route is.
const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
})
const seeOther = { '303': { description: 'Post/redirect/get: where to go next' } }
const page = (summary: string, extra: object = {}) => ({
  tags: ['pages'],
  summary,
  responses: {
    '200': html('The page'),
    ...seeOther,
    '403': html('Refused: the rule, in the page'),
    ...extra,
  },
})
const form = (summary: string) => ({
  tags: ['pages'],
  summary,
  requestBody: {
    required: true,
    content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } },
  },
  responses: {
    ...seeOther,
    '400': html('A field is wrong: the form again, the field marked'),
    '403': html('Refused by the access policy or the CSRF check'),
    '409': html('The journey kept changing: the form again, to send once more'),
    '422': html('A journey rule refused: the form again, the rule in place'),
  },
})
const youthPath = [youthId]
const pagePathsDoc = {
  '/': {
    get: { tags: ['pages'], summary: "The reader's home (a redirect)", security: [], responses: seeOther },
  },
  '/favicon.ico': {
    get: {
      tags: ['pages'],
      summary: 'No icon',
      security: [],
      responses: { '204': { description: 'Nothing' } },
    },
  },
  '/assets/app.css': {
    get: {
      tags: ['pages'],
      summary: 'The stylesheet',
      security: [],
      responses: { '200': { description: 'CSS', content: { 'text/css': { schema: { type: 'string' } } } } },
    },
  },
  '/locale': {
    get: {
      tags: ['pages'],
      summary: 'Switch the language (lang=fr|en, back=path)',
      security: [],
      responses: seeOther,
    },
  },
  '/login': {
    get: { ...page('The sign-in page'), security: [] },
    post: {
      ...form('Sign in (login, password, _csrf)'),
      security: [],
      responses: {
        ...seeOther,
        '401': html('Login or password wrong'),
        '403': html('The sign-in form expired'),
        '429': html('Too many failed sign-ins'),
      },
    },
  },
  '/logout': { post: { tags: ['pages'], summary: 'Sign out', responses: seeOther } },
  '/worklist': { get: page("The counsellor's worklist (at=YYYY-MM-DD)") },
  '/journeys/new': { get: page('The registration form'), post: form('Register a young person') },
  '/journeys/{youthId}': { get: { ...page('A journey'), parameters: youthPath } },
  ...Object.fromEntries(
    ['offer', 'appointment', 'attendance', 'outcome'].map((f) => [
      `/journeys/{youthId}/${f}`,
      {
        get: { ...page(`The ${f} form`), parameters: youthPath },
        post: { ...form(`Send the ${f} form`), parameters: youthPath },
      },
    ]),
  ),
  '/dashboard': { get: page('The steering dashboard (missionLocale, from, to, month, at)') },
  '/dashboard.csv': {
    get: {
      tags: ['pages'],
      summary: 'The dashboard as CSV (excel=1: ";", BOM, decimal comma)',
      responses: {
        '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
        ...seeOther,
      },
    },
  },
  '/dashboard/targets': { get: page("The manager's targets"), post: form('Set the targets') },
}

/** The OpenAPI 3.1 document of the API. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Parcours local web module',
    version: '0.1.0',
    description:
      'The JSON API of `parcours serve`. Every call acts for an authenticated actor: a cookie session (POST /api/session; then send the csrfToken as X-CSRF-Token on every POST and DELETE), a partner app’s bearer token, or the identity a trusted reverse proxy asserts. Errors are a Problem naming the field (400), the access rule (403), or the journey rule (422).',
  },
  servers: [{ url: '/' }],
  components: {
    schemas,
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: 'parcours_session' },
      partnerToken: { type: 'http', scheme: 'bearer' },
    },
  },
  security: [{ session: [] }, { partnerToken: [] }],
  paths: {
    ...pagePathsDoc,
    '/api/openapi.json': {
      get: {
        summary: 'This description',
        security: [],
        responses: { '200': { description: 'The OpenAPI document', content: json({ type: 'object' }) } },
      },
    },
    '/api/session': {
      post: {
        summary: 'Log in with a local account',
        security: [],
        requestBody: { required: true, content: json(ref('Credentials')) },
        responses: {
          '201': answer('Logged in: the session cookie is set (HttpOnly, SameSite=Strict)', ref('Session')),
          ...badInput,
          '401': problemAnswer('Login or password wrong (the same answer for both)'),
          '429': problemAnswer(
            'Too many failed logins for the login or from the address; Retry-After says when',
          ),
        },
      },
      delete: {
        summary: 'Log out',
        responses: { '204': { description: 'The session is ended' }, '403': authenticated['403'] },
      },
    },
    '/api/me': {
      get: {
        summary: 'Who the request acts for',
        responses: { '200': answer('The actor', ref('Me')), '401': authenticated['401'] },
      },
    },
    '/api/journeys/{youthId}/commands': {
      post: {
        summary: 'Send a journey command',
        parameters: [youthId],
        requestBody: { required: true, content: json(ref('CommandRequest')) },
        responses: {
          '201': answer(
            'Handled: the events written (none again for a replayed command id)',
            ref('CommandResult'),
          ),
          ...badInput,
          ...authenticated,
          '409': problemAnswer(
            'The journey kept changing: send the same command again after Retry-After seconds',
          ),
          '422': problemAnswer('A journey rule refused the command: names the rule'),
          '503': problemAnswer('The store, the vault or the access log failed; nothing was written'),
        },
      },
    },
    '/api/journeys/{youthId}': {
      get: {
        summary: "A journey's timeline, its identity opened when the actor may (recorded in the access log)",
        parameters: [youthId],
        responses: {
          '200': answer('The journey', ref('Journey')),
          ...badInput,
          ...authenticated,
          '404': problemAnswer('No such journey'),
        },
      },
    },
    '/api/worklist': {
      get: {
        summary: "A counsellor's worklist (default: the actor's own)",
        parameters: [
          query('counsellor', 'the counsellor (default: the actor)'),
          query('missionLocale', "the mission locale (default: the actor's)"),
          query('at', 'as of this date (default: today)', { type: 'string', format: 'date' }),
        ],
        responses: { '200': answer('The worklist', ref('Worklist')), ...badInput, ...authenticated },
      },
    },
    '/api/caseload': {
      get: {
        summary: 'The journeys a counsellor follows (default: the actor)',
        parameters: [query('counsellor', 'the counsellor'), query('missionLocale', 'the mission locale')],
        responses: { '200': answer('The caseload', ref('Caseload')), ...badInput, ...authenticated },
      },
    },
    '/api/dashboard': {
      get: {
        summary:
          "The steering dashboard: a mission locale's (default: the actor's), or national for a statistician",
        parameters: [
          query('missionLocale', 'one mission locale'),
          query('from', 'first month YYYY-MM'),
          query('to', 'last month YYYY-MM'),
        ],
        responses: { '200': answer('The dashboard', ref('Dashboard')), ...badInput, ...authenticated },
      },
    },
    '/api/catalogues': {
      get: {
        summary: 'The vocabularies forms are built from',
        responses: { '200': answer('The catalogues', ref('Catalogues')), '401': authenticated['401'] },
      },
    },
    '/api/catalogues/offers': {
      get: {
        summary: "France Travail's job offers in the offer catalogue, open and withdrawn",
        responses: {
          '200': answer('The offers', ref('OfferCatalogue')),
          '401': authenticated['401'],
          '503': problemAnswer('The offer catalogue is unavailable'),
        },
      },
    },
    '/api/outreach': {
      get: {
        summary:
          "A mission locale's outreach cases (school dropout lists, pseudonymous), or the counts by status (a statistician's, national without missionLocale)",
        parameters: [
          query('missionLocale', "the mission locale (default: the actor's)"),
          query('detail', 'cases (default) or counts', { enum: ['cases', 'counts'] }),
          query('at', 'as of this date (default: today)', { type: 'string', format: 'date' }),
        ],
        responses: { '200': answer('The cases or counts', ref('Outreach')), ...badInput, ...authenticated },
      },
    },
    '/api/outreach/{caseId}/status': {
      post: {
        summary: 'Record where the outreach of a case stands (as parcours outreach status)',
        parameters: [
          {
            name: 'caseId',
            in: 'path',
            required: true,
            description: 'the outreach case (oc-…)',
            schema: { type: 'string' },
          },
        ],
        requestBody: { required: true, content: json(ref('OutreachStatusRequest')) },
        responses: {
          '201': answer('Recorded (nothing new for a replayed command id)', ref('CommandResult')),
          ...badInput,
          ...authenticated,
          '409': problemAnswer(
            'The case kept changing: send the same command again after Retry-After seconds',
          ),
          '422': problemAnswer("A case's rule refused (no such case, closed, dated before its latest fact)"),
          '503': problemAnswer('The outreach store failed; nothing was written'),
        },
      },
    },
    '/api/catalogues/trainings/{kind}': {
      get: {
        summary: 'The training catalogue (LHEO imports) of a kind',
        parameters: [
          {
            name: 'kind',
            in: 'path',
            required: true,
            schema: { enum: ['organisme', 'formation', 'action', 'session'] },
          },
        ],
        responses: {
          '200': answer('The records', ref('TrainingRecords')),
          ...badInput,
          '401': authenticated['401'],
        },
      },
    },
    '/api/partner-feed': {
      get: {
        summary: "The partner app's page of notices (its convention filters them)",
        security: [{ partnerToken: [] }],
        parameters: [
          query('after', 'the position to read after (default: the cursor)', int),
          query('limit', 'at most this many', int),
        ],
        responses: {
          '200': answer('A page', ref('FeedPage')),
          ...badInput,
          ...authenticated,
          '404': problemAnswer('No partners file was given'),
        },
      },
    },
    '/api/partner-feed/ack': {
      post: {
        summary: 'Acknowledge every notice up to a position',
        security: [{ partnerToken: [] }],
        requestBody: {
          required: true,
          content: json({ type: 'object', required: ['position'], properties: { position: int } }),
        },
        responses: {
          '200': answer('The cursor moved', ref('AckResult')),
          ...badInput,
          ...authenticated,
          '404': problemAnswer('No partners file was given'),
        },
      },
    },
  },
} as const
