import { Box, useApp, useInput } from 'ink';
import { useReducer, useRef, useState } from 'react';
import { BytesPane } from './bytes-pane.js';
import type { CaptureModel } from './capture-model.js';
import { DetailsTree } from './details-tree.js';
import { FilterBar } from './filter-bar.js';
import { FollowView } from './follow-view.js';
import { HelpOverlay } from './help-overlay.js';
import { PacketList } from './packet-list.js';
import { StatsView } from './stats-view.js';
import { StatusLine } from './status-line.js';
import { typedKeys } from './typed-keys.js';
import { UiController } from './ui-controller.js';
import { useSignal } from './use-signal.js';
import { useTerminalSize, type TerminalSize } from './use-terminal-size.js';

export interface AppProps {
  model: CaptureModel;
  /** Fixed size (tests); by default the terminal's, following resizes. */
  size?: TerminalSize;
}

function percent(x: number): string {
  return `${Math.floor(x * 100)}%`;
}

/** What the capture and the list are doing, for the status line. */
function stateText(ui: UiController): string {
  const { indexer, filterPass, live } = ui.model;
  const parts: string[] = [];
  if (indexer.state === 'reading') {
    parts.push(live ? 'Capturing' : indexer.progress === null ? 'Loading…' : `Loading ${percent(indexer.progress)}`);
  } else if (indexer.state === 'damaged' || indexer.state === 'failed') {
    parts.push(indexer.message);
  } else if (live) {
    parts.push('Capture ended');
  }
  if (filterPass && !filterPass.done) parts.push(`Filtering ${filterPass.target ? percent(filterPass.scanned / filterPass.target) : ''}`);
  if (ui.pausedAt !== null) parts.push(`Paused (+${Math.max(0, ui.model.view.length - ui.pausedAt)} new)`);
  return parts.join(' · ');
}

/** The whole screen: filter bar, the three panes (or an overlay), status line. */
export function App({ model, size }: AppProps) {
  const { exit } = useApp();
  const terminal = useTerminalSize({ columns: 100, rows: 30 });
  const { columns, rows } = size ?? terminal;
  const ui = useRef<UiController | null>(null);
  ui.current ??= new UiController(model);
  const c = ui.current;
  const [, redraw] = useReducer((x: number) => x + 1, 0);
  const [failure, setFailure] = useState<unknown>(null);
  useSignal(model.indexer.changed);
  useSignal(model.filterPass?.changed);
  useSignal(c.follow?.follow.changed);
  useSignal(c.stats?.pass.changed);

  useInput((input, key) => {
    try {
      for (const [i, k] of typedKeys(input, key)) {
        if (c.onKey(i, k) === 'quit') {
          exit();
          return;
        }
      }
      redraw();
    } catch (e) {
      setFailure(e);
    }
  });
  // A failure while handling a key is raised while drawing, where the error boundary reports it in one line.
  if (failure) throw failure;

  // The last column stays empty: a line that fills it leaves some terminals wrapping early and Ink's redraw drifting.
  const width = Math.max(20, columns - 1);
  c.resize(width, rows);
  c.sync();
  const view = c.view;
  const { layout } = c;

  let body;
  if (c.overlay === 'help') {
    body = <HelpOverlay height={layout.overlayRows} width={width} top={c.helpTop} />;
  } else if (c.overlay === 'stats' && c.stats) {
    const { table, lines, sortColumn, descending } = c.stats.screen();
    const pass = c.stats.pass;
    body = (
      <StatsView
        tab={c.stats.tab}
        layer={c.stats.layer}
        table={table}
        lines={lines}
        sortColumn={sortColumn}
        descending={descending}
        cursor={c.stats.cursor}
        top={c.stats.top}
        height={layout.overlayRows}
        width={width}
        progress={{ scanned: pass.scanned, target: pass.target, done: pass.done }}
      />
    );
  } else if (c.overlay === 'follow' && c.follow) {
    body = <FollowView follow={c.follow.follow} mode={c.follow.mode} lines={c.follow.lines(width)} top={c.follow.top} height={layout.overlayRows} width={width} />;
  } else {
    const details = c.details();
    const rowsOfTree = c.treeRows();
    const hl = c.highlight();
    const title = details ? `Packet ${details.no}` : view.length ? 'No packet selected' : 'No packets';
    body = (
      <>
        <PacketList model={model} view={view} top={c.listTop} selected={c.selected} rows={layout.listRows} width={width} focused={c.focus === 'list'} />
        <DetailsTree
          rows={rowsOfTree}
          cursor={c.treeCursor}
          top={c.treeTop}
          height={layout.detailsRows}
          width={width}
          focused={c.focus === 'details'}
          title={title}
          problem={details?.problem ?? null}
        />
        <BytesPane
          sources={details?.sources ?? []}
          tab={c.bytesTab}
          highlight={hl && hl[0] === c.bytesTab ? [hl[1], hl[2]] : null}
          top={c.bytesTop}
          height={layout.bytesRows}
          width={width}
          focused={c.focus === 'bytes'}
        />
      </>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <FilterBar bar={c.bar} width={width} />
      {body}
      <StatusLine
        name={model.name}
        total={model.index.count}
        displayed={view.length}
        filter={model.filterPass?.filter.text ?? ''}
        state={stateText(c)}
        message={c.message}
        width={width}
      />
    </Box>
  );
}
