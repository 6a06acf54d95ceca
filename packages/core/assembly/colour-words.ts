// Feature maps as pixels: per-plane ranges, and values → RGBA words with the gray and the diverging colour
// maps. The formulas are those of @convbook/cells (render/colormap.ts), computed in double precision step
// for step (both estimated in single precision first, where that provably gives the same colour), so every
// word is the one the reference gives (packages/ui/src/paint tests check each pixel).
// Words are little-endian RGBA (red in the low byte): WASM memory is little-endian on every host.
// The single-precision loops run in blocks of 64 values with no branch and no double-precision code in
// them (its registers crowded the loop: 2 ns a pixel, against 0.65 now); a block with an unsure group is
// gone over again after it, and only its unsure groups are redone.

/** Values per block of the single-precision loops: a block with an unsure group is checked again. */
const BLOCK = 64;

/** Where the block from `start` ends: a block on, or at the last whole group of four. */
function blockEnd(start: i32, groups: i32): i32 {
  return min<i32>(start + BLOCK, groups);
}

/** Lanes where y (≥ 0) lies within `near` of a half level, where its rounding could tip. */
function nearHalf(y: v128, near: v128): v128 {
  return f32x4.le(f32x4.abs(f32x4.sub(f32x4.sub(y, f32x4.floor(y)), f32x4.splat(0.5))), near);
}

/**
 * f32x4.nearest(y) as i32 lanes, for 0 ≤ y ≤ 255 (a level): y + 1.5 · 2²³ has an ulp of 1, so the add
 * rounds y to the nearest whole number, ties to even as f32x4.nearest, and leaves it in the low bits. Two
 * instructions where nearest and a saturating conversion take several.
 */
function levelOf(y: v128): v128 {
  return i32x4.sub(f32x4.add(y, f32x4.splat(12582912)), i32x4.splat(0x4b400000));
}

/** Math.round for 0 ≤ y < 2^52, exactly: ceil, then down by one when y is below the half. */
// biome-ignore lint/complexity/noStaticOnlyClass: v128 helpers cannot be exported functions (see activation.ts)
class Round {
  static halfUp(y: v128): v128 {
    const up = f64x2.ceil(y);
    const below = f64x2.gt(f64x2.sub(up, f64x2.splat(0.5)), y);
    return f64x2.sub(up, v128.and(below, f64x2.splat(1)));
  }

  /** Two f64x2 of whole numbers 0–255 → four i32 lanes, low pair first. */
  static toInts(low: v128, high: v128): v128 {
    return v128.shuffle<i32>(
      i32x4.trunc_sat_f64x2_s_zero(low),
      i32x4.trunc_sat_f64x2_s_zero(high),
      0,
      1,
      4,
      5,
    );
  }
}

/**
 * Math.max(lowest, Math.min(highest, t)) for t not NaN (NaN lanes are replaced afterwards): pmin and pmax
 * (one instruction each, where min and max are a sequence for NaN and ±0) with the bounds first, so a −0
 * comes out as Math.max gives it (Math.max(0, −0) is +0; Math.max(−1, −0) is −0).
 */
// biome-ignore lint/complexity/noStaticOnlyClass: see above
class Clamp {
  static unit(t: v128, lowest: v128, highest: v128): v128 {
    return f64x2.pmax(lowest, f64x2.pmin(highest, t));
  }
}

/** The four floats at `at` as two f64x2: lanes 0–1, then lanes 2–3. */
// biome-ignore lint/complexity/noStaticOnlyClass: see above
class Widen {
  static low(v: v128): v128 {
    return f64x2.promote_low_f32x4(v);
  }

  static high(v: v128): v128 {
    return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  }
}

/**
 * Gray: level = round(255 · clamp((v − min) / span, 0, 1)), word = level in red, green and blue, opaque;
 * NaN → nanWord. The caller keeps to span > 0 and finite (the flat and infinite scales stay in JS).
 *
 * Four values at a time in single precision first (no division; twice the lanes of double), exactly:
 * the estimate y' of y = 255 · (v − min) / span is within `margin` of the double-precision y, so its level
 * is y's unless y' lies within `margin` of a half level, where the rounding could tip. Such a group of four
 * (rare: a fraction ~2 · margin of values) is redone in double precision, as is every group when the
 * scale makes the margin wide (a narrow range far from 0) or lies outside single precision.
 * The bound: m' = f32(min) is off by |min| · 2⁻²⁴, each of the three f32 steps (v − m', f32(255 / span),
 * the product) adds 2⁻²⁴ relative, so for the values that matter (|y| ≤ 256; clamping cannot widen a gap)
 * |y' − y| ≤ (255 / span) · |min| · 2⁻²⁴ · 1.01 + 256 · 3.01 · 2⁻²⁴; `margin` doubles the first term and
 * rounds the second up to 2⁻¹⁴.
 */
