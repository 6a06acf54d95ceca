import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where the runner writes. Any failure to write (the path is a file, a read-only or full disk,
 * /dev/full) becomes an OutputError with one plain line, which the CLI turns into exit code 3, instead
 * of a Node stack trace and the exit code that means "a cell failed".
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

export class OutputDir {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  async create(): Promise<void> {
    try {
      await mkdir(this.path, { recursive: true });
    } catch (error) {
      throw new OutputError(`cannot write to ${this.path}: ${reason(error, this.path)}`);
    }
  }

  async write(name: string, data: Uint8Array | string): Promise<void> {
    const file = join(this.path, name);
    try {
      await writeFile(file, data);
    } catch (error) {
      throw new OutputError(`cannot write ${file}: ${reason(error, file)}`);
    }
  }
}

/** The system's error code in words; the raw text ("ENOSPC: no space left on device, write") is not shown. */
function reason(error: unknown, path: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return `${path} (or a folder above it) is a file, not a directory`;
    case 'EISDIR':
      return `${path} is a directory`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return typeof code === 'string' ? `the system refused (${code})` : 'the system refused';
  }
}
