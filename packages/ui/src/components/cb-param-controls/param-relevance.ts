/**
 * Parameters that only matter under another parameter's setting, hidden otherwise so a student is not
 * invited to tune a knob that does nothing: the leak only acts in leaky-relu, a target class only in
 * cross-entropy. A parameter that is set anyway stays visible, so the cell's complaint about it has a
 * control to fix it with.
 */
export function appliesNow(kind: string, name: string, params: Readonly<Record<string, unknown>>): boolean {
  if (params[name] !== undefined) return true;
  if (kind === 'conv' && name === 'alpha') return params.activation === 'leaky-relu';
  if (kind === 'loss' && name === 'targetClass') return params.loss !== undefined && params.loss !== 'mse';
  return true;
}