export function grayWords(src: usize, dst: usize, count: i32, min: f64, span: f64, nanWord: u32): void {
  const perUnit = 255 / span;
  const margin = perUnit * Math.abs(min) * 0.00000011920928955078125 + 0.00006103515625; // 2⁻²³, 2⁻¹⁴
  const single = margin <= 0.0625 && Math.abs(min) < 1e37 && perUnit < 1e37 && perUnit > 1e-37;
  let k = 0;
  if (single) {
    const low = f32x4.splat(<f32>min);
    const scale = f32x4.splat(<f32>perUnit);
    const near = f32x4.splat(<f32>margin);
    const nan = i32x4.splat(nanWord);
    const groups = count & ~3;
    for (; k < groups; k += BLOCK) {
      const end = blockEnd(k, groups);
      // The estimate for a block, with no branch (and the double-precision code out of the loop, where
      // its registers do not crowd this one's); then the block's unsure groups, if any, are redone.
      let unsure = i32x4.splat(0);
      for (let j = k; j < end; j += 4) {
        const at = (<usize>j) << 2;
        const v = v128.load(src + at);
        const y = Gray.estimate(v, low, scale);
        unsure = v128.or(unsure, nearHalf(y, near));
        const words = Gray.word(levelOf(y));
        v128.store(dst + at, v128.bitselect(nan, words, f32x4.ne(v, v)));
      }
      if (v128.any_true(unsure)) Gray.redo(src, dst, k, end, min, span, nanWord, low, scale, near);
    }
    k = groups;
  }
  const nan = i32x4.splat(nanWord);
  for (; k + 4 <= count; k += 4) {
    const at = (<usize>k) << 2;
    const v = v128.load(src + at);
    v128.store(dst + at, v128.bitselect(nan, Gray.double(v, min, span), f32x4.ne(v, v)));
  }
  for (; k < count; k++) {
    const v = <f64>load<f32>(src + ((<usize>k) << 2));
    let word = nanWord;
    // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's isNaN is a typed builtin, it coerces nothing
    if (!isNaN(v)) {
      const t = Math.min(Math.max((v - min) / span, 0), 1);
      const y = 255 * t;
      const up = Math.ceil(y);
      const level = <u32>(up - 0.5 > y ? up - 1 : up);
      word = 0xff000000 | (level * 0x010101);
    }
    store<u32>(dst + ((<usize>k) << 2), word);
  }
}

/** The gray words of four values (NaN lanes are replaced by the caller). */
// biome-ignore lint/complexity/noStaticOnlyClass: see above
class Gray {
  /** Levels 0–255 in four i32 lanes → opaque gray words. */
  @inline
  static word(levels: v128): v128 {
    return v128.or(i32x4.mul(levels, i32x4.splat(0x010101)), i32x4.splat(0xff000000));
  }

  /** y' = clamp(255 · (v − min) / span, 0, 255) in single precision (see grayWords for its error). */
  @inline
  static estimate(v: v128, low: v128, scale: v128): v128 {
    return f32x4.pmax(f32x4.splat(0), f32x4.pmin(f32x4.splat(255), f32x4.mul(f32x4.sub(v, low), scale)));
  }

  /** Values [from, end) again: each group of four whose estimate is unsure, in double precision. */
  static redo(
    src: usize,
    dst: usize,
    from: i32,
    end: i32,
    min: f64,
    span: f64,
    nanWord: u32,
    low: v128,
    scale: v128,
    near: v128,
  ): void {
    const nan = i32x4.splat(nanWord);
    for (let j = from; j < end; j += 4) {
      const at = (<usize>j) << 2;
      const v = v128.load(src + at);
      if (!v128.any_true(nearHalf(Gray.estimate(v, low, scale), near))) continue;
      v128.store(dst + at, v128.bitselect(nan, Gray.double(v, min, span), f32x4.ne(v, v)));
    }
  }

