import type { PlainProblem } from '@convbook/cells';
import { html, type TemplateResult } from 'lit';

/**
 * One problem of a cell's error, inside that cell. The sentence names its subject ("Convolution 'Edges':
 * kernel is 5×2 but …") so it reads on its own in a notice or a log; inside the cell, under the title it
 * repeats, that name is only noise, so it is hidden from sight but kept for screen readers (the box is an
 * alert, announced wherever focus is). The text itself is never reworded here.
 */
export function renderProblem(problem: PlainProblem, cellId: string): TemplateResult {
  const { subject, rest } = splitOwnSubject(problem, cellId);
  return subject === ''
    ? html`<p>${rest}</p>`
    : html`<p><span class="visually-hidden">${subject}</span><span class="message">${rest}</span></p>`;
}

/**
 * The problem's text as the subject naming this cell ("Convolution 'Edges': ") and the rest; the subject
 * is empty when the sentence is about another cell or does not start with its subject.
 */
export function splitOwnSubject(
  problem: PlainProblem,
  cellId: string,
): { readonly subject: string; readonly rest: string } {
  const prefix = `${problem.subject}: `;
  const own =
    problem.cellId === cellId && problem.text.startsWith(prefix) && problem.text.length > prefix.length;
  return own
    ? { subject: prefix, rest: problem.text.slice(prefix.length) }
    : { subject: '', rest: problem.text };
}
