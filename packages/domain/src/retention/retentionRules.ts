// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** How long a young person's personal data is kept (décret 2015-59 on i-milo). */
export interface RetentionRules {
  /** Years after the age limit (the 26th birthday). */
  readonly yearsAfterAgeLimit: number
  /** Years after the end of a CEJ. */
  readonly yearsAfterCejEnd: number
}

/** The regulated durations: age limit + 2 years, CEJ end + 10 years. */
export const defaultRetentionRules: RetentionRules = { yearsAfterAgeLimit: 2, yearsAfterCejEnd: 10 }
