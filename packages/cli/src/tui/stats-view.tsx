import { Box, Text } from 'ink';
import type { AddressLayer } from '../stats/address-taps.js';
import { ADDRESS_LAYERS } from './statistics-pass.js';
import { STATS_TABS, type StatsLine, type StatsTab, type StatsTable } from './stats-tables.js';
import { BLANK, cut, fit, fitRight, safeText } from './terminal-text.js';

export interface StatsViewProps {
  tab: StatsTab;
  layer: AddressLayer;
  table: StatsTable;
  lines: readonly StatsLine[];
  sortColumn: number;
  descending: boolean;
  cursor: number;
  top: number;
  height: number;
  width: number;
  /** Frames counted so far, of how many, and whether the pass is over. */
  progress: { scanned: number; target: number; done: boolean };
}

const MAX_COLUMN = 40;

/** Width of each column: the widest of its title and the visible cells (tree indentation included). */
function columnWidths(table: StatsTable, lines: readonly StatsLine[]): number[] {
  return table.columns.map((c, i) => {
    let w = c.title.length + 2;
    for (const l of lines) w = Math.max(w, l.row.cells[i]!.text.length + (i === 0 ? 2 * l.depth : 0));
    return Math.min(MAX_COLUMN, w);
  });
}

/** One statistics table (conversations, endpoints, hierarchy, DNS, HTTP, credentials), sortable, with a cursor. */
export function StatsView({ tab, layer, table, lines, sortColumn, descending, cursor, top, height, width, progress }: StatsViewProps) {
  const tabs = STATS_TABS.map((t, i) => (t.tab === tab ? `[${i + 1} ${t.title}]` : ` ${i + 1} ${t.title} `)).join(' ');
  const layers =
    tab === 'conversations' || tab === 'endpoints'
      ? `Layer: ${ADDRESS_LAYERS.map((l) => (l === layer ? `[${l}]` : ` ${l} `)).join(' ')}   l: next layer`
      : '';
  const visible = lines.slice(top, top + Math.max(0, height - 4));
  const widths = columnWidths(table, visible);
  const cellsLine = (cells: string[], depth: number): string =>
    cells
      .map((text, i) => {
        const w = widths[i]!;
        const shown = i === 0 ? '  '.repeat(depth) + text : text;
        return table.columns[i]!.numeric ? fitRight(shown, w) : fit(shown, w);
      })
      .join(' ');
  const header = cellsLine(
    table.columns.map((c, i) => (i === sortColumn ? `${c.title} ${descending ? '↓' : '↑'}` : c.title)),
    0,
  );
  const state = progress.done
    ? `${lines.length} rows from ${progress.target} packets   ↑/↓ move  s sort  r reverse  Enter show packets  ←/→ table  Esc back`
    : `counting… ${progress.scanned}/${progress.target} frames`;
  const body = [];
  for (let i = 0; i < height - 4; i++) {
    const l = visible[i];
    if (!l) {
      body.push(<Text key={i}>{BLANK}</Text>);
      continue;
    }
    const text = cellsLine(l.row.cells.map((c) => safeText(c.text)), l.depth);
    body.push(
      top + i === cursor ? (
        <Text key={i} backgroundColor="#3875d7" color="#ffffff" wrap="truncate">
          {fit(text, width)}
        </Text>
      ) : (
        <Text key={i} wrap="truncate">
          {cut(text, width)}
        </Text>
      ),
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text bold inverse wrap="truncate">
        {fit(` Statistics ${tabs}`, width)}
      </Text>
      <Text wrap="truncate">{fit(layers, width)}</Text>
      <Text bold wrap="truncate">
        {fit(header, width)}
      </Text>
      {body}
      <Text wrap="truncate" color="#555555">
        {fit(state, width)}
      </Text>
    </Box>
  );
}