  /** The formula in double precision, step for step as the reference computes it. */
  @inline
  static double(v: v128, min: f64, span: f64): v128 {
    const low = f64x2.splat(min);
    const width = f64x2.splat(span);
    const zero = f64x2.splat(0);
    const one = f64x2.splat(1);
    const full = f64x2.splat(255);
    const a = Clamp.unit(f64x2.div(f64x2.sub(Widen.low(v), low), width), zero, one);
    const b = Clamp.unit(f64x2.div(f64x2.sub(Widen.high(v), low), width), zero, one);
    return Gray.word(Round.toInts(Round.halfUp(f64x2.mul(a, full)), Round.halfUp(f64x2.mul(b, full))));
  }
}

/**
 * Diverging: t = clamp(v / maxAbs, −1, 1); each channel round(zero + (end − zero) · |t|) with end the
 * negative colour for t < 0, else the positive one; NaN → nanWord. Colours come packed as 0x00BBGGRR.
 * The caller keeps to maxAbs > 0 and finite.
 *
 * As for gray, four values at a time in single precision first, exactly: t' = v · f32(1 / maxAbs) is
 * within 3 · 2⁻²⁴ of t relative, so each channel's y' = zero + (end − zero) · |t'| (|end − zero| ≤ 255) is
 * within 255 · 3 · 2⁻²⁴ + 255 · 2⁻²⁴ + 256 · 2⁻²⁴ < 2⁻¹³ of the double-precision y; a group with any
 * channel within 2⁻¹² of a half level is redone in double. A sign lost to underflow (v · 1/maxAbs → −0)
 * picks the other end, but with |t| ≈ 0 every channel is then `zero`'s, whichever end.
 */
export function divergingWords(
  src: usize,
  dst: usize,
  count: i32,
  maxAbs: f64,
  zero: u32,
  negative: u32,
  positive: u32,
  nanWord: u32,
): void {
  const nan = i32x4.splat(nanWord);
  const inverse = 1 / maxAbs;
  let k = 0;
  if (inverse < 1e37 && inverse > 1e-37) {
    const perUnit = f32x4.splat(<f32>inverse);
    const near = f32x4.splat(0.000244140625); // 2⁻¹²
    const groups = count & ~3;
    // Each channel's start and its steps to either end, as splats made once (red, green, blue).
    const redFrom = Diverging.from(zero, 0);
    const redNegative = Diverging.step(zero, negative, 0);
    const redPositive = Diverging.step(zero, positive, 0);
    const greenFrom = Diverging.from(zero, 8);
    const greenNegative = Diverging.step(zero, negative, 8);
    const greenPositive = Diverging.step(zero, positive, 8);
    const blueFrom = Diverging.from(zero, 16);
    const blueNegative = Diverging.step(zero, negative, 16);
    const bluePositive = Diverging.step(zero, positive, 16);
    for (; k < groups; k += BLOCK) {
      const end = blockEnd(k, groups);
      // As in grayWords: the block's estimates with no branch, then its unsure groups again.
      let unsure = i32x4.splat(0);
      for (let j = k; j < end; j += 4) {
        const at = (<usize>j) << 2;
        const v = v128.load(src + at);
        const t = Diverging.estimate(v, perUnit);
        const below = f32x4.lt(t, f32x4.splat(0));
        const amount = f32x4.abs(t);
        const red = Diverging.mix(redFrom, redNegative, redPositive, below, amount);
        const green = Diverging.mix(greenFrom, greenNegative, greenPositive, below, amount);
        const blue = Diverging.mix(blueFrom, blueNegative, bluePositive, below, amount);
        unsure = v128.or(
          unsure,
          v128.or(nearHalf(red, near), v128.or(nearHalf(green, near), nearHalf(blue, near))),
        );
        const words = v128.or(
          v128.or(i32x4.splat(0xff000000), levelOf(red)),
          v128.or(i32x4.shl(levelOf(green), 8), i32x4.shl(levelOf(blue), 16)),
        );
        v128.store(dst + at, v128.bitselect(nan, words, f32x4.ne(v, v)));
      }
      if (v128.any_true(unsure))
        Diverging.redo(src, dst, k, end, maxAbs, zero, negative, positive, nanWord, perUnit, near);
    }
    k = groups;
  }
  for (; k + 4 <= count; k += 4) {
    const at = (<usize>k) << 2;
    const v = v128.load(src + at);
    const words = Diverging.double(v, maxAbs, zero, negative, positive);
    v128.store(dst + at, v128.bitselect(nan, words, f32x4.ne(v, v)));
  }
  for (; k < count; k++) {
    const v = <f64>load<f32>(src + ((<usize>k) << 2));
    let word = nanWord;
    // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's isNaN is a typed builtin, it coerces nothing
    if (!isNaN(v)) {
      const t = Math.min(Math.max(v / maxAbs, -1), 1);
      const end = t < 0 ? negative : positive;
      const amount = Math.abs(t);
      word = 0xff000000;
      for (let shift = 0; shift < 24; shift += 8) {
        const from = <f64>((zero >> shift) & 0xff);
        const y = from + (<f64>((end >> shift) & 0xff) - from) * amount;
        const up = Math.ceil(y);
        word |= (<u32>(up - 0.5 > y ? up - 1 : up)) << shift;
      }
    }
    store<u32>(dst + ((<usize>k) << 2), word);
  }
}

