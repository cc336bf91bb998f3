// @parcours/adapters: event stores, command handling, the personal-data vault.
export {}
