import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** One line about where the numbers come from: CPU, cores, memory, Node, date, load. */
export function describeMachine(): string {
  const model = cpuModel();
  const cores = availableParallelism();
  const memoryGiB = (totalmem() / 2 ** 30).toFixed(1);
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16);
  // The load average says how much of the machine other processes held when the run started.
  const load = loadavg()[0]?.toFixed(2) ?? '?';
  return `${model}, ${cores} cores available, ${memoryGiB} GiB RAM, Node ${process.version}, ${date} UTC, load average ${load} at start`;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line !== undefined) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}
