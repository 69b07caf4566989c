import { Box, Text } from 'ink';
import { BLANK, cut, fit, safeText } from './terminal-text.js';
import type { RowSeverity, TreeRow } from './tree-rows.js';

export interface DetailsTreeProps {
  rows: readonly TreeRow[];
  /** Index of the selected line in `rows`. */
  cursor: number;
  top: number;
  height: number;
  width: number;
  focused: boolean;
  /** Title line: which frame, or why there is none. */
  title: string;
  /** Shown instead of the tree when the frame cannot be shown. */
  problem: string | null;
}

/** Wireshark's expert-info colours, by severity. */
const SEVERITY_COLORS: Record<Exclude<RowSeverity, null>, { bg: string; fg: string }> = {
  error: { bg: '#ff5c5c', fg: '#000000' },
  warning: { bg: '#ffff5c', fg: '#000000' },
  note: { bg: '#a0ffff', fg: '#000000' },
  chat: { bg: '#80b7f7', fg: '#000000' },
};

function marker(r: TreeRow): string {
  return r.expandable ? (r.expanded ? '▾ ' : '▸ ') : '  ';
}

/** The details pane: the selected frame's tree, expandable, with expert items coloured. */
export function DetailsTree({ rows, cursor, top, height, width, focused, title, problem }: DetailsTreeProps) {
  const lines = [];
  if (problem !== null) {
    lines.push(
      <Text key="problem" color="yellow" wrap="truncate">
        {fit(safeText(problem), width)}
      </Text>,
    );
  }
  const treeLines = height - lines.length;
  for (let i = 0; i < treeLines; i++) {
    const r = rows[top + i];
    if (!r) {
      lines.push(<Text key={i}>{BLANK}</Text>);
      continue;
    }
    const isCursor = top + i === cursor;
    const sev = r.severity ? SEVERITY_COLORS[r.severity] : null;
    const label = `${'  '.repeat(r.depth)}${marker(r)}${safeText(r.label)}`;
    // Only a line with a background is padded to the full width.
    const text = isCursor || sev ? fit(label, width) : cut(label, width);
    lines.push(
      <Text
        key={i}
        wrap="truncate"
        backgroundColor={isCursor ? (focused ? '#3875d7' : '#b4c8e8') : sev?.bg}
        color={isCursor ? (focused ? '#ffffff' : '#000000') : sev?.fg}
      >
        {text}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text bold inverse={focused} wrap="truncate">
        {fit(` ${safeText(title)}`, width)}
      </Text>
      {lines}
    </Box>
  );
}
