import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
const path = process.argv[2]
rmSync(path, { force: true }); rmSync(path + '-wal', { force: true }); rmSync(path + '-shm', { force: true })
const db = new Database(path)
db.pragma('journal_mode = WAL'); db.pragma(process.argv[3] ?? 'synchronous = NORMAL')
db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, v TEXT)')
const ins = db.prepare('INSERT INTO t (s, v) VALUES (?, ?)')
const tx = db.transaction((i) => ins.run('s' + i, 'x'.repeat(300)))
for (const mode of ['deferred', 'immediate']) {
  const t = performance.now(); const c0 = process.cpuUsage()
  for (let i = 0; i < 5000; i++) tx[mode](i)
  const s = (performance.now() - t) / 1000; const cu = process.cpuUsage(c0)
  console.log(mode, Math.round(5000 / s), 'tx/s wall', 'cpu user', cu.user / 1e6, 'sys', cu.system / 1e6)
}
