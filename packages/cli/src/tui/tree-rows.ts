import { labelOf, NodeFlag, Severity, type FieldNode } from '@netdissect/core';

export type RowSeverity = 'error' | 'warning' | 'note' | 'chat' | null;

/** One line of the details pane. */
export interface TreeRow {
  node: FieldNode;
  depth: number;
  /** Identifies the subtree across frames, so what is expanded stays expanded (Wireshark's ett). */
  key: string;
  expandable: boolean;
  expanded: boolean;
  label: string;
  /** Expert severity for "Expert Info" items and malformed marks, for colouring. */
  severity: RowSeverity;
}

function shown(node: FieldNode): boolean {
  return (node.flags & NodeFlag.HIDDEN) === 0;
}

function hasShownChildren(node: FieldNode): boolean {
  return node.children !== null && node.children.some(shown);
}

/** The key part for a node: its field, or for a text item the label's name part. */
function keyPart(node: FieldNode, label: string): string {
  if (node.def) return node.def.abbrev;
  const colon = label.indexOf(':');
  return `#${colon > 0 ? label.slice(0, colon) : label}`;
}

function severityOf(node: FieldNode): RowSeverity {
  const abbrev = node.def?.abbrev;
  if (abbrev === '_ws.malformed') return 'error';
  if (abbrev !== '_ws.expert') return null;
  for (const c of node.children ?? []) {
    if (c.def?.abbrev !== '_ws.expert.severity') continue;
    const s = c.value as number;
    return s >= Severity.ERROR ? 'error' : s >= Severity.WARN ? 'warning' : s >= Severity.NOTE ? 'note' : 'chat';
  }
  return null;
}

/** The visible lines of a tree, given which subtrees are expanded. */
export function visibleTreeRows(root: FieldNode, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (node: FieldNode, depth: number, parentKey: string): void => {
    for (const child of node.children ?? []) {
      if (!shown(child)) continue;
      const label = labelOf(child);
      const key = `${parentKey}/${keyPart(child, label)}`;
      const expandable = hasShownChildren(child);
      const isOpen = expandable && expanded.has(key);
      rows.push({ node: child, depth, key, expandable, expanded: isOpen, label, severity: severityOf(child) });
      if (isOpen) walk(child, depth + 1, key);
    }
  };
  walk(root, 0, '');
  return rows;
}

/** Keys of every expandable subtree under `node` (expand all / expand subtrees). */
export function allSubtreeKeys(node: FieldNode, nodeKey = ''): string[] {
  const keys: string[] = [];
  const walk = (n: FieldNode, parentKey: string): void => {
    for (const child of n.children ?? []) {
      if (!shown(child) || !hasShownChildren(child)) continue;
      const key = `${parentKey}/${keyPart(child, labelOf(child))}`;
      keys.push(key);
      walk(child, key);
    }
  };
  walk(node, nodeKey);
  return keys;
}
