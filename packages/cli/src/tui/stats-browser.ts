import type { Key } from 'ink';
import type { AddressLayer } from '../stats/address-taps.js';
import { movement, scrolledTo } from './list-motion.js';
import { ADDRESS_LAYERS, type StatisticsPass } from './statistics-pass.js';
import { sortedLines, statsTable, STATS_TABS, type StatsLine, type StatsTab, type StatsTable } from './stats-tables.js';

export interface StatsScreen {
  table: StatsTable;
  lines: StatsLine[];
  sortColumn: number;
  descending: boolean;
}

/** What a key in the statistics asks of the rest of the UI. */
export type StatsAction = { kind: 'close' } | { kind: 'filter'; text: string } | { kind: 'goto'; frame: number } | { kind: 'note'; text: string } | null;

/**
 * Browsing the statistics: which table, which layer, the order, the
 * cursor. The sorted table is rebuilt only when the counts or a choice
 * change, so moving through a 100,000-row table costs nothing.
 */
export class StatsBrowser {
  tab: StatsTab = 'conversations';
  layer: AddressLayer = 'ip';
  /** Column sorted by; null: the table's own default. */
  private sort: number | null = null;
  private descending = true;
  cursor = 0;
  top = 0;
  private cache: { key: string; screen: StatsScreen } | null = null;

  constructor(readonly pass: StatisticsPass) {}

  screen(): StatsScreen {
    const key = `${this.pass.changed.version}/${this.tab}/${this.layer}/${this.sort}/${this.descending}`;
    if (this.cache?.key === key) return this.cache.screen;
    const table = statsTable(this.pass, this.tab, this.layer);
    const sortColumn = this.sort ?? table.defaultSort;
    const screen = { table, lines: sortedLines(table, sortColumn, this.descending), sortColumn, descending: this.descending };
    this.cache = { key, screen };
    return screen;
  }

  /** Handle a key; `height` is the number of table rows on screen. */
  onKey(input: string, key: Key, height: number): StatsAction {
    const screen = this.screen();
    const tabIndex = STATS_TABS.findIndex((t) => t.tab === this.tab);
    if (key.escape || input === 'q' || input === 'S') return { kind: 'close' };
    if (key.leftArrow || key.rightArrow) {
      const n = STATS_TABS.length;
      this.choose(STATS_TABS[(tabIndex + (key.rightArrow ? 1 : n - 1)) % n]!.tab);
    } else if (/^[1-9]$/.test(input) && STATS_TABS[Number(input) - 1]) {
      this.choose(STATS_TABS[Number(input) - 1]!.tab);
    } else if (input === 'l' && (this.tab === 'conversations' || this.tab === 'endpoints')) {
      this.layer = ADDRESS_LAYERS[(ADDRESS_LAYERS.indexOf(this.layer) + 1) % ADDRESS_LAYERS.length]!;
      // Another layer has other columns: back to its default order.
      this.choose(this.tab);
    } else if (input === 's') {
      const next = (screen.sortColumn + 1) % screen.table.columns.length;
      this.sort = next;
      // Numbers read best largest first, names in alphabetical order.
      this.descending = screen.table.columns[next]!.numeric;
    } else if (input === 'r') {
      this.sort ??= screen.sortColumn;
      this.descending = !this.descending;
    } else if (key.return) {
      const row = screen.lines[this.cursor]?.row;
      if (row?.frame != null) return { kind: 'goto', frame: row.frame };
      if (row?.filter) return { kind: 'filter', text: row.filter };
      if (row) return { kind: 'note', text: 'This row has no packets of its own to show' };
    } else {
      const next = movement(input, key, height, this.cursor, Math.max(1, screen.lines.length));
      if (next !== null) {
        this.cursor = next;
        this.top = scrolledTo(this.top, next, height);
      }
    }
    return null;
  }

  private choose(tab: StatsTab): void {
    this.tab = tab;
    this.sort = null;
    this.descending = true;
    this.cursor = 0;
    this.top = 0;
  }
}
