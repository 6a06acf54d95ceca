/**
 * A JSON syntax error in plain words, with where it is. JavaScript engines word these for programmers
 * ("Expected ',' or ']' after array element in JSON at position 45 (line 3 column 3)"), and newer ones
 * give no position for some errors; a notebook's author needs the line, the column and what to look for.
 */
export function describeJsonError(text: string, engineMessage: string): string {
  const position = /position (\d+)/.exec(engineMessage);
  const offset =
    position === null ? (offsetOfToken(text, engineMessage) ?? firstBadOffset(text)) : Number(position[1]);
  const where = offset === undefined ? '' : ` at ${lineAndColumn(text, offset)}`;
  return `not valid JSON${where}: ${plainReason(engineMessage, text, offset)}`;
}

function plainReason(message: string, text: string, offset: number | undefined): string {
  if (/unexpected end|unterminated string/i.test(message) || offset === text.length) {
    return 'the text ends too early (a closing bracket, brace or quote is missing, or the file is cut off)';
  }
  const expected = /Expected (.+?) (?:after|in JSON)/.exec(message)?.[1];
  const found = offset === undefined ? undefined : text[offset];
  const shown = found === undefined ? '' : ` but found ${quote(found)}`;
  if (expected !== undefined) return `expected ${expected.replace(/'/g, '"')}${shown}`;
  return found === undefined ? 'something is out of place' : `${quote(found)} is out of place here`;
}

function quote(character: string): string {
  if (character === '\n') return 'a line break';
  if (character === '"') return 'a quote mark';
  return `"${character}"`;
}

/**
 * V8 without a position: `Unexpected token 'x', "…{"a": x}…" is not valid JSON`. The quoted excerpt
 * (with "..." where it is cut) is found in the text, and the token's last occurrence in it before the
 * end is where parsing stopped.
 */
function offsetOfToken(text: string, message: string): number | undefined {
  const match = /^Unexpected token '(.)', "(?:\.\.\.)?([\s\S]*?)(?:\.\.\.)?" is not valid JSON/.exec(message);
  if (match === null) return undefined;
  const [, token = '', excerpt = ''] = match;
  const at = text.indexOf(excerpt);
  if (at < 0) return undefined;
  let inString = false;
  for (let i = 0; i < excerpt.length; i++) {
    const c = excerpt[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === token) return at + i;
    else if (c === '"') inString = true;
  }
  return undefined;
}

/**
 * Where parsing fails, found by a small scanner: used only when the engine's message has no position.
 * Tracks strings and the bracket stack well enough to point at a stray comma, bracket or character.
 */
function firstBadOffset(text: string): number | undefined {
  const closers: string[] = [];
  let previous = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (/\s/.test(c)) continue;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return text.length;
      i = j;
      previous = '"';
      continue;
    }
    if (c === '{' || c === '[') closers.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (closers.pop() !== c || previous === ',') return i;
    }
    previous = c;
  }
  return closers.length > 0 ? text.length : undefined;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}
