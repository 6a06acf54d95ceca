import { createParallelConv, ready } from '@convbook/core';
import { createNodeWorkerPool } from '@convbook/core/node';
import { Notebook, parseNotebook, findCellKind } from '../src/index';
import { networkNotebook, NETWORK_EDITED_KERNEL } from '../../../scripts/bench-network';

await ready();
const parallel = process.env.ONE === '1' ? undefined : createParallelConv(() => createNodeWorkerPool(2));
const noReuse = (name: string) => { const k = findCellKind(name); return k && { ...k, compute: (i: any, p: any, c: any) => k.compute(i, p, { cellId: c.cellId, signal: c.signal, progress: c.progress, graph: c.graph, parallel: c.parallel }) }; };
const nb = Notebook.fromDocument(parseNotebook(networkNotebook()), { parallel, ...(process.env.NOREUSE === '1' ? { findKind: noReuse as any } : {}) });
await nb.whenIdle();
const ids = ['conv1', 'pool1', 'conv2', 'pool2'];
const rows: number[][] = [];
for (let i = 0; i < 12; i++) {
  const params = nb.document.cells.find((c) => c.id === NETWORK_EDITED_KERNEL)!.params as { values: number[][][][] };
  const values = structuredClone(params.values);
  values[1]![0]![0]![0] = (i % 2) ? 0.1 : 0.2;
  const t = performance.now();
  nb.setParams(NETWORK_EDITED_KERNEL, { values });
  await nb.whenIdle();
  const wall = performance.now() - t;
  const ms = ids.map((id) => { const s = nb.states().get(id); return s?.status === 'ok' ? s.ms : -1; });
  rows.push([wall, ...ms]);
  console.log('wall', wall.toFixed(1), ids.map((id, k) => `${id} ${ms[k]!.toFixed(1)}`).join('  '));
}
const med = (k: number) => { const v = rows.slice(2).map((r) => r[k]!).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]!.toFixed(1); };
console.log('median wall', med(0), ids.map((id, k) => `${id} ${med(k + 1)}`).join('  '));
nb.dispose();
await parallel?.close();
