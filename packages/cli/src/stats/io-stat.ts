import { FT, fieldRegistry, type DissectedFrame, type DissectionSession, type FieldDef, type FieldNode, type RawPacket } from '@netdissect/core';
import type { TreeNeeds } from '../output/frame-printer.js';
import { UsageError } from '../usage-error.js';
import { relativeTime, type NsTime } from './frame-clock.js';
import { ioStatText } from './io-stat-table.js';
import { compileStatsFilter, type StatsFilter } from './stats-filter.js';
import type { StatsOutput } from './stats-request.js';

/** What a column computes (tap-iostat.c's calc types). */
export type IoCalc = 'FRAMES' | 'BYTES' | 'FRAMES BYTES' | 'COUNT' | 'SUM' | 'MIN' | 'MAX' | 'AVG' | 'LOAD';

/** In the order tshark tries them against a column's text. */
const CALCS: readonly IoCalc[] = ['FRAMES', 'BYTES', 'FRAMES BYTES', 'COUNT', 'SUM', 'MIN', 'MAX', 'AVG', 'LOAD'];

/** How a field's values are added up: integers, C floats, doubles, or relative times (in ns). */
export type IoValueKind = 'int' | 'float' | 'double' | 'time';

/** One column of the table: a calculation over the frames that pass its filter. */
export interface IoColumnSpec {
  /** The column as given ("tcp", "AVG(tcp.analysis.ack_rtt)tcp"), or null for an empty one. */
  readonly text: string | null;
  readonly calc: IoCalc;
  /** The field of COUNT/SUM/MIN/MAX/AVG/LOAD. */
  readonly field: { readonly abbrev: string; readonly defs: readonly FieldDef[]; readonly kind: IoValueKind } | null;
  readonly filter: StatsFilter | null;
}

/** A parsed "io,stat,INTERVAL[,COLUMN...]". */
export interface IoStatSpec {
  /** Interval in microseconds; null for "0" (one row over the whole capture). */
  readonly intervalUs: number | null;
  /** Decimals shown for times (from the interval as given). */
  readonly precision: number;
  readonly columns: readonly IoColumnSpec[];
}

const USAGE = 'invalid "-z io,stat,<interval>[,<filter>][,<filter>]..." argument';

function valueKind(def: FieldDef): IoValueKind | null {
  switch (def.type) {
    case FT.UINT8: case FT.UINT16: case FT.UINT24: case FT.UINT32: case FT.UINT64:
    case FT.INT8: case FT.INT16: case FT.INT24: case FT.INT32: case FT.INT64:
      return 'int';
    case FT.FLOAT: return 'float';
    case FT.DOUBLE: return 'double';
    case FT.RELATIVE_TIME: return 'time';
    default: return null;
  }
}

/** register_io_tap: "FILTER", "CALC(field)FILTER", "FRAMES", "BYTES()FILTER"... */
function parseColumn(text: string | null): IoColumnSpec {
  if (text === null) return { text, calc: 'FRAMES BYTES', field: null, filter: null };
  let calc: IoCalc = 'FRAMES BYTES';
  let filterText = text;
  let fieldName: string | null = null;
  for (const name of CALCS) {
    if (!text.startsWith(name)) {
      if (calc === 'FRAMES' || calc === 'BYTES') filterText = '';
      continue;
    }
    calc = name;
    if (text[name.length] !== '(') continue;
    const close = text.indexOf(')', name.length + 1);
    if (close < 0) throw new UsageError('io,stat: closing parenthesis missing from calculated expression');
    const inner = text.slice(name.length + 1, close);
    if ((calc === 'FRAMES' || calc === 'BYTES') && inner !== '') throw new UsageError(`io,stat: ${name} does not require or allow a field name within the parens`);
    if (calc !== 'FRAMES' && calc !== 'BYTES' && inner === '') throw new UsageError(`io,stat: you didn't specify a field name for ${name}(*)`);
    filterText = text.slice(close + 1);
    if (calc !== 'FRAMES' && calc !== 'BYTES') fieldName = inner;
    break;
  }
  let field: IoColumnSpec['field'] = null;
  if (fieldName !== null) {
    const defs = fieldRegistry.lookup(fieldName);
    if (!defs?.length) throw new UsageError(`io,stat: there is no field named '${fieldName}'`);
    const kind = valueKind(defs[0]!);
    if (calc !== 'COUNT') {
      if (kind === null) throw new UsageError(`io,stat: ${fieldName} doesn't have integral values, so ${calc}(*) calculations are not supported on it`);
      if (calc === 'LOAD' && kind !== 'time') throw new UsageError(`io,stat: LOAD() is only supported for relative-time fields such as smb.time`);
    }
    field = { abbrev: fieldName, defs, kind: kind ?? 'int' };
  }
  return { text, calc, field, filter: filterText ? compileStatsFilter('io,stat', filterText) : null };
}

