import { describe, expect, it } from 'vitest';
import { main, parseArgs } from './main';

describe('parseArgs', () => {
  it('reads the notebook, --out and --values in any order', () => {
    expect(parseArgs(['run', '--values', 'a.json', '--out', 'dir'])).toEqual({
      command: 'run',
      notebook: 'a.json',
      out: 'dir',
      values: true,
    });
  });

  it('asks for help when given nothing or --help', () => {
    expect(parseArgs([])).toEqual({ command: 'help' });
    expect(parseArgs(['run', 'x.json', '--help'])).toEqual({ command: 'help' });
  });

  it('explains what is wrong with a bad command line', () => {
    expect(parseArgs(['build'])).toEqual({ command: 'invalid', message: 'unknown command "build"' });
    expect(parseArgs(['run'])).toEqual({ command: 'invalid', message: 'run needs a notebook file' });
    expect(parseArgs(['run', 'a', '--out'])).toEqual({
      command: 'invalid',
      message: '--out needs a directory',
    });
    expect(parseArgs(['run', 'a', '--threads', '1'])).toMatchObject({ command: 'run', threads: 1 });
    expect(parseArgs(['run', 'a', '--threads', '3'])).toEqual({
      command: 'invalid',
      message: '--threads needs 1 or 2',
    });
    expect(parseArgs(['run', 'a', '--fast'])).toEqual({
      command: 'invalid',
      message: 'unknown option "--fast"',
    });
  });
});

describe('main', () => {
  it('exits 2 and names the file when the notebook cannot be read', async () => {
    const errors: string[] = [];
    const code = await main(['run', 'missing.json'], {
      cwd: '/nonexistent',
      stdout: () => {},
      stderr: (l) => errors.push(l),
    });
    expect(code).toBe(2);
    expect(errors[0]).toContain('convbook: cannot read /nonexistent/missing.json');
  });

  it('prints usage with exit 0 for --help', async () => {
    const out: string[] = [];
    expect(await main(['--help'], { cwd: '/', stdout: (l) => out.push(l), stderr: () => {} })).toBe(0);
    expect(out[0]).toMatch(/^Usage: convbook run <notebook.json>/);
  });
});
