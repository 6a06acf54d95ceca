/**
 * Frame protection that works on any static host. The right tool, CSP `frame-ancestors` (or
 * X-Frame-Options), is an HTTP header; a <meta> policy cannot carry it, and a plain static host may send
 * no headers at all (public/_headers sets them where the host reads that file). So the page checks for
 * itself before the app starts: inside another page's frame it shows a notice and a link to open
 * Convbook in its own tab, and never starts — no notebook, no storage, nothing to be clicked through.
 */
export function isFramed(view: Window = window): boolean {
  try {
    return view.self !== view.top;
  } catch {
    return true; // a browser that will not even say is treated as framed
  }
}

export const FRAMED_NOTICE =
  'Convbook does not run inside another site’s page, so that page cannot make you click in it without knowing.';

/** Replaces the app shell with the notice; built from text nodes only. */
export function showFramedNotice(doc: Document = document): void {
  for (const shell of doc.querySelectorAll('cb-app')) shell.remove();
  const main = doc.createElement('main');
  main.setAttribute('role', 'alert');
  main.style.font = '16px/1.5 system-ui, sans-serif';
  main.style.margin = '2em';
  const text = doc.createElement('p');
  text.textContent = FRAMED_NOTICE;
  const link = doc.createElement('a');
  link.href = doc.location.href;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.textContent = 'Open Convbook in its own tab';
  main.append(text, link);
  doc.body.prepend(main);
}
