import type { DataSource } from '@netdissect/core';
import { Box, Text } from 'ink';
import { hexRows } from './hex-rows.js';
import { BLANK, fit, safeText } from './terminal-text.js';

export interface BytesPaneProps {
  sources: readonly DataSource[];
  /** Index of the data source shown (the tab). */
  tab: number;
  /** Bytes of the selected field in the shown source, [start, end). */
  highlight: [number, number] | null;
  top: number;
  height: number;
  width: number;
  focused: boolean;
}

/**
 * The bytes pane: hex and ASCII of one data source — the frame, or a
 * reassembled or decoded buffer, each a tab as in Wireshark — with the
 * selected field's bytes highlighted.
 */
export function BytesPane({ sources, tab, highlight, top, height, width, focused }: BytesPaneProps) {
  const source = sources[tab];
  const tabs = sources.map((s, i) => (i === tab ? `[${safeText(s.name)}]` : ` ${safeText(s.name)} `)).join(' ');
  const [hlStart, hlEnd] = highlight ?? [0, 0];
  const rows = source ? hexRows(source.bytes, top, height, hlStart, hlEnd) : [];
  const lines = [];
  for (let i = 0; i < height; i++) {
    const r = rows[i];
    if (!r) {
      lines.push(<Text key={i}>{BLANK}</Text>);
      continue;
    }
    lines.push(
      <Text key={i} wrap="truncate">
        {r.offset}  {r.hex[0]}
        <Text inverse>{r.hex[1]}</Text>
        {r.hex[2]}   {r.ascii[0]}
        <Text inverse>{r.ascii[1]}</Text>
        {r.ascii[2]}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text bold inverse={focused} wrap="truncate">
        {fit(` ${tabs || 'No bytes'}`, width)}
      </Text>
      {lines}
    </Box>
  );
}
