// @parcours/projections: read models, worklists and the projection runner.
export {}
