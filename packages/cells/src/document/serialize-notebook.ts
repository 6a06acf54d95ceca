import type { CellSpec, NotebookDocument } from './notebook-document';

/**
 * Writes a document as stable, readable JSON: fixed key order for the document and its cells, two-space
 * indentation, and lists of plain numbers kept on one line so a kernel reads as a grid.
 */
export function serializeNotebook(document: NotebookDocument, cache?: SerializedCells): string {
  if (cache === undefined) {
    const ordered = { ...header(document), cells: document.cells.map(orderCell) };
    return `${write(ordered, '')}\n`;
  }
  // The same text, built from each cell's text: cells are immutable and an edit replaces only the cells it
  // changes, so autosave re-serializes one kernel per weight edit instead of a 32 MB picture.
  const lines = Object.entries(header(document)).map(([k, v]) => `  ${JSON.stringify(k)}: ${write(v, '  ')}`);
  const cells = document.cells.map((cell) => {
    let text = cache.get(cell);
    if (text === undefined) {
      text = write(orderCell(cell), CELL_INDENT);
      cache.set(cell, text);
    }
    return CELL_INDENT + text;
  });
  lines.push(`  "cells": ${cells.length === 0 ? '[]' : `[\n${cells.join(',\n')}\n  ]`}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** Each cell's serialized text, kept by serializeNotebook for as long as the cell object lives. */
export type SerializedCells = WeakMap<CellSpec, string>;

const CELL_INDENT = '    ';

function header(document: NotebookDocument): Record<string, unknown> {
  return { format: document.format, version: document.version, title: document.title };
}

function orderCell(cell: CellSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { id: cell.id, kind: cell.kind };
  if (cell.title !== undefined) out.title = cell.title;
  if (cell.inputs !== undefined) out.inputs = cell.inputs;
  if (cell.params !== undefined) out.params = cell.params;
  return out;
}

function write(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v === 'number'))
      return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + write(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  if (typeof value === 'number') return writeNumber(value);
  return JSON.stringify(value) ?? 'null';
}

/** JSON.stringify writes -0 as 0; "-0" is valid JSON and reads back as -0, so the round trip stays exact. */
function writeNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : JSON.stringify(value);
}
