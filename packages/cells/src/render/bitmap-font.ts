/**
 * A 5×7 bitmap font: digits, capital letters and the few signs numbers need. Used twice — to draw legend
 * numbers on rendered maps, and to draw letter/digit sample images — so both stay free of any DOM canvas.
 * Each glyph is 7 rows of 5 characters, '#' for ink.
 */
export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;

const glyphRows: Readonly<Record<string, string>> = {
  '0': '.###.#...##..###.#.###..##...#.###.',
  '1': '..#...##....#....#....#....#...###.',
  '2': '.###.#...#....#...#...#...#...#####',
  '3': '#####...#...#.....#.....##...#.###.',
  '4': '...#...##..#.#.#..#.#####...#....#.',
  '5': '######....####.....#....##...#.###.',
  '6': '..##..#...#....####.#...##...#.###.',
  '7': '#####....#...#...#...#....#....#...',
  '8': '.###.#...##...#.###.#...##...#.###.',
  '9': '.###.#...##...#.####....#...#..##..',
  A: '.###.#...##...#######...##...##...#',
  B: '####.#...##...#####.#...##...#####.',
  C: '.###.#...##....#....#....#...#.###.',
  D: '###..#..#.#...##...##...##..#.###..',
  E: '######....#....####.#....#....#####',
  F: '######....#....####.#....#....#....',
  G: '.###.#...##....#.####...##...#.####',
  H: '#...##...##...#######...##...##...#',
  I: '.###...#....#....#....#....#...###.',
  J: '..###...#....#....#....#.#..#..##..',
  K: '#...##..#.#.#..##...#.#..#..#.#...#',
  L: '#....#....#....#....#....#....#####',
  M: '#...###.###.#.##...##...##...##...#',
  N: '#...##...###..##.#.##..###...##...#',
  O: '.###.#...##...##...##...##...#.###.',
  P: '####.#...##...#####.#....#....#....',
  Q: '.###.#...##...##...##.#.##..#..##.#',
  R: '####.#...##...#####.#.#..#..#.#...#',
  S: '.#####....#.....###.....#....#####.',
  T: '#####..#....#....#....#....#....#..',
  U: '#...##...##...##...##...##...#.###.',
  V: '#...##...##...##...##...#.#.#...#..',
  W: '#...##...##...##.#.##.#.##.#.#.#.#.',
  X: '#...##...#.#.#...#...#.#.#...##...#',
  Y: '#...##...#.#.#...#....#....#....#..',
  Z: '#####....#...#...#...#...#....#####',
  '-': '..........#####....................',
  '+': '.......#....#..#####..#....#.......',
  '.': '..........................##...##..',
  ' ': '...................................',
};

/** Whether the glyph for `char` has ink at (row, col); unknown characters (and lower case) map sensibly. */
export function glyphPixel(char: string, row: number, col: number): boolean {
  const rows = glyphRows[char] ?? glyphRows[char.toUpperCase()] ?? glyphRows[' '];
  return rows?.[row * GLYPH_WIDTH + col] === '#';
}

/** Width in pixels of `text` drawn at `scale`, with one blank column between glyphs. */
export function textWidth(text: string, scale: number): number {
  return text.length === 0 ? 0 : (text.length * (GLYPH_WIDTH + 1) - 1) * scale;
}

/** Calls `ink(x, y)` for every inked pixel of `text` drawn at (left, top), each font pixel a scale×scale block. */
export function drawText(
  text: string,
  left: number,
  top: number,
  scale: number,
  ink: (x: number, y: number) => void,
): void {
  for (const [index, char] of [...text].entries()) {
    const glyphLeft = left + index * (GLYPH_WIDTH + 1) * scale;
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        if (!glyphPixel(char, row, col)) continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) ink(glyphLeft + col * scale + dx, top + row * scale + dy);
        }
      }
    }
  }
}
