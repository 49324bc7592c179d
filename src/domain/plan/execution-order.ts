/** Execution order from dependencies: groups of tasks that can run in parallel, in order. */
export interface OrderNode {
  id: string;
  dependsOn: readonly string[];
}

export type OrderResult = { ok: true; levels: string[][] } | { ok: false; cycle: string[] };

/**
 * Kahn's algorithm by levels; keeps the plan's own order inside a level. A cycle is named, first node repeated at the
 * end.
 */
export function executionOrder(nodes: readonly OrderNode[]): OrderResult {
  const ids = new Set(nodes.map((n) => n.id));
  const remaining = new Map(nodes.map((n) => [n.id, new Set(n.dependsOn.filter((d) => ids.has(d) && d !== n.id))]));
  const selfLoop = nodes.find((n) => n.dependsOn.includes(n.id));
  if (selfLoop) return { ok: false, cycle: [selfLoop.id, selfLoop.id] };
  const levels: string[][] = [];
  while (remaining.size > 0) {
    const ready = nodes.map((n) => n.id).filter((id) => remaining.get(id)?.size === 0);
    if (ready.length === 0) return { ok: false, cycle: findCycle(remaining) };
    levels.push(ready);
    for (const id of ready) remaining.delete(id);
    for (const deps of remaining.values()) for (const id of ready) deps.delete(id);
  }
  return { ok: true, levels };
}

function findCycle(graph: Map<string, Set<string>>): string[] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 1);
    stack.push(id);
    for (const dep of graph.get(id) ?? []) {
      if (state.get(dep) === 1) return [...stack.slice(stack.indexOf(dep)), dep];
      if (!state.has(dep) && graph.has(dep)) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 2);
    return null;
  };
  for (const id of graph.keys()) {
    if (!state.has(id)) {
      const found = visit(id);
      if (found) return found.reverse();
    }
  }
  return [...graph.keys()];
}
