#!/usr/bin/env node
// The parcours command: the only place that exits the process.
import { run } from './main.js'

process.exit(await run(process.argv.slice(2)))
