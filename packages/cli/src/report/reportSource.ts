import { basename } from 'node:path'
import type { StoreSpec } from '../store/storeSpec.js'
import type { ReportSource } from './reportModel.js'

/** What the report says of its store: the kind and a neutral name — a file's name, a server's host. */
export const reportSourceOf = (spec: StoreSpec): ReportSource => {
  switch (spec.kind) {
    case 'memory':
      return { kind: 'memory' }
    case 'sqlite':
      return { kind: 'sqlite', name: basename(spec.path) }
    case 'esdb': {
      // esdb://user:password@host:2113?tls=false, or a list of hosts: keep the first host only
      const host = /^[a-z+]+:\/\/(?:[^@/]*@)?([^,/?]+)/i.exec(spec.connectionString)?.[1]
      return { kind: 'esdb', name: host ?? 'EventStoreDB' }
    }
  }
}
