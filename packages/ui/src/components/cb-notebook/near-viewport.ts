/**
 * Which cells are on screen or about to be (a viewport's height above or below), from one shared
 * IntersectionObserver: the render scheduler paints those first, and in a very long notebook only those
 * show their bodies (see cb-cell's `lazyBody`), so what the user looks at is never waiting behind
 * hundreds of cells out of sight.
 */

/** An element told when it comes near the viewport or leaves it. */
export interface NearViewportListener extends Element {
  nearViewportChanged?(near: boolean): void;
}

const near = new WeakSet<Element>();
let observer: IntersectionObserver | undefined;

function shared(): IntersectionObserver | undefined {
  if (observer === undefined && typeof IntersectionObserver !== 'undefined') {
    observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const target = entry.target as NearViewportListener;
          if (entry.isIntersecting === near.has(target)) continue;
          if (entry.isIntersecting) near.add(target);
          else near.delete(target);
          target.nearViewportChanged?.(entry.isIntersecting);
        }
      },
      { rootMargin: '100% 0px' },
    );
  }
  return observer;
}

export function watchNearViewport(element: NearViewportListener): void {
  shared()?.observe(element);
}

export function unwatchNearViewport(element: Element): void {
  observer?.unobserve(element);
  near.delete(element);
}

/** False until the observer has first reported on the element (then queued cells keep document order). */
export function isNearViewport(element: Element): boolean {
  return near.has(element);
}
