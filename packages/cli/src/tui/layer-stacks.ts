/**
 * Interns frames' protocol layers (PacketInfo.layers) as small ids by
 * walking a trie of protocol names, so the first pass builds no string per
 * frame. Id 0 is the empty stack; equal layers, equal ids.
 */
export class LayerStacks {
  /** Per node id: its children by protocol name. */
  private readonly children: Array<Map<string, number>> = [new Map()];
  /** Per node id: the layers from the root to it. */
  private readonly stacks: string[][] = [[]];

  intern(layers: readonly string[]): number {
    let node = 0;
    for (const name of layers) {
      const next = this.children[node]!;
      let child = next.get(name);
      if (child === undefined) {
        child = this.stacks.length;
        next.set(name, child);
        this.children.push(new Map());
        this.stacks.push([...this.stacks[node]!, name]);
      }
      node = child;
    }
    return node;
  }

  layers(id: number): readonly string[] {
    return this.stacks[id] ?? [];
  }
}
