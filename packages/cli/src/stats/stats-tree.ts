/**
 * Wireshark's stats_tree (epan/stats_tree.c): named counters in a tree,
 * each with a count, optionally an average/min/max of the values added,
 * and a "burst rate" (most ticks within a sliding 100 ms window of 5 ms
 * buckets). Statistics such as dns,tree and http,tree fill one; the TUI
 * reads the nodes, stats-tree-text.ts prints them as tshark does.
 */

const BURST_RESOLUTION_MS = 5;
const BURST_WINDOW_MS = 100;

interface BurstBucket {
  bucket: number;
  count: number;
  start: number;
}

export class StatsTreeNode {
  readonly children: StatsTreeNode[] = [];
  /** Children by name, for nodes created "with hash" (their children are looked up here). */
  readonly byName: Map<string, StatsTreeNode> | null;
  counter = 0;
  /** Sum of the values added (for the average). */
  total = 0;
  min = 0;
  max = 0;
  /** Whether values were added (the Average/Min/Max columns are filled). */
  averaged = false;
  /** A range node's bounds (stats_tree_create_range_node_string): it counts values in [floor, ceil]; shown in range order. */
  range: { readonly floor: number; readonly ceil: number } | null = null;
  /** Largest number of ticks seen within one burst window, and when that window started (ms). */
  maxBurst = 0;
  burstStart = -1;
  private readonly buckets: BurstBucket[] = [{ bucket: 0, count: 0, start: 0 }];
  private burstCount = 0;

  constructor(
    readonly tree: StatsTree,
    readonly name: string,
    readonly parent: StatsTreeNode | null,
    /** Float nodes keep their min/max as C floats and print them with "%f". */
    readonly isFloat: boolean,
    withHash: boolean,
  ) {
    this.byName = withHash ? new Map() : null;
  }

  /** A direct child of the root (shown with its path prefix stripped). */
  get isRootChild(): boolean {
    return this.parent !== null && this.parent.parent === null;
  }

  /** update_burst_calc: add `value` ticks at the tree's current time. */
  tickBurst(value: number): void {
    const now = this.tree.now;
    const b = this.buckets;
    const current = Math.floor(now / BURST_RESOLUTION_MS);
    const window = BURST_WINDOW_MS / BURST_RESOLUTION_MS;
    if (current > b[b.length - 1]!.bucket) {
      b.push({ bucket: current, count: value, start: now });
      this.burstCount += value;
      while (current >= b[0]!.bucket + window) this.burstCount -= b.shift()!.count;
    } else if (current < b[0]!.bucket) {
      if (current + window > b[b.length - 1]!.bucket) {
        b.unshift({ bucket: current, count: value, start: now });
        this.burstCount += value;
      }
    } else {
      let i = b.length - 1;
      while (current < b[i]!.bucket) i--;
      const found = b[i]!;
      if (current === found.bucket) {
        found.count += value;
        if (found.start > now) found.start = now;
      } else {
        b.splice(i + 1, 0, { bucket: current, count: value, start: now });
      }
      this.burstCount += value;
    }
    if (this.burstCount > this.maxBurst) {
      this.maxBurst = this.burstCount;
      this.burstStart = b[0]!.start;
    }
  }

  /** Record a value for the Average/Min/Max columns (as C ints or floats). */
  addValue(value: number): void {
    if (this.isFloat) {
      const v = Math.fround(value);
      this.total += v;
      if (!this.averaged || v < this.min) this.min = v;
      if (!this.averaged || v > this.max) this.max = v;
    } else {
      this.total += value;
      if (!this.averaged || value < this.min) this.min = value;
      if (!this.averaged || value > this.max) this.max = value;
    }
    this.averaged = true;
  }
}

export class StatsTree {
  /** The root; its children are the top-level topics. */
  readonly root: StatsTreeNode;
  /** Nodes created as parents, by name (where a tick finds them when its parent has no hash). */
  private readonly parents = new Map<string, StatsTreeNode>();
  /** Time of the current packet and of the first one, in ms since the first frame. */
  now = 0;
  private start = -1;
  /** Time between the first and the current packet (ms), for the Rate column. */
  elapsed = 0;

  constructor(
    /** Registered name, e.g. "HTTP/Packet Counter" (printed as the table title). */
    readonly title: string,
  ) {
    this.root = new StatsTreeNode(this, title.slice(title.lastIndexOf('/') + 1), null, false, false);
  }

  /** Every packet the statistic counts starts here (stats_tree_packet). */
  beginPacket(nowMs: number): void {
    this.now = nowMs;
    if (this.start < 0) this.start = nowMs;
    this.elapsed = nowMs - this.start;
  }

  /** stats_tree_create_node: a named node, findable by name later. */
  createNode(name: string, parent: StatsTreeNode = this.root, withHash = false, isFloat = false): StatsTreeNode {
    return this.newNode(name, parent, isFloat, withHash, true);
  }

  /** stats_tree_create_pivot */
  createPivot(name: string, parent: StatsTreeNode = this.root): StatsTreeNode {
    return this.newNode(name, parent, false, true, true);
  }

  /** tick_stat_node: count one under `parent`, creating the node on first use. */
  tick(name: string, parent: StatsTreeNode = this.root, withHash = false): StatsTreeNode {
    const node = this.findOrCreate(name, parent, withHash, false);
    node.counter++;
    node.tickBurst(1);
    return node;
  }

  /** avg_stat_node_add_value_int/_float: count one and add a value for the average. */
  tickValue(name: string, value: number, parent: StatsTreeNode = this.root, isFloat = false): StatsTreeNode {
    const node = this.findOrCreate(name, parent, false, isFloat);
    node.counter++;
    node.tickBurst(1);
    node.addValue(value);
    return node;
  }

  /**
   * stats_tree_create_range_node_string: a node whose children count the
   * values of their range (`ranges` in order, each [floor, ceil], labelled).
   */
  createRangeNode(name: string, ranges: ReadonlyArray<readonly [string, number, number]>, parent: StatsTreeNode = this.root): StatsTreeNode {
    const node = this.newNode(name, parent, false, false, true);
    for (const [label, floor, ceil] of ranges) this.newNode(label, node, false, false, false).range = { floor, ceil };
    return node;
  }

  /** stats_tree_tick_range: the value goes into the range node's average and into the child whose range holds it (already counted itself). */
  tickRange(node: StatsTreeNode, value: number): void {
    node.addValue(value);
    for (const c of node.children) {
      if (c.range && value >= c.range.floor && value <= c.range.ceil) {
        c.counter++;
        c.addValue(value);
        c.tickBurst(1);
        return;
      }
    }
  }

  /** stats_tree_tick_pivot: count the pivot and the value under it. */
  tickPivot(pivot: StatsTreeNode, value: string): void {
    pivot.counter++;
    pivot.tickBurst(1);
    this.tick(value, pivot);
  }

  private findOrCreate(name: string, parent: StatsTreeNode, withHash: boolean, isFloat: boolean): StatsTreeNode {
    const found = parent.byName ? parent.byName.get(name) : this.parents.get(name);
    return found ?? this.newNode(name, parent, isFloat, withHash, withHash);
  }

  private newNode(name: string, parent: StatsTreeNode, isFloat: boolean, withHash: boolean, asParent: boolean): StatsTreeNode {
    const node = new StatsTreeNode(this, name, parent, isFloat, withHash);
    if (asParent) this.parents.set(name, node);
    parent.children.push(node);
    parent.byName?.set(name, node);
    return node;
  }
}
