// Retention of personal data: when a journey's personal data must be erased (pure rules).
export * from './retentionRules.js'
export * from './retentionDueOn.js'