/** The diverging words of four values (NaN lanes are replaced by the caller). */
// biome-ignore lint/complexity/noStaticOnlyClass: see above
class Diverging {
  /** t' = clamp(v · f32(1 / maxAbs), −1, 1) in single precision (see divergingWords for its error). */
  @inline
  static estimate(v: v128, perUnit: v128): v128 {
    return f32x4.pmax(f32x4.splat(-1), f32x4.pmin(f32x4.splat(1), f32x4.mul(v, perUnit)));
  }

  /** The channel at bit `shift` of the packed colour `zero`, splat. */
  @inline
  static from(zero: u32, shift: i32): v128 {
    return f32x4.splat(<f32>((zero >> shift) & 0xff));
  }

  /** end − zero for the channel at bit `shift`, splat. */
  @inline
  static step(zero: u32, end: u32, shift: i32): v128 {
    return f32x4.splat(<f32>((end >> shift) & 0xff) - <f32>((zero >> shift) & 0xff));
  }

  /** One channel's y' = zero + (end − zero) · |t'| in single precision, from its splats (from, step). */
  @inline
  static mix(from: v128, toNegative: v128, toPositive: v128, below: v128, amount: v128): v128 {
    return f32x4.add(from, f32x4.mul(v128.bitselect(toNegative, toPositive, below), amount));
  }

  /** Values [from, end) again: each group of four with a channel's estimate unsure, in double precision. */
  static redo(
    src: usize,
    dst: usize,
    from: i32,
    end: i32,
    maxAbs: f64,
    zero: u32,
    negative: u32,
    positive: u32,
    nanWord: u32,
    perUnit: v128,
    near: v128,
  ): void {
    const nan = i32x4.splat(nanWord);
    for (let j = from; j < end; j += 4) {
      const at = (<usize>j) << 2;
      const v = v128.load(src + at);
      const t = Diverging.estimate(v, perUnit);
      const below = f32x4.lt(t, f32x4.splat(0));
      const amount = f32x4.abs(t);
      let unsure = i32x4.splat(0);
      for (let shift = 0; shift < 24; shift += 8) {
        const start = Diverging.from(zero, shift);
        const toNegative = Diverging.step(zero, negative, shift);
        const toPositive = Diverging.step(zero, positive, shift);
        unsure = v128.or(unsure, nearHalf(Diverging.mix(start, toNegative, toPositive, below, amount), near));
      }
      if (!v128.any_true(unsure)) continue;
      const words = Diverging.double(v, maxAbs, zero, negative, positive);
      v128.store(dst + at, v128.bitselect(nan, words, f32x4.ne(v, v)));
    }
  }

  /** The formula in double precision, step for step as the reference computes it. */
  @inline
  static double(v: v128, maxAbs: f64, zero: u32, negative: u32, positive: u32): v128 {
    const scale = f64x2.splat(maxAbs);
    const lowest = f64x2.splat(-1);
    const highest = f64x2.splat(1);
    const origin = f64x2.splat(0);
    const a = Clamp.unit(f64x2.div(Widen.low(v), scale), lowest, highest);
    const b = Clamp.unit(f64x2.div(Widen.high(v), scale), lowest, highest);
    const aBelow = f64x2.lt(a, origin);
    const bBelow = f64x2.lt(b, origin);
    const aAmount = f64x2.abs(a);
    const bAmount = f64x2.abs(b);
    let words = i32x4.splat(0xff000000);
    for (let shift = 0; shift < 24; shift += 8) {
      const from = <f64>((zero >> shift) & 0xff);
      const toNegative = <f64>((negative >> shift) & 0xff) - from;
      const toPositive = <f64>((positive >> shift) & 0xff) - from;
      const aStep = v128.bitselect(f64x2.splat(toNegative), f64x2.splat(toPositive), aBelow);
      const bStep = v128.bitselect(f64x2.splat(toNegative), f64x2.splat(toPositive), bBelow);
      const start = f64x2.splat(from);
      const channel = Round.toInts(
        Round.halfUp(f64x2.add(start, f64x2.mul(aStep, aAmount))),
        Round.halfUp(f64x2.add(start, f64x2.mul(bStep, bAmount))),
      );
      words = v128.or(words, i32x4.shl(channel, shift));
    }
    return words;
  }
}

