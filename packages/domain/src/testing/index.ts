// @parcours/domain/testing: given/when/then for the decider and fast-check arbitraries.
export {}
