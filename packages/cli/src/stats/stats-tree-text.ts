import { escapeForTerminal } from '../output/terminal-safety.js';
import { cFixed } from './c-format.js';
import type { StatsTree, StatsTreeNode } from './stats-tree.js';

const COLUMNS = ['Topic / Item', 'Count', 'Average', 'Min Val', 'Max Val', 'Rate (ms)', 'Percent', 'Burst Rate', 'Burst Start'];
const VALUE_WIDTH = 12;
const INDENT_MAX = 32;
const BURST_WINDOW_MS = 100;

/** The name as printed: root children lose their "Group/" prefix ("//" is a literal slash). */
function displayName(node: StatsTreeNode): string {
  if (!node.isRootChild) return node.name;
  let name = '';
  for (let i = 0; i < node.name.length; i++) {
    const c = node.name[i]!;
    if (c !== '/') name += c;
    else if (node.name[i + 1] === '/') {
      name += '/';
      i++;
    } else name = '';
  }
  return name;
}

/** C strings are padded by bytes, not characters. */
function byteLength(s: string): number {
  return Buffer.byteLength(s);
}

function padTo(s: string, width: number): string {
  const n = byteLength(s);
  return n >= width ? s : s + ' '.repeat(width - n);
}

function maxNameLength(node: StatsTreeNode, indent: number): number {
  const level = Math.min(indent, INDENT_MAX);
  let max = 0;
  for (const c of node.children) max = Math.max(max, maxNameLength(c, level + 1));
  return Math.max(max, byteLength(escapeForTerminal(displayName(node), false)) + level);
}

/** stats_tree_get_values_from_node */
function values(node: StatsTreeNode): string[] {
  const tree = node.tree;
  const v = [escapeForTerminal(displayName(node), false), String(node.counter)];
  if (node.averaged || node.range) {
    if (node.counter) {
      const avg = node.isFloat ? node.total / node.counter : Math.fround(Math.fround(node.total) / node.counter);
      v.push(cFixed(avg, 2));
      v.push(node.isFloat ? cFixed(node.min, 6) : String(node.min));
      v.push(node.isFloat ? cFixed(node.max, 6) : String(node.max));
    } else {
      v.push('-', '-', '-');
    }
  } else {
    v.push('', '', '');
  }
  v.push(tree.elapsed ? cFixed(node.counter / tree.elapsed, 4) : '');
  const parent = node.parent;
  v.push(parent && parent.counter ? `${cFixed((node.counter * 100) / parent.counter, 2)}%` : parent === tree.root ? '100%' : '');
  v.push(node.maxBurst ? cFixed(node.maxBurst / BURST_WINDOW_MS, 4) : '-');
  v.push(node.maxBurst ? cFixed(node.burstStart / 1000, 3) : '-');
  return v;
}

/**
 * Default order: by count, most first; equal counts by name, descending
 * (strcmp on the bytes). Ranges keep their order (st_sort_rng_nameonly and
 * st_sort_rng_fixorder, on by default).
 */
function compareNodes(a: StatsTreeNode, b: StatsTreeNode): number {
  if (a.range && b.range) return a.range.floor - b.range.floor;
  const byCount = a.counter - b.counter;
  const r = byCount !== 0 ? byCount : Buffer.compare(Buffer.from(a.name), Buffer.from(b.name));
  return -r;
}

/** tshark's plain-text rendering of a stats tree (stats_tree_format_as_str, ST_FORMAT_PLAIN). */
export function statsTreeText(tree: StatsTree): string {
  const nameWidth = maxNameLength(tree.root, 0);
  const sepLength = nameWidth + (COLUMNS.length - 1) * (VALUE_WIDTH + 2);
  let out = `\n${'='.repeat(sepLength)}\n${tree.title}:\n${padTo(COLUMNS[0]!, nameWidth)}`;
  for (const c of COLUMNS.slice(1)) out += ` ${padTo(c, VALUE_WIDTH + 1)}`;
  out += `\n${'-'.repeat(sepLength)}\n`;
  const draw = (node: StatsTreeNode, indent: number): void => {
    const v = values(node);
    out += ' '.repeat(indent) + padTo(v[0]!, nameWidth - indent);
    for (const cell of v.slice(1)) out += ` ${padTo(cell, VALUE_WIDTH + 1)}`;
    out += '\n';
    const next = Math.min(indent + 1, INDENT_MAX);
    for (const c of [...node.children].sort(compareNodes)) draw(c, next);
  };
  for (const c of tree.root.children) draw(c, 0);
  return `${out}\n${'-'.repeat(sepLength)}\n`;
}
