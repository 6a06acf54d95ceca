import { decodeBase64Url, encodeBase64Url } from './base64url';

/**
 * Share links carry the whole notebook in the URL fragment: serialized document → deflate-raw → base64url,
 * as `#share=<data>`. The fragment never reaches a server, so no server is needed and none sees the work.
 *
 * Decoding treats the link as hostile: the fragment's size is checked before any work, and decompression
 * is stopped as soon as the output passes a limit, so a small link that inflates to gigabytes (a "zip
 * bomb") costs a few milliseconds, not the tab.
 */

export const SHARE_PREFIX = '#share=';
/** Longer links are refused by some chat apps and browsers; above this we offer the file instead. */
export const MAX_SHARE_FRAGMENT = 32 * 1024;
/** A fragment longer than this is not decoded at all. */
export const MAX_INCOMING_FRAGMENT = 2 * 1024 * 1024;
/** Decompression stops once the document passes this size. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const INFLATE_SLICE = 1024;

export type ShareLinkResult =
  | { readonly status: 'ok'; readonly fragment: string }
  | { readonly status: 'too-big'; readonly fragmentLength: number; readonly limit: number };

export type ShareDecodeResult =
  | { readonly status: 'ok'; readonly text: string }
  | { readonly status: 'error'; readonly message: string };

/** Builds the `#share=…` fragment for a serialized document, or says it is too big for a link. */
export async function encodeShareFragment(documentText: string): Promise<ShareLinkResult> {
  let compressed: Uint8Array;
  try {
    compressed = await pipeThrough(
      new TextEncoder().encode(documentText),
      new CompressionStream('deflate-raw'),
    );
  } catch {
    // Too big for the engine to compress ("Invalid string length" and the like): far too big for a link.
    return { status: 'too-big', fragmentLength: documentText.length, limit: MAX_SHARE_FRAGMENT };
  }
  // The base64url length is known from the byte count: a 100 MB buffer is never turned into a string.
  const fragmentLength = SHARE_PREFIX.length + Math.ceil((compressed.length * 4) / 3);
  if (fragmentLength > MAX_SHARE_FRAGMENT) {
    return { status: 'too-big', fragmentLength, limit: MAX_SHARE_FRAGMENT };
  }
  return { status: 'ok', fragment: SHARE_PREFIX + encodeBase64Url(compressed) };
}

/** True when a URL hash carries a shared notebook. */
export function isShareFragment(hash: string): boolean {
  return hash.startsWith(SHARE_PREFIX);
}

/**
 * Recovers the serialized document from a `#share=…` fragment. Every failure is a message for the
 * person who opened the link; validation of the document itself is the caller's (parseNotebook).
 */
export async function decodeShareFragment(
  hash: string,
  limits: { maxFragment?: number; maxDocumentBytes?: number } = {},
): Promise<ShareDecodeResult> {
  try {
    return await decodeChecked(hash, limits);
  } catch {
    // Never the engine's words ("Error while decompressing the data: …"): one of our fixed sentences.
    return fail('This share link is damaged: its data could not be decompressed.');
  }
}

async function decodeChecked(
  hash: string,
  limits: { maxFragment?: number; maxDocumentBytes?: number },
): Promise<ShareDecodeResult> {
  const maxFragment = limits.maxFragment ?? MAX_INCOMING_FRAGMENT;
  const maxBytes = limits.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
  if (!isShareFragment(hash)) return fail('This link does not contain a shared notebook.');
  const data = hash.slice(SHARE_PREFIX.length);
  if (data.length > maxFragment) {
    return fail(
      `This share link is too long to open (${formatBytes(data.length)}, the limit is ${formatBytes(maxFragment)}).`,
    );
  }
  const bytes = decodeBase64Url(data);
  if (!bytes || bytes.length === 0)
    return fail('This share link is damaged: its data is not valid base64url.');
  const inflated = await inflateWithLimit(bytes, maxBytes);
  if (inflated === 'too-big') {
    return fail(`This share link expands to more than ${formatBytes(maxBytes)}; it was not opened.`);
  }
  if (inflated === 'corrupt') return fail('This share link is damaged: its data could not be decompressed.');
  try {
    return { status: 'ok', text: new TextDecoder('utf-8', { fatal: true }).decode(inflated) };
  } catch {
    return fail('This share link is damaged: its data is not UTF-8 text.');
  }
}

/**
 * Inflates in small input slices, reading the output between them. Deflate can expand ~1000×, so one big
 * write could make the decompressor produce gigabytes before we get to count them; a 1 KB slice makes at
 * most about 1 MB, and we stop the stream as soon as the total passes `maxBytes`.
 */
async function inflateWithLimit(
  bytes: Uint8Array,
  maxBytes: number,
): Promise<Uint8Array | 'too-big' | 'corrupt'> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let outcome: 'ok' | 'too-big' | 'corrupt' = 'ok';
  const reading = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        total += value.length;
        if (total > maxBytes) {
          outcome = 'too-big';
          await reader.cancel().catch(() => {});
          return;
        }
        chunks.push(value);
      }
    } catch {
      outcome = 'corrupt';
    }
  })();
  try {
    for (let offset = 0; offset < bytes.length && outcome === 'ok'; offset += INFLATE_SLICE) {
      await writer.write(bytes.slice(offset, offset + INFLATE_SLICE));
    }
    if (outcome === 'ok') await writer.close();
  } catch {
    // The reader already recorded why (cancelled for size, or the data was corrupt).
    if (outcome === 'ok') outcome = 'corrupt';
  }
  await reading;
  if (outcome !== 'ok') return outcome;
  return concat(chunks, total);
}

async function pipeThrough(bytes: Uint8Array, transform: CompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function fail(message: string): ShareDecodeResult {
  return { status: 'error', message };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
