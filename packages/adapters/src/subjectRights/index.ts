// The subject's rights: the access request (an export of everything held) and rectification.
export * from './exportSubjectData.js'
export * from './rectifyIdentity.js'
