// @parcours/cli
export {}
