#!/usr/bin/env node
// The parcours command.
export {}