/** iostat_init: the interval (seconds, "0" for the whole capture) and the comma-separated columns. */
export function parseIoStat(arg: string): IoStatSpec {
  const m = /^io,stat,(\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(arg);
  if (!m || arg.endsWith(',')) throw new UsageError(USAGE);
  const rest = arg.slice(m[0].length);
  if (rest !== '' && !rest.startsWith(',')) throw new UsageError(USAGE);
  const seconds = Number(m[1]);
  let intervalUs: number | null = null;
  let precision = 0;
  if (seconds !== 0) {
    intervalUs = Math.floor(seconds * 1e6 + 0.5);
    if (intervalUs < 1) throw new UsageError('io,stat: the interval must be >=0.000001 seconds or "0" for the entire capture duration');
    precision = 6;
    for (let i = 10; i < 1e7; i *= 10) {
      if (intervalUs % i > 0) break;
      precision--;
    }
    // "1.00": a whole number of seconds shown with the decimals the user wrote (tshark's result without columns is undefined).
    const dot = m[1]!.indexOf('.');
    if (precision === 0 && dot >= 0) precision = Math.min(m[1]!.length - dot - 1, 6);
  }
  // An empty column (",,") counts frames and bytes; a blank one does too but keeps its (empty) label.
  const parts = rest === '' ? [] : rest.slice(1).split(',');
  const columns = parts.length === 0 ? [null] : parts.map((p, i) => (p === '' || (i === parts.length - 1 && p.trim() === '') ? null : p.trim()));
  return { intervalUs, precision, columns: columns.map(parseColumn) };
}

/** Intervals a table may have: a capture with a bogus timestamp must not make it billions of rows. */
export const MAX_IO_ROWS = 1_000_000;

/** One cell: the frames of one interval in one column and what they add up to. */
export interface IoCell {
  frames: number;
  /** Sample count for AVG. */
  samples: number;
  /** Integer, ns (times) or float accumulator, by the column's calculation. */
  value: number;
}

/** A column's cells, one per interval from the start up to the last frame it counted. */
export interface IoColumn {
  readonly spec: IoColumnSpec;
  readonly cells: IoCell[];
  /** Largest value and frame count of a cell, for the column widths. */
  maxValue: number;
  maxFrames: number;
}

function emptyCell(): IoCell {
  return { frames: 0, samples: 0, value: 0 };
}

function numeric(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object' && 'sec' in v && 'nsec' in v) {
    const t = v as NsTime;
    return t.sec * 1e9 + t.nsec;
  }
  return null;
}

/**
 * io,stat's data: per column, per interval, frame counts and the column's
 * calculation, exactly as tap-iostat.c accumulates them (times in
 * microseconds since the first frame, relative-time fields in ns).
 */
export class IoStatistics {
  readonly columns: IoColumn[];
  /** Capture duration in µs (the latest frame's time since the first). */
  durationUs = 0;
  /** The duration spans MAX_IO_ROWS intervals or more: the table is not drawn. */
  tooManyRows = false;
  private lastUs = 0;

  constructor(readonly spec: IoStatSpec) {
    this.columns = spec.columns.map((c) => ({ spec: c, cells: [emptyCell()], maxValue: 0, maxFrames: 0 }));
  }

  /** Count one frame at `rel` since the first frame; `tree` holds the columns' fields. */
  add(rel: NsTime, wireLength: number, tree: FieldNode | null): void {
    const negative = rel.sec < 0 || rel.nsec < 0;
    const us = negative ? this.lastUs : rel.sec * 1e6 + Math.floor((rel.nsec + 500) / 1000);
    if (!negative) this.lastUs = us;
    this.durationUs = Math.max(this.durationUs, negative ? 0 : us);
    // The table has a row per interval up to the duration, whichever columns the frame counts in.
    const interval = this.spec.intervalUs;
    if (interval !== null && Math.floor(this.durationUs / interval) >= MAX_IO_ROWS) this.tooManyRows = true;
    if (this.tooManyRows) return;
    for (const col of this.columns) {
      if (col.spec.filter && !col.spec.filter.test(tree)) continue;
      this.addToColumn(col, us, wireLength, tree);
    }
  }

