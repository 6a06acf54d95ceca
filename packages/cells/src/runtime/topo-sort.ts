/**
 * Orders nodes so that every node comes after the nodes it depends on, and finds the strongly connected
 * components that make that impossible (cycles). Tarjan's algorithm, with edges pointing from a node to its
 * dependencies, emits each component after everything it depends on, which is exactly a compute order.
 */
export interface TopoResult {
  /** Every node, dependencies first. Nodes of one cycle are adjacent, in no particular order. */
  readonly order: readonly string[];
  /** The cycles: groups of nodes that depend on each other, in the order `nodes` listed them. */
  readonly cycles: readonly (readonly string[])[];
}

export function topoSort(
  nodes: readonly string[],
  dependenciesOf: (node: string) => readonly string[],
): TopoResult {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const order: string[] = [];
  const cycles: string[][] = [];
  const position = new Map(nodes.map((n, i) => [n, i]));

  const visit = (node: string): void => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const dependency of dependenciesOf(node)) {
      if (!position.has(dependency)) continue; // a missing cell: the runtime reports it on the dependent
      if (!index.has(dependency)) {
        visit(dependency);
        lowLink.set(node, Math.min(lowLink.get(node) as number, lowLink.get(dependency) as number));
      } else if (onStack.has(dependency)) {
        lowLink.set(node, Math.min(lowLink.get(node) as number, index.get(dependency) as number));
      }
    }
    if (lowLink.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    component.sort((a, b) => (position.get(a) as number) - (position.get(b) as number));
    order.push(...component);
    const selfLoop = component.length === 1 && dependenciesOf(node).includes(node);
    if (component.length > 1 || selfLoop) cycles.push(component);
  };

  for (const node of nodes) if (!index.has(node)) visit(node);
  return { order, cycles };
}
