/**
 * Which cells are on screen or about to be (a viewport's height above or below), from one shared
 * IntersectionObserver: the render scheduler paints those first, so what the user looks at is never
 * waiting behind hundreds of cells out of sight.
 */

const near = new WeakSet<Element>();
let observer: IntersectionObserver | undefined;

function shared(): IntersectionObserver | undefined {
  if (observer === undefined && typeof IntersectionObserver !== 'undefined') {
    observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) near.add(entry.target);
          else near.delete(entry.target);
        }
      },
      { rootMargin: '100% 0px' },
    );
  }
  return observer;
}

export function watchNearViewport(element: Element): void {
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
