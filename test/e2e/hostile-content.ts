import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/**
 * Notebooks built to attack the page that opens them, and the probes that tell whether an attack worked.
 * Every payload tries to set `window.__pwned` (or open a dialog); a payload that ran leaves a mark a test
 * can read, and one that created markup leaves an element the scan finds.
 */

export const PAYLOADS = [
  `<script>window.__pwned='script'</script>`,
  `<img src=x onerror="window.__pwned='img'">`,
  `<svg onload="window.__pwned='svg'"></svg>`,
  `"><iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  `'><a href="javascript:window.__pwned='anchor'">anchor</a>`,
  `javascript:window.__pwned='bare'`,
  `[md link](javascript:window.__pwned='markdown')`,
  `[data link](data:text/html,<script>alert('data')</script>)`,
  `[entity link](jav&#x61;script:alert('entity'))`,
  `&lt;script&gt;window.__pwned='entity'&lt;/script&gt;`,
  `<object data="javascript:alert('object')"></object>`,
  `<style>*{background:url(http://example.invalid/style.png)}</style>`,
  `\${alert('template')}{{constructor.constructor('alert(1)')()}}`,
] as const;

/** Remote resources a note points at; opening the notebook must fetch none of them. */
const REMOTE_REFERENCES = [
  '![remote image](http://example.invalid/pixel.png)',
  '<img src="http://example.invalid/beacon.png">',
  '[remote link](http://example.invalid/page)',
  '<link rel="stylesheet" href="http://example.invalid/x.css">',
  'https://example.invalid/autolink',
] as const;

/** A valid notebook whose every free-text field carries payloads: title, cell titles, notes, sample text. */
export function hostileNotebook(title: string): Record<string, unknown> {
  const markdown = [
    '# Heading <script>window.__pwned="heading"</script>',
    ...PAYLOADS.map((payload) => `- ${payload}`),
    '',
    ...REMOTE_REFERENCES,
    '',
    '```',
    '</code></pre><img src=x onerror="window.__pwned=\'fence\'">',
    '```',
  ].join('\n');
  return {
    format: 'convbook',
    version: 1,
    title,
    cells: [
      { id: 'note', kind: 'note', title: PAYLOADS[1], params: { markdown } },
      ...PAYLOADS.map((payload, index) => ({
        id: `note${index}`,
        kind: 'note',
        title: payload,
        params: { markdown: payload },
      })),
      {
        id: 'word',
        kind: 'image',
        title: PAYLOADS[3],
        params: { sample: { name: 'letters', text: '<svg onload=x>', size: 32 } },
      },
      { id: 'k', kind: 'kernel', title: PAYLOADS[2], params: { values: [[1]] } },
      { id: 'c', kind: 'conv', title: PAYLOADS[0], inputs: { input: 'word', kernel: 'k' } },
    ],
  };
}

/**
 * An invalid notebook whose payloads sit where validation refuses them (ids, an enum, a sample name): the
 * refusal message quotes what arrived, so it must quote it as text.
 */
export function refusedNotebook(): Record<string, unknown> {
  return {
    format: 'convbook',
    version: 1,
    title: 'refused',
    cells: [
      { id: PAYLOADS[1], kind: 'note', params: { markdown: 'x' } },
      { id: 'k', kind: 'kernel', params: { preset: PAYLOADS[2] } },
      { id: 'i', kind: 'image', params: { sample: { name: PAYLOADS[0] } } },
      { id: 'x', kind: PAYLOADS[3] },
    ],
  };
}

/** `#share=…` for a document, built the way the app builds it (deflate-raw, then base64url). */
export function shareFragment(document: unknown): string {
  return `#share=${deflateRawSync(Buffer.from(JSON.stringify(document), 'utf8')).toString('base64url')}`;
}

export interface AttackProbe {
  /** Dialogs (alert/confirm/prompt) the page opened: each one is script that ran. */
  readonly dialogs: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
}

/** Listens for dialogs and requests, and arms the `__pwned` canary in every document the page loads. */
export async function armProbe(page: Page): Promise<AttackProbe> {
  const probe: AttackProbe = { dialogs: [], requests: [] };
  page.on('dialog', (dialog) => {
    probe.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('request', (request) => probe.requests.push(request.url()));
  await page.addInitScript(() => {
    Object.defineProperty(window, '__pwned', { value: undefined, writable: true, configurable: false });
  });
  return probe;
}

/** What the canary says: undefined unless a payload ran. */
export function canary(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

/**
 * Elements and attributes in the page (all open shadow roots included) that only injected markup would
 * create: scripts other than the app's own bundle, frames, plugins, images, inline event handlers, and
 * links or sources whose URL is not http(s) or blob/data for downloads and pixels.
 */
export function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const roots: (Document | ShadowRoot)[] = [document];
    for (let index = 0; index < roots.length; index++) {
      const root = roots[index] as Document | ShadowRoot;
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
        const tag = element.tagName.toLowerCase();
        const isAppBundle =
          tag === 'script' &&
          (element.getAttribute('src') ?? '').startsWith('./assets/') &&
          root === document;
        if (['script', 'iframe', 'frame', 'object', 'embed', 'img', 'link', 'style', 'base'].includes(tag)) {
          const allowed =
            isAppBundle ||
            (tag === 'link' &&
              root === document &&
              element.getAttribute('rel') !== null &&
              /^(\.\/assets\/|data:,$)/.test(element.getAttribute('href') ?? ''));
          if (!allowed)
            found.push(
              `<${tag}> in ${root === document ? 'document' : (root as ShadowRoot).host.tagName.toLowerCase()}`,
            );
        }
        for (const attribute of element.getAttributeNames()) {
          const value = element.getAttribute(attribute) ?? '';
          if (attribute.startsWith('on')) found.push(`${tag}[${attribute}]`);
          if (attribute === 'srcdoc') found.push(`${tag}[srcdoc]`);
          if (
            (attribute === 'href' || attribute === 'src' || attribute === 'action') &&
            /^\s*(javascript|data|vbscript):/i.test(value) &&
            value !== 'data:,'
          ) {
            found.push(`${tag}[${attribute}=${value.slice(0, 40)}]`);
          }
        }
      }
    }
    return found;
  });
}

/** Everything a person can read on the page: text in all shadow roots plus the values of text fields. */
export function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const roots: (Document | ShadowRoot)[] = [document];
    for (let index = 0; index < roots.length; index++) {
      const root = roots[index] as Document | ShadowRoot;
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
        if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)
          parts.push(element.value);
        for (const node of element.childNodes)
          if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      }
    }
    return parts.join('\n');
  });
}
