/**
 * Size limits of a document, checked before anything is allocated. They keep a hostile or mistaken file
 * (a 10^5 × 10^5 image literal) from freezing the page, while leaving room for every teaching example.
 */
export const MAX_IMAGE_SIDE = 4096;
export const MAX_CHANNELS = 64;
export const MAX_KERNEL_SIDE = 64;
/** Kernels in one bank (the O of [O, C, kh, kw]). */
export const MAX_KERNELS = 256;
/** Weights in one bank, all axes together: 2^20 floats (4 MB). Each axis alone may be at its limit. */
export const MAX_KERNEL_WEIGHTS = 1_048_576;
/** Values in any one tensor a cell makes: an RGB picture at the side limit (3 × 4096 × 4096, 192 MB). */
export const MAX_TENSOR_VALUES = 3 * 4096 * 4096;
export const MAX_CELLS = 500;
export const MAX_TITLE_LENGTH = 200;
export const MAX_NOTE_LENGTH = 100_000;
/** Cell ids are short names used in messages and file names. */
export const MAX_ID_LENGTH = 100;
/** Units of one dense (fully connected) layer; its weights (units × inputs) count against MAX_KERNEL_WEIGHTS. */
export const MAX_DENSE_UNITS = 4096;
