import type { Key } from 'ink';
import type { CaptureModel } from './capture-model.js';
import { FilterEditor } from './filter-editor.js';
import type { TopBar } from './filter-bar.js';
import { FollowBrowser } from './follow-browser.js';
import type { FrameDetails } from './frame-inspector.js';
import { FrozenView, type FrameView } from './frame-view.js';
import { helpLines } from './help-overlay.js';
import { hexRowCount, BYTES_PER_ROW } from './hex-rows.js';
import { paneLayout, type PaneLayout } from './layout.js';
import { movement, scrolledTo } from './list-motion.js';
import { StatsBrowser } from './stats-browser.js';
import { allSubtreeKeys, visibleTreeRows, type TreeRow } from './tree-rows.js';

export type Pane = 'list' | 'details' | 'bytes';
export type Overlay = 'help' | 'follow' | 'stats' | null;
export type KeyResult = 'quit' | 'handled';

const PANES: readonly Pane[] = ['list', 'details', 'bytes'];

/**
 * The TUI's state and what every key does to it, outside React so a burst
 * of keys never sees stale state and the logic can be read in one place.
 * The App renders from it after each key and each background change.
 */
export class UiController {
  focus: Pane = 'list';
  overlay: Overlay = null;
  /** Selected frame number. */
  selected: number | null = null;
  listTop = 0;
  /** Live capture: keep the newest frames in view (End turns it back on). */
  autoScroll: boolean;
  /** Live capture paused: the list is frozen at this many rows while capturing goes on. */
  pausedAt: number | null = null;
  editor: FilterEditor | null = null;
  jumpText: string | null = null;
  readonly history: string[] = [];
  expanded = new Set<string>();
  treeCursor = 0;
  treeTop = 0;
  bytesTab = 0;
  bytesTop = 0;
  follow: FollowBrowser | null = null;
  helpTop = 0;
  stats: StatsBrowser | null = null;
  message: { text: string; error: boolean } | null = null;
  layout: PaneLayout = paneLayout(24);
  width = 80;
  private rowsCache: { no: number; expanded: Set<string>; rows: TreeRow[] } | null = null;
  /** The filter pass whose completion was last reconciled with the selection. */
  private settledPass: unknown = null;

  constructor(readonly model: CaptureModel) {
    this.autoScroll = model.live;
    if (model.notice) this.message = { text: model.notice, error: false };
  }

  /** The drawing area: `width` usable columns on a terminal of `rows` lines. */
  resize(width: number, rows: number): void {
    this.width = width;
    this.layout = paneLayout(rows);
  }

  /** The frames the list shows (frozen while paused). */
  get view(): FrameView {
    const v = this.model.view;
    return this.pausedAt === null ? v : new FrozenView(v, Math.min(this.pausedAt, v.length));
  }

  get bar(): TopBar {
    if (this.editor) return { kind: 'filter', text: this.editor.text, cursor: this.editor.cursor, valid: this.editor.valid };
    if (this.jumpText !== null) return { kind: 'jump', text: this.jumpText };
    return { kind: 'idle', applied: this.model.filterPass?.filter.text ?? '' };
  }

  details(): FrameDetails | null {
    return this.selected === null ? null : this.model.inspector.details(this.selected);
  }

  treeRows(): TreeRow[] {
    const d = this.details();
    if (!d?.root) return [];
    const c = this.rowsCache;
    // `expanded` is replaced, never mutated, so identity tells whether it changed.
    if (c && c.no === d.no && c.expanded === this.expanded) return c.rows;
    const rows = visibleTreeRows(d.root, this.expanded);
    this.rowsCache = { no: d.no, expanded: this.expanded, rows };
    return rows;
  }

  /** The bytes to highlight for the selected details item: [source index, start, end]. */
  highlight(): [number, number, number] | null {
    const d = this.details();
    const row = this.treeRows()[this.treeCursor];
    if (!d || !row || row.node.ds === null || row.node.length <= 0) return null;
    const src = d.sources.indexOf(row.node.ds);
    return src < 0 ? null : [src, row.node.start, row.node.start + row.node.length];
  }

