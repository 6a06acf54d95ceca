import { MAX_NOTE_LENGTH } from '../document/limits';
import { describe, str, withDefault } from '../document/param-schema';
import { defineKindSchema } from './kind-schema';

/** Prose between the computations: markdown the UI renders as text (never raw HTML). */
export const noteSchema = defineKindSchema({
  kind: 'note',
  label: 'Note',
  description: 'Markdown text that explains the cells around it.',
  inputs: {},
  params: {
    markdown: withDefault(describe(str(MAX_NOTE_LENGTH), 'Text', 'Markdown source.'), ''),
  },
  output: 'note',
  defaults: { markdown: 'Write what this part of the notebook shows.' },
});
