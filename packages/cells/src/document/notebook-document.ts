/**
 * The notebook file format, version 1:
 * `{ "format": "convbook", "version": 1, "title": "...", "cells": [{ "id", "kind", "title"?, "inputs"?, "params"? }] }`.
 * `inputs` maps a named slot to another cell's id; `params` are the cell's settings as written (defaults are
 * not filled in, so a saved file stays as small as the author made it). Array order is reading order; the
 * runtime works out compute order from `inputs`.
 */
export const NOTEBOOK_FORMAT = 'convbook';
export const NOTEBOOK_VERSION = 1;

export interface CellSpec {
  readonly id: string;
  readonly kind: string;
  readonly title?: string;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface NotebookDocument {
  readonly format: typeof NOTEBOOK_FORMAT;
  readonly version: typeof NOTEBOOK_VERSION;
  readonly title: string;
  readonly cells: readonly CellSpec[];
}