  /**
   * Bring the state in line with what happened in the background before
   * drawing: first frame selected, tail followed, selection kept in view,
   * and a finished filter pass not leaving the selection on a hidden frame.
   */
  sync(): void {
    const view = this.view;
    const pass = this.model.filterPass;
    if (pass?.done && this.settledPass !== pass) {
      this.settledPass = pass;
      if (view.length === 0) {
        this.selected = null;
      } else if (this.selected !== null) {
        const pos = Math.min(view.positionAtOrAfter(this.selected), view.length - 1);
        if (view.frameAt(pos) !== this.selected) this.select(view.frameAt(pos));
        this.revealSelection();
      }
    }
    if (this.selected === null && view.length > 0) this.select(view.frameAt(0));
    const rows = this.layout.listRows;
    if (this.autoScroll && this.pausedAt === null) {
      this.listTop = Math.max(0, view.length - rows);
    } else {
      this.listTop = Math.max(0, Math.min(this.listTop, view.length - rows));
    }
  }

  onKey(input: string, key: Key): KeyResult {
    this.message = null;
    if (key.ctrl && input === 'c') return 'quit';
    if (this.editor) return this.onFilterKey(input, key);
    if (this.jumpText !== null) return this.onJumpKey(input, key);
    if (this.overlay === 'help') return this.onHelpKey(input, key);
    if (this.overlay === 'follow') return this.onFollowKey(input, key);
    if (this.overlay === 'stats') return this.onStatsKey(input, key);
    if (input === 'q') return 'quit';
    if (key.tab) {
      const i = PANES.indexOf(this.focus);
      this.focus = PANES[(i + (key.shift ? PANES.length - 1 : 1)) % PANES.length]!;
      return 'handled';
    }
    switch (input) {
      case '?':
        this.overlay = 'help';
        this.helpTop = 0;
        return 'handled';
      case '/':
        this.editor = new FilterEditor(this.history);
        this.editor.open(this.model.filterPass?.filter.text ?? '');
        this.message = this.filterMessage();
        return 'handled';
      case ':':
        this.jumpText = '';
        return 'handled';
      case 'F':
        this.startFollow();
        return 'handled';
      case 'S':
        this.stats = new StatsBrowser(this.model.statistics());
        this.overlay = 'stats';
        return 'handled';
      case 'p':
        this.togglePause();
        return 'handled';
      case 'e':
        this.expandAll();
        return 'handled';
      case 'c':
        this.expanded = new Set();
        this.treeCursor = 0;
        this.treeTop = 0;
        return 'handled';
    }
    if (this.focus === 'list') this.onListKey(input, key);
    else if (this.focus === 'details') this.onDetailsKey(input, key);
    else this.onBytesKey(input, key);
    return 'handled';
  }

  /** Scroll the list to the selected packet, as Wireshark does after a filter changes. */
  private revealSelection(): void {
    if (this.selected === null) return;
    const pos = this.view.positionAtOrAfter(this.selected);
    this.listTop = scrolledTo(this.listTop, pos, this.layout.listRows);
  }

  /** Select frame `no`, keeping the details cursor on the same kind of item if the new frame has one. */
  select(no: number): void {
    if (no === this.selected) return;
    const key = this.rowsCache?.rows[this.treeCursor]?.key;
    this.selected = no;
    const rows = this.treeRows();
    const same = key === undefined ? -1 : rows.findIndex((r) => r.key === key);
    this.treeCursor = Math.max(0, same);
    this.treeTop = scrolledTo(Math.min(this.treeTop, this.treeCursor), this.treeCursor, this.layout.detailsRows);
    this.bytesTab = 0;
    this.bytesTop = 0;
    this.followHighlight();
  }

