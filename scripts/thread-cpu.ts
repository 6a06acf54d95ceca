// CPU time per thread of Chromium's renderer processes, read from /proc (Linux only), for
// scripts/bench-browser.ts: what one edit costs each thread, next to how long it takes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Per renderer thread ("pid:tid"), its name and the CPU time it has used so far, in ms. */
export type ThreadCpu = ReadonlyMap<string, { readonly name: string; readonly ms: number }>;

const TICKS_PER_SECOND = 100; // USER_HZ: /proc reports utime and stime in these on every Linux

/** Every renderer thread's CPU time so far, or undefined where /proc or pgrep is missing. */
export function rendererThreadCpu(): ThreadCpu | undefined {
  if (!existsSync('/proc/self/task')) return undefined;
  let pids: string[];
  try {
    pids = execFileSync('pgrep', ['-f', '--', '--type=renderer']).toString().trim().split('\n');
  } catch {
    return undefined;
  }
  const threads = new Map<string, { name: string; ms: number }>();
  for (const pid of pids) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // pgrep's own process, gone by now
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
        threads.set(`${pid}:${tid}`, { name, ms: (ticks * 1000) / TICKS_PER_SECOND });
      } catch {
        // the thread ended between the listing and the read
      }
    }
  }
  return threads;
}

/**
 * CPU ms per edit between two readings, by role: the page's main thread (its tid is the process id), the
 * dedicated workers in the order they started (the notebook worker first, then the conv workers it
 * spawns), and every other renderer thread together (compositor, raster, IO).
 */
export function cpuPerEdit(before: ThreadCpu, after: ThreadCpu, edits: number): [string, number][] {
  const used = (key: string) => ((after.get(key)?.ms ?? 0) - (before.get(key)?.ms ?? 0)) / edits;
  const workers = [...after.keys()]
    .filter((key) => after.get(key)?.name.startsWith('DedicatedWorker'))
    .sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]));
  const mains = [...after.keys()].filter((key) => key.split(':')[0] === key.split(':')[1]);
  const rows: [string, number][] = [['page main thread', mains.reduce((sum, key) => sum + used(key), 0)]];
  workers.forEach((key, index) => {
    rows.push([index === 0 ? 'notebook worker' : `conv worker ${index}`, used(key)]);
  });
  const named = new Set([...mains, ...workers]);
  const others = [...after.keys()].filter((key) => !named.has(key));
  rows.push(['other renderer threads', others.reduce((sum, key) => sum + used(key), 0)]);
  return rows;
}
