import { withCompute } from './kind-compute';
import { noteSchema } from './note-schema';

/** Runs note cells (the schema, note-schema.ts, is what the page reads). */
export const noteCell = withCompute(noteSchema, {
  compute: (_inputs, { markdown }) => ({ type: 'note', markdown }),
});
