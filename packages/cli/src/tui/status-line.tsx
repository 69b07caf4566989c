import { Text } from 'ink';
import { fit, safeText } from './terminal-text.js';

export interface StatusLineProps {
  /** Capture name (file or interface). */
  name: string;
  total: number;
  displayed: number;
  filter: string;
  /** "Loading 42%", "Filtering 10%", "Live", "Paused (+12)", "Damaged: ..."; empty when idle. */
  state: string;
  /** A message that takes precedence (a filter error while typing, "No packet 99"). */
  message: { text: string; error: boolean } | null;
  width: number;
}

/** The status line: file, frames shown/total, filter, capture state — or the message of the moment. */
export function StatusLine({ name, total, displayed, filter, state, message, width }: StatusLineProps) {
  if (message) {
    return (
      <Text wrap="truncate" backgroundColor={message.error ? '#ffafaf' : '#e0e0e0'} color="#000000">
        {fit(` ${safeText(message.text)}`, width)}
      </Text>
    );
  }
  const pct = total ? ` (${((displayed * 100) / total).toFixed(1)}%)` : '';
  const parts = [safeText(name), `Packets: ${total}`, `Displayed: ${displayed}${filter ? pct : ''}`];
  if (filter) parts.push(`Filter: ${safeText(filter)}`);
  if (state) parts.push(safeText(state));
  parts.push('? help  q quit');
  return (
    <Text wrap="truncate" backgroundColor="#e0e0e0" color="#000000">
      {fit(` ${parts.join(' │ ')}`, width)}
    </Text>
  );
}