/**
 * For each of `planes` planes of `planeSize` floats at src: the least and greatest finite value and the
 * count of NaN and ±∞, written to dst as [min, max, nonFinite] f64 triples. A plane with no finite value
 * reports min +∞ and max −∞. pmin and pmax (one instruction each; min and max are a sequence that orders
 * ±0 and NaN, which here are already out) keep the first of two equal values, so when a plane holds both
 * −0 and +0 either may come out as its min or max: they are the same number and paint the same.
 */
export function planeRanges(src: usize, dst: usize, planes: i32, planeSize: i32): void {
  const infinity = f32x4.splat(Infinity);
  const negativeInfinity = f32x4.splat(-Infinity);
  const zero = f32x4.splat(0);
  for (let p = 0; p < planes; p++) {
    const start = src + ((<usize>p * <usize>planeSize) << 2);
    let low = infinity;
    let high = negativeInfinity;
    let nonFinite = i32x4.splat(0);
    let k = 0;
    for (; k + 4 <= planeSize; k += 4) {
      const v = v128.load(start + ((<usize>k) << 2));
      const finite = f32x4.eq(f32x4.sub(v, v), zero); // NaN and ±∞ give NaN
      low = f32x4.pmin(low, v128.bitselect(v, infinity, finite));
      high = f32x4.pmax(high, v128.bitselect(v, negativeInfinity, finite));
      nonFinite = i32x4.sub(nonFinite, v128.not(finite)); // not(finite) is −1 per non-finite lane
    }
    let least = <f64>(
      min<f32>(
        min<f32>(f32x4.extract_lane(low, 0), f32x4.extract_lane(low, 1)),
        min<f32>(f32x4.extract_lane(low, 2), f32x4.extract_lane(low, 3)),
      )
    );
    let greatest = <f64>(
      max<f32>(
        max<f32>(f32x4.extract_lane(high, 0), f32x4.extract_lane(high, 1)),
        max<f32>(f32x4.extract_lane(high, 2), f32x4.extract_lane(high, 3)),
      )
    );
    let count =
      i32x4.extract_lane(nonFinite, 0) +
      i32x4.extract_lane(nonFinite, 1) +
      i32x4.extract_lane(nonFinite, 2) +
      i32x4.extract_lane(nonFinite, 3);
    for (; k < planeSize; k++) {
      const v = <f64>load<f32>(start + ((<usize>k) << 2));
      // biome-ignore lint/suspicious/noGlobalIsFinite: AssemblyScript's isFinite is a typed builtin
      if (!isFinite(v)) {
        count++;
        continue;
      }
      least = Math.min(least, v);
      greatest = Math.max(greatest, v);
    }
    const out = dst + ((<usize>p * 3) << 3);
    store<f64>(out, least);
    store<f64>(out, greatest, 8);
    store<f64>(out, <f64>count, 16);
  }
}

/**
 * dst[y · columnCount + x] = src[y · width + columns[x]] for y below rowCount: the values a plane shown
 * smaller than it is puts on its painted pixels, from its sampled rows laid one after another (columns are
 * i32 indices).
 */
export function gatherColumns(
  src: usize,
  width: i32,
  rowCount: i32,
  columns: usize,
  columnCount: i32,
  dst: usize,
): void {
  let at = dst;
  for (let y = 0; y < rowCount; y++) {
    const row = src + ((<usize>y * <usize>width) << 2);
    for (let x = 0; x < columnCount; x++) {
      store<f32>(at, load<f32>(row + ((<usize>load<i32>(columns + ((<usize>x) << 2))) << 2)));
      at += 4;
    }
  }
}
