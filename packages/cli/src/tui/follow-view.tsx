import { Box, Text } from 'ink';
import type { FollowMode, FollowText } from './follow-lines.js';
import type { StreamFollow } from './stream-follow.js';
import { BLANK, fit, safeText } from './terminal-text.js';

export interface FollowViewProps {
  follow: StreamFollow;
  mode: FollowMode;
  lines: FollowText;
  top: number;
  height: number;
  width: number;
}

const MODE_TITLES: Record<FollowMode, string> = { ascii: 'ASCII', hex: 'Hex', transcript: 'Transcript' };

/** Wireshark's Follow Stream colours: client red on pink, server blue on light blue. */
const SIDE_COLORS = {
  client: { fg: '#7f0000', bg: '#fbeded' },
  server: { fg: '#00007f', bg: '#ededfb' },
  note: { fg: '#000000', bg: '#e0e0e0' },
} as const;

function endpoint(f: StreamFollow, side: 'client' | 'server'): string {
  const e = f.endpoints;
  if (!e) return '?';
  const [addr, port] = side === 'client' ? [e.client, e.clientPort] : [e.server, e.serverPort];
  const a = addr.toString();
  return a.includes(':') ? `[${a}]:${port}` : `${a}:${port}`;
}

/** A followed stream, the two directions in two colours, scrollable, ASCII or hex. */
export function FollowView({ follow, mode, lines, top, height, width }: FollowViewProps) {
  const toServer = ` ${safeText(endpoint(follow, 'client'))} → ${safeText(endpoint(follow, 'server'))} `;
  const toClient = ` ${safeText(endpoint(follow, 'server'))} → ${safeText(endpoint(follow, 'client'))} `;
  const keys = `   a ASCII  x hex${follow.kind === 'tcp' ? '  t transcript' : ''}  Enter filter on this stream  Esc back`;
  const title = `Follow ${follow.kind.toUpperCase()} Stream (${follow.filterText}) — ${MODE_TITLES[mode]}`;
  const progress = follow.done ? `${lines.length} lines` : `reading ${follow.dissected}/${follow.frames.length} frames…`;
  const body = [];
  for (let i = 0; i < height - 2; i++) {
    const l = lines.line(top + i);
    if (!l) {
      body.push(<Text key={i}>{BLANK}</Text>);
      continue;
    }
    const c = SIDE_COLORS[l.side];
    body.push(
      <Text key={i} color={c.fg} backgroundColor={c.bg} wrap="truncate">
        {fit(safeText(l.text), width)}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text bold inverse wrap="truncate">
        {fit(` ${title}   ${progress}`, width)}
      </Text>
      <Text wrap="truncate">
        <Text color={SIDE_COLORS.client.fg} backgroundColor={SIDE_COLORS.client.bg}>
          {toServer}
        </Text>{' '}
        <Text color={SIDE_COLORS.server.fg} backgroundColor={SIDE_COLORS.server.bg}>
          {toClient}
        </Text>
        {fit(keys, Math.max(0, width - toServer.length - toClient.length - 1))}
      </Text>
      {body}
    </Box>
  );
}