  private onListKey(input: string, key: Key): void {
    if (key.return) {
      this.focus = 'details';
      return;
    }
    const view = this.view;
    if (view.length === 0) return;
    const current = this.selected === null ? 0 : Math.min(view.positionAtOrAfter(this.selected), view.length - 1);
    // From a frame the filter hid, ↑ goes to the shown frame before it.
    const hidden = this.selected !== null && view.frameAt(current) !== this.selected;
    const from = hidden && (key.upArrow || input === 'k') ? current + 1 : current;
    const next = movement(input, key, this.layout.listRows, from, view.length);
    if (next === null) return;
    this.autoScroll = this.model.live && next === view.length - 1 && (key.end || input === 'G');
    this.select(view.frameAt(next));
    this.listTop = scrolledTo(this.listTop, next, this.layout.listRows);
  }

  private onDetailsKey(input: string, key: Key): void {
    const rows = this.treeRows();
    const row = rows[this.treeCursor];
    if (row && (key.rightArrow || key.return || input === ' ' || input === 'E')) {
      if (input === 'E') {
        this.expandAll(row);
      } else if (key.rightArrow && row.expanded) {
        this.moveTree(this.treeCursor + 1);
      } else if (row.expandable) {
        this.toggle(row.key, key.rightArrow ? true : !row.expanded);
      }
      return;
    }
    if (row && key.leftArrow) {
      if (row.expanded) {
        this.toggle(row.key, false);
      } else {
        // Go to the parent item.
        for (let i = this.treeCursor - 1; i >= 0; i--) {
          if (rows[i]!.depth < row.depth) {
            this.moveTree(i);
            break;
          }
        }
      }
      return;
    }
    const next = movement(input, key, this.layout.detailsRows, this.treeCursor, rows.length);
    if (next !== null) this.moveTree(next);
  }

  private onBytesKey(input: string, key: Key): void {
    const d = this.details();
    if (!d || d.sources.length === 0) return;
    if (key.leftArrow || key.rightArrow) {
      const n = d.sources.length;
      this.bytesTab = (this.bytesTab + (key.rightArrow ? 1 : n - 1)) % n;
      this.bytesTop = 0;
      return;
    }
    const total = hexRowCount(d.sources[this.bytesTab]?.bytes.length ?? 0);
    const height = this.layout.bytesRows;
    const next = movement(input, key, height, this.bytesTop, Math.max(1, total - height + 1));
    if (next !== null) this.bytesTop = next;
  }

  private moveTree(cursor: number): void {
    this.treeCursor = cursor;
    this.treeTop = scrolledTo(this.treeTop, cursor, this.layout.detailsRows);
    this.followHighlight();
  }

  /** Show the data source that holds the selected item's bytes, scrolled to them (Wireshark does both). */
  private followHighlight(): void {
    const h = this.highlight();
    if (!h) return;
    const [src, start] = h;
    if (src !== this.bytesTab) this.bytesTab = src;
    // A field out of view is brought to the top, so as much of it as possible shows.
    const row = Math.floor(start / BYTES_PER_ROW);
    const height = this.layout.bytesRows;
    if (row < this.bytesTop || row >= this.bytesTop + height) {
      const total = hexRowCount(this.details()!.sources[src]!.bytes.length);
      this.bytesTop = Math.max(0, Math.min(row, total - height));
    }
  }

  private toggle(key: string, open: boolean): void {
    const next = new Set(this.expanded);
    if (open) next.add(key);
    else next.delete(key);
    this.expanded = next;
  }

  private expandAll(row?: TreeRow): void {
    const d = this.details();
    if (!d?.root) return;
    const next = new Set(this.expanded);
    if (row) {
      next.add(row.key);
      for (const k of allSubtreeKeys(row.node, row.key)) next.add(k);
    } else {
      for (const k of allSubtreeKeys(d.root)) next.add(k);
    }
    this.expanded = next;
  }

  private togglePause(): void {
    if (!this.model.live) {
      this.message = { text: 'p pauses the list of a live capture; this is a file', error: false };
      return;
    }
    this.pausedAt = this.pausedAt === null ? this.model.view.length : null;
  }

