/**
 * Interns frames' protocol layers (PacketInfo.layers) as small ids by
 * walking a trie of protocol names, so the first pass builds no string per
 * frame. Equal layers, equal ids; 0 is the empty stack, and what a capture
 * with more distinct stacks than MAX_NODES gets once the trie is full (its
 * frames are then dissected by every filter pass).
 */
export class LayerStacks {
  static readonly MAX_NODES = 65_536;
  /** Per node id: its children by protocol name. */
  private readonly children: Array<Map<string, number>> = [new Map()];
  /** Per node id: its parent and the protocol name it adds. */
  private readonly parent: number[] = [0];
  private readonly name: string[] = [''];

  intern(layers: readonly string[]): number {
    let node = 0;
    for (const name of layers) {
      const next = this.children[node]!;
      let child = next.get(name);
      if (child === undefined) {
        if (this.parent.length >= LayerStacks.MAX_NODES) return 0;
        child = this.parent.length;
        next.set(name, child);
        this.children.push(new Map());
        this.parent.push(node);
        this.name.push(name);
      }
      node = child;
    }
    return node;
  }

  /** The layers of an id, from the outermost. */
  layers(id: number): string[] {
    const out: string[] = [];
    for (let node = id; node > 0 && node < this.parent.length; node = this.parent[node]!) out.push(this.name[node]!);
    return out.reverse();
  }
}
