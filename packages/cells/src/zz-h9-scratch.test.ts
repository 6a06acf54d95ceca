import fc from 'fast-check';
import { it } from 'vitest';
import { exampleNotebooks } from './testing/arbitraries';
import { loadOrRefuse } from './testing/load-outcome';
import { applyMutations, mutation } from './testing/notebook-mutations';
import { serializeNotebook } from './document/serialize-notebook';
const ex = exampleNotebooks();
it('repro', () => {
  const value = ex.find((e) => e.name === 'lecture.json')!.value;
  const ms = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 4 }), { seed: -1896782437, path: '2023', numRuns: 1 });
  // console.log(JSON.stringify(ms).length);
  for (const m of ms) {
    console.log(m.map((x) => `${x.op} ${'at' in x ? JSON.stringify(x.at) : ''} ${'key' in x ? x.key : ''} ${'value' in x ? (Array.isArray(x.value) ? `array ${x.value.length}` : typeof x.value) : ''}`));
    const mutated = applyMutations(value, m);
    try {
      const o = loadOrRefuse(mutated);
      console.log('value', o.status);
      if (o.status === 'loaded') serializeNotebook(o.document);
      const t = JSON.stringify(mutated);
      console.log('len', t?.length);
      loadOrRefuse(t ?? 'undefined');
    } catch (e) { console.log((e as Error).stack?.slice(0, 1500)); }
  }
});