  private filterMessage(): { text: string; error: boolean } | null {
    const p = this.editor?.problem;
    return p ? { text: p.message, error: true } : null;
  }

  private onFilterKey(input: string, key: Key): KeyResult {
    const editor = this.editor!;
    const out = editor.onKey(input, key);
    if (out.kind === 'cancel') {
      this.editor = null;
    } else if (out.kind === 'apply') {
      this.editor = null;
      this.settledPass = null;
      this.listTop = 0;
      if (out.filter) {
        this.model.applyFilter(out.filter);
      } else {
        this.model.clearFilter();
        this.revealSelection();
      }
    } else {
      this.message = this.filterMessage();
    }
    return 'handled';
  }

  private onJumpKey(input: string, key: Key): KeyResult {
    if (key.escape) {
      this.jumpText = null;
    } else if (key.return) {
      const no = Number(this.jumpText);
      this.jumpText = null;
      if (no >= 1) this.goTo(no);
    } else if (key.backspace || key.delete) {
      this.jumpText = this.jumpText!.slice(0, -1);
    } else if (/^\d+$/.test(input)) {
      this.jumpText += input;
    }
    return 'handled';
  }

  private goTo(no: number): void {
    const view = this.view;
    const pos = view.positionAtOrAfter(no);
    if (no > this.model.index.count) {
      this.message = { text: `There is no packet ${no} (yet): ${this.model.index.count} read`, error: true };
    } else if (pos >= view.length || view.frameAt(pos) !== no) {
      this.message = { text: `Packet ${no} is not displayed: the filter hides it`, error: true };
    } else {
      this.autoScroll = false;
      this.select(no);
      this.listTop = scrolledTo(this.listTop, pos, this.layout.listRows);
      this.focus = 'list';
    }
  }

  private onHelpKey(input: string, key: Key): KeyResult {
    if (key.escape || input === 'q' || input === '?') {
      this.overlay = null;
      return 'handled';
    }
    const height = this.layout.overlayRows;
    const next = movement(input, key, height, this.helpTop, Math.max(1, helpLines().length - height + 1));
    if (next !== null) this.helpTop = next;
    return 'handled';
  }

  private startFollow(): void {
    if (this.selected === null) return;
    const f = this.model.follow(this.selected);
    if (!f) {
      this.message = { text: `Packet ${this.selected} is not part of a TCP or UDP stream`, error: true };
      return;
    }
    this.follow = new FollowBrowser(f);
    this.overlay = 'follow';
  }

  private onFollowKey(input: string, key: Key): KeyResult {
    const action = this.follow!.onKey(input, key, this.layout.overlayRows - 2, this.width);
    if (action?.kind === 'note') {
      this.message = { text: action.text, error: false };
    } else if (action) {
      this.follow!.close();
      this.follow = null;
      this.overlay = null;
      if (action.kind === 'filter') this.applyFilterText(action.text);
    }
    return 'handled';
  }

  /** Apply a filter the UI wrote itself (from Follow or a statistics row). */
  applyFilterText(text: string): void {
    const editor = new FilterEditor(this.history);
    editor.open(text);
    const out = editor.submit();
    if (out.kind === 'apply' && out.filter) {
      this.model.applyFilter(out.filter);
      this.settledPass = null;
      this.listTop = 0;
    }
  }

  private closeStats(): void {
    this.overlay = null;
    this.stats = null;
    this.model.dropUnfinishedStatistics();
  }

  private onStatsKey(input: string, key: Key): KeyResult {
    const action = this.stats!.onKey(input, key, Math.max(1, this.layout.overlayRows - 4));
    switch (action?.kind) {
      case 'close':
        this.closeStats();
        break;
      case 'goto':
        this.closeStats();
        this.goTo(action.frame);
        break;
      case 'filter':
        this.closeStats();
        this.applyFilterText(action.text);
        break;
      case 'note':
        this.message = { text: action.text, error: false };
        break;
    }
    return 'handled';
  }
}
