import { Box, Text } from 'ink';
import { KEY_BINDINGS } from './key-bindings.js';
import { BLANK, cut } from './terminal-text.js';

export interface HelpOverlayProps {
  height: number;
  width: number;
  /** First line shown (the help scrolls on small terminals). */
  top: number;
}

/** Every line of the help, for scrolling. */
export function helpLines(): string[] {
  const lines = ['Keys (Esc, q or ? to close)', ''];
  for (const g of KEY_BINDINGS) {
    lines.push(g.group);
    for (const [k, what] of g.keys) lines.push(`  ${k.padEnd(22)}${what}`);
    lines.push('');
  }
  return lines;
}

/** The help overlay listing every key. */
export function HelpOverlay({ height, width, top }: HelpOverlayProps) {
  const lines = helpLines();
  const shown = [];
  for (let i = 0; i < height; i++) {
    const line = lines[top + i] ?? '';
    const heading = line !== '' && !line.startsWith(' ');
    shown.push(
      <Text key={i} bold={heading} wrap="truncate">
        {cut(line, width) || BLANK}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      {shown}
    </Box>
  );
}
