import { Box, Text } from 'ink';
import type { CaptureModel } from './capture-model.js';
import type { FrameView } from './frame-view.js';
import { columnWidths, headerLine, rowLine } from './packet-columns.js';
import { BLANK, fit } from './terminal-text.js';

export interface PacketListProps {
  model: CaptureModel;
  view: FrameView;
  /** Position of the first row shown. */
  top: number;
  selected: number | null;
  rows: number;
  width: number;
  focused: boolean;
}

/**
 * The packet list, virtualised: only the rows on screen are read from the
 * index and coloured, so a million frames cost the same as fifty.
 */
export function PacketList({ model, view, top, selected, rows, width, focused }: PacketListProps) {
  const w = columnWidths(width);
  const lines = [];
  for (let i = 0; i < rows; i++) {
    const pos = top + i;
    if (pos >= view.length) {
      lines.push(<Text key={i}>{BLANK}</Text>);
      continue;
    }
    const no = view.frameAt(pos);
    const isSelected = no === selected;
    const line = rowLine(model.index.row(no), w, isSelected);
    if (isSelected) {
      lines.push(
        <Text key={i} backgroundColor={focused ? '#3875d7' : '#b4c8e8'} color={focused ? '#ffffff' : '#000000'} wrap="truncate">
          {line}
        </Text>,
      );
      continue;
    }
    const rule = model.colorizer.colorOf(no);
    lines.push(
      <Text key={i} backgroundColor={rule?.background} color={rule?.foreground} wrap="truncate">
        {line}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text bold inverse={focused} wrap="truncate">
        {fit(headerLine(w), width)}
      </Text>
      {lines}
    </Box>
  );
}
