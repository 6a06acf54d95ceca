/**
 * The runner's file names, unique in one output directory. Each cell's picture and values files come
 * first, in document order, then the extra pictures of grad cells; a name already taken (compared without
 * case, as macOS and Windows do) gets `~2`, `~3`… before its extension. `~` cannot occur in a cell id, so
 * such a name never takes another cell's: a cell named `summary` keeps the summary, `g-learned` keeps its
 * picture beside grad cell `g`'s learned kernel.
 */
export const SUMMARY_FILE = 'summary.json';

export class OutputNames {
  readonly #taken = new Set<string>([SUMMARY_FILE]);
  readonly #pictures = new Map<string, string>();
  readonly #values = new Map<string, string>();
  readonly #renamed: string[] = [];

  constructor(cellIds: Iterable<string>) {
    const ids = [...cellIds];
    for (const id of ids) this.#pictures.set(id, this.#claim(id, '.png'));
    for (const id of ids) this.#values.set(id, this.#claim(id, '.json'));
  }

  picture(id: string): string {
    return this.#used(this.#pictures.get(id) ?? this.#claim(id, '.png'), `${id}.png`);
  }

  values(id: string): string {
    return this.#used(this.#values.get(id) ?? this.#claim(id, '.json'), `${id}.json`);
  }

  /** `<id>-<suffix><extension>`, or a numbered variant when another cell or file has that name. */
  extra(id: string, suffix: string, extension = '.png'): string {
    return this.#used(this.#claim(`${id}-${suffix}`, extension), `${id}-${suffix}${extension}`);
  }

  /** One line per name handed out that is not the usual one, saying why. */
  get renamed(): readonly string[] {
    return this.#renamed;
  }

  #used(name: string, usual: string): string {
    if (name !== usual) this.#renamed.push(`${name}: written there because ${usual} is another file's name`);
    return name;
  }

  #claim(stem: string, extension: string): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${stem}${extension}` : `${stem}~${n}${extension}`;
      const key = name.toLowerCase();
      if (this.#taken.has(key)) continue;
      this.#taken.add(key);
      return name;
    }
  }
}
