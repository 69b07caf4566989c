import { Text } from 'ink';
import { fit, safeText } from './terminal-text.js';

/** What the one-line bar at the top is doing. */
export type TopBar =
  | { kind: 'filter'; text: string; cursor: number; valid: boolean | null }
  | { kind: 'jump'; text: string }
  | { kind: 'idle'; applied: string };

export interface FilterBarProps {
  bar: TopBar;
  width: number;
}

/**
 * The display filter bar: green while the text is a valid filter, red
 * while it is not (like Wireshark), with a cursor; it doubles as the
 * "Go to packet" prompt.
 */
export function FilterBar({ bar, width }: FilterBarProps) {
  if (bar.kind === 'idle') {
    const text = bar.applied ? `Filter: ${bar.applied}` : 'Filter: (none)   / to filter   ? for help';
    return <Text wrap="truncate">{fit(safeText(text), width)}</Text>;
  }
  if (bar.kind === 'jump') {
    return (
      <Text wrap="truncate" backgroundColor="#ffffff" color="#000000">
        {fit(`Go to packet: ${bar.text}_`, width)}
      </Text>
    );
  }
  const prefix = 'Filter: ';
  const text = safeText(bar.text);
  // The cursor position in the escaped text (escaping only lengthens what is before it).
  const cursor = safeText(bar.text.slice(0, bar.cursor)).length;
  const bg = bar.valid === null ? '#ffffff' : bar.valid ? '#afffaf' : '#ffafaf';
  const after = fit(text.slice(cursor + 1), Math.max(0, width - prefix.length - cursor - 1));
  return (
    <Text wrap="truncate" backgroundColor={bg} color="#000000">
      {prefix}
      {text.slice(0, cursor)}
      <Text inverse>{text[cursor] ?? ' '}</Text>
      {after}
    </Text>
  );
}