  private addToColumn(col: IoColumn, us: number, wireLength: number, tree: FieldNode | null): void {
    const interval = this.spec.intervalUs;
    const row = interval === null ? 0 : Math.floor(us / interval);
    while (col.cells.length <= row) col.cells.push(emptyCell());
    const cell = col.cells[col.cells.length - 1]!;
    cell.frames++;
    const spec = col.spec;
    const values = spec.field ? this.fieldValues(spec.field.defs, tree) : [];
    switch (spec.calc) {
      case 'FRAMES': case 'BYTES': case 'FRAMES BYTES':
        cell.value += wireLength;
        break;
      case 'COUNT':
        cell.value += values.length;
        break;
      case 'SUM':
        for (const v of values) cell.value = spec.field!.kind === 'float' ? Math.fround(cell.value + Math.fround(v)) : cell.value + v;
        break;
      case 'MIN':
        values.forEach((v, i) => {
          const x = spec.field!.kind === 'float' ? Math.fround(v) : v;
          if ((cell.frames === 1 && i === 0) || x < cell.value) cell.value = x;
        });
        break;
      case 'MAX':
        for (const v of values) {
          const x = spec.field!.kind === 'float' ? Math.fround(v) : v;
          if (x > cell.value) cell.value = x;
        }
        break;
      case 'AVG':
        for (const v of values) {
          cell.samples++;
          cell.value = spec.field!.kind === 'float' ? Math.fround(cell.value + Math.fround(v)) : cell.value + v;
        }
        break;
      case 'LOAD':
        this.addLoad(col, values);
        break;
    }
    this.trackMax(col, cell);
  }

  /** LOAD: each response time is spread back over the intervals it covered (µs). */
  private addLoad(col: IoColumn, values: readonly number[]): void {
    const interval = this.spec.intervalUs ?? Number.MAX_SAFE_INTEGER;
    for (const ns of values) {
      let us = Math.floor(ns / 1e9) * 1e6 + Math.floor((ns % 1e9) / 1000);
      const part = us % interval;
      let i = col.cells.length - 1;
      col.cells[i]!.value += part;
      us -= part;
      while (us > 0 && --i >= 0) {
        if (us < interval) {
          col.cells[i]!.value += us;
          break;
        }
        col.cells[i]!.value += interval;
        us -= interval;
      }
    }
  }

  private trackMax(col: IoColumn, cell: IoCell): void {
    const kind = col.spec.field?.kind;
    switch (col.spec.calc) {
      case 'FRAMES':
        col.maxFrames = Math.max(col.maxFrames, cell.frames);
        break;
      case 'FRAMES BYTES':
        col.maxFrames = Math.max(col.maxFrames, cell.frames);
        col.maxValue = Math.max(col.maxValue, cell.value);
        break;
      case 'BYTES': case 'COUNT': case 'LOAD':
        col.maxValue = Math.max(col.maxValue, cell.value);
        break;
      case 'SUM': case 'MIN': case 'MAX':
        col.maxValue = Math.max(col.maxValue, kind === 'float' || kind === 'double' ? Math.floor(cell.value + 0.5) : cell.value);
        break;
      case 'AVG':
        if (cell.samples === 0) break;
        if (kind === 'time') col.maxValue = Math.max(col.maxValue, Math.floor((Math.floor(cell.value / cell.samples) + 5e8) / 1e9));
        else col.maxValue = Math.max(col.maxValue, Math.trunc(Math.trunc(cell.value) / cell.samples));
        break;
    }
  }

  private fieldValues(defs: readonly FieldDef[], tree: FieldNode | null): number[] {
    const out: number[] = [];
    tree?.forEach((n) => {
      if (n.def && defs.includes(n.def)) {
        const v = numeric(n.resolvedValue);
        out.push(v ?? 0);
      }
    });
    return out;
  }
}

/** What io,stat reads of a frame's tree: its columns' fields and filters' fields. */
export function ioStatNeeds(spec: IoStatSpec): TreeNeeds {
  const defs = spec.columns.flatMap((c) => [...(c.field?.defs ?? []), ...(c.filter?.fields ?? [])]);
  return { kind: 'fields', defs, labels: false };
}

/** The io,stat statistic. */
export class IoStatOutput implements StatsOutput {
  readonly needs: TreeNeeds;
  readonly stats: IoStatistics;

  constructor(spec: IoStatSpec, private readonly session: DissectionSession) {
    this.stats = new IoStatistics(spec);
    this.needs = ioStatNeeds(spec);
  }

  frame(f: DissectedFrame, raw: RawPacket): void {
    this.stats.add(relativeTime(raw, this.session), raw.len, f.tree);
  }

  render(): string {
    return ioStatText(this.stats);
  }
}
