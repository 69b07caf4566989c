import { cFixed, left, right } from './c-format.js';
import { MAX_IO_ROWS, type IoCalc, type IoCell, type IoColumn, type IoStatistics } from './io-stat.js';

/** Decimal digits of `v`, at least 1 and at most `maxWidth`. */
function magnitude(v: number, maxWidth: number): number {
  let mag = 0;
  for (let i = 0; i < maxWidth; i++) {
    mag++;
    v = Math.floor(v / 10);
    if (v === 0) break;
  }
  return mag;
}

function zeroPad(v: number, width: number): string {
  return String(v).padStart(width, '0');
}

/** A column label centred over `width` characters (printcenter), or nothing when it does not fit. */
function centred(label: string, width: number): string {
  const len = 6 - (Math.trunc((width - label.length) / 2) + 1);
  if (len > 0 && len < 6) {
    const pad = ' '.repeat(6 - len);
    return (width - label.length) % 2 === 0 ? `${pad}${label}${pad}|` : ` ${pad}${label}${pad}|`;
  }
  if (len > 0 && len <= 15) return `${label}|`;
  return '';
}

/** How one column prints its cells: widths and a cell formatter. */
interface ColumnLayout {
  frameWidth: number;
  valueWidth: number;
  cell(c: IoCell | null, row: { last: boolean; start: number; end: number }): string;
}

function seconds(us: number, width: number): string {
  return `${right(Math.floor(us / 1e6), width)}.${zeroPad(us % 1e6, 6)}`;
}

function layoutOf(col: IoColumn, interval: number): ColumnLayout {
  const calc: IoCalc = col.spec.calc;
  const kind = col.spec.field?.kind ?? 'int';
  if (calc === 'FRAMES' || calc === 'FRAMES BYTES') {
    const fr = Math.max(6, magnitude(col.maxFrames, 15));
    if (calc === 'FRAMES') return { frameWidth: fr, valueWidth: 0, cell: (c) => ` ${right(c?.frames ?? 0, fr)} |` };
    const val = Math.max(5, magnitude(col.maxValue, 15));
    return { frameWidth: fr, valueWidth: val, cell: (c) => ` ${right(c?.frames ?? 0, fr)} | ${right(c?.value ?? 0, val)} |` };
  }
  if (calc === 'BYTES' || calc === 'COUNT') {
    const val = Math.max(5, magnitude(col.maxValue, 15));
    return { frameWidth: 0, valueWidth: val, cell: (c) => ` ${right(c?.value ?? 0, val)} |` };
  }
  if (kind === 'float' || kind === 'double') {
    const mag = magnitude(col.maxValue, 15);
    const value = (c: IoCell): number => {
      if (calc !== 'AVG') return c.value;
      const n = c.samples || 1;
      return kind === 'float' ? Math.fround(c.value / n) : c.value / n;
    };
    return { frameWidth: 0, valueWidth: mag + 7, cell: (c) => ` ${right(cFixed(c ? value(c) : 0, 6), mag)} |` };
  }
  if (kind === 'time') {
    let max = col.maxValue;
    if (calc === 'LOAD') max = Math.floor(max / interval);
    else if (calc !== 'AVG') max = Math.floor((max + 5e8) / 1e9);
    const mag = magnitude(max, 15);
    const cell = (c: IoCell | null, row: { last: boolean; start: number; end: number }): string => {
      if (!c) return ` ${right(0, mag)}.000000 |`;
      if (calc === 'LOAD') {
        const span = row.last ? row.end - row.start : interval;
        return ` ${right(Math.floor(c.value / span), mag)}.${zeroPad(Math.floor(((c.value % span) * 1e6) / span), 6)} |`;
      }
      const ns = calc === 'AVG' ? Math.floor(c.value / (c.samples || 1)) : c.value;
      return ` ${seconds(Math.floor((ns + 500) / 1000), mag)} |`;
    };
    return { frameWidth: 0, valueWidth: mag + 7, cell };
  }
  const mag = Math.max(calc.length, magnitude(col.maxValue, 15));
  const value = (c: IoCell): number => (calc === 'AVG' ? Math.trunc(c.value / (c.samples || 1)) : c.value);
  return { frameWidth: 0, valueWidth: mag, cell: (c) => ` ${right(c ? value(c) : 0, mag)} |` };
}

/** tshark's "-z io,stat" table (tap-iostat.c's iostat_draw, relative times). */
export function ioStatText(stats: IoStatistics): string {
  if (stats.tooManyRows) return `\nio,stat: the capture spans more than ${MAX_IO_ROWS} intervals; use a longer interval (or 0 for one row).\n`;
  const columns = stats.columns;
  const whole = stats.spec.intervalUs === null || stats.spec.intervalUs > stats.durationUs;
  let duration = stats.durationUs;
  let interval = whole ? duration : stats.spec.intervalUs!;
  const durSecsOrig = Math.floor(duration / 1e6);
  const durFracOrig = duration % 1e6;
  let durMag = magnitude(durSecsOrig, 5);
  const valueMag = durMag;
  const invlMag = magnitude(Math.floor(interval / 1e6), 5);
  let prec: number;
  let border: number;
  if (interval === duration) {
    prec = durMag >= 2 ? 1 : durMag === 1 ? 3 : 6;
    border = 30 + durMag + (prec === 0 ? 0 : prec + 1);
  } else {
    prec = stats.spec.precision;
    border = 25 + Math.max(invlMag, durMag) + (prec === 0 ? 0 : prec + 1);
  }
  // Round the duration to the precision shown.
  let dv = 1e6;
  for (let i = 0; i < prec; i++) dv = Math.floor(dv / 10);
  const half = 5 * Math.floor(dv / 10);
  if (duration % dv > half) {
    duration = Math.floor((duration + half) / dv) * dv;
    durMag = magnitude(Math.floor(duration / 1e6), 5);
  }
  const durSecs = Math.floor(duration / 1e6);
  const durFrac = duration % 1e6;
  if (whole) interval = duration;
  const intervalCol = Math.max(prec === 0 ? 2 * durMag + 8 : 2 * durMag + 2 * prec + 10, 12);
  border = Math.max(border, intervalCol);

  const layouts = columns.map((c) => layoutOf(c, interval));
  let rowWidth = intervalCol;
  for (let j = 0; j < columns.length; j++) {
    const l = layouts[j]!;
    if (l.frameWidth) rowWidth += l.frameWidth + 3;
    if (l.valueWidth) rowWidth += l.valueWidth + 3;
  }
  border = Math.max(border, rowWidth);
  const filterWidth = Math.max(0, ...columns.map((c) => (c.spec.text !== null ? c.spec.text.length + 11 : 26)));
  if (filterWidth > border && border < 102) border = Math.min(filterWidth, 102);
  if (border - rowWidth === 1) border++;

  const spaces = (from: number): string => ' '.repeat(Math.max(0, border - from));
  let out = `\n${'='.repeat(border)}\n| IO Statistics${spaces(16)}|\n|${spaces(2)}|\n`;
  // tshark 4.0 writes the times with the magnitude from before the duration was rounded
  // (9.6 s shows "9 <> Dur"), while the columns and borders take the rounded one.
  const secs = (v: number): string => right(v, valueMag);
  if (prec === 0) {
    out += `| Duration: ${secs(durSecsOrig)}.${right(durFracOrig, 6)} secs${spaces(25 + durMag)}|\n`;
    out += `| Interval: ${secs(Math.floor(interval / 1e6))} secs${spaces(18 + durMag)}|\n`;
  } else {
    const frac = (us: number): string => zeroPad(Math.floor(us / dv), prec);
    out += `| Duration: ${secs(durSecs)}.${frac(durFrac)} secs${spaces(19 + durMag + prec)}|\n`;
    out += `| Interval: ${secs(Math.floor(interval / 1e6))}.${frac(interval % 1e6)} secs${spaces(19 + durMag + prec)}|\n`;
  }
  out += `|${spaces(2)}|\n| Col`;
  columns.forEach((c, j) => {
    out += j === 0 ? `${right(j + 1, 2)}: ` : `|    ${right(j + 1, 2)}: `;
    if (c.spec.text === null) {
      out += `Frames and bytes${spaces(26)}|\n`;
      return;
    }
    let filter = c.spec.text;
    const maxWidth = border - 11;
    while (filter.length + 11 > border) {
      const head = filter.slice(0, maxWidth);
      const blank = head.lastIndexOf(' ');
      const len = blank >= 0 ? blank : head.length;
      out += `${head.slice(0, len)}${spaces(len + 10)}|\n|        `;
      filter = filter.slice(blank >= 0 ? len + 1 : len);
    }
    out += `${filter}${spaces(filter.length + 10)}|\n`;
  });
  out += `|-${'-'.repeat(border - 3)}|\n`;

  const filler = rowWidth < border ? `${spaces(rowWidth + 1)}|` : '';
  out += `|${' '.repeat(intervalCol - 2)}|`;
  columns.forEach((c, j) => {
    const l = layouts[j]!;
    const width = c.spec.calc === 'FRAMES BYTES' ? l.frameWidth + l.valueWidth + 3 : c.spec.calc === 'FRAMES' ? l.frameWidth : l.valueWidth;
    out += `${left(j + 1, 2)}${' '.repeat(width)}|`;
  });
  out += `${filler}\n| Interval${' '.repeat(intervalCol - 11)}|`;
  columns.forEach((c, j) => {
    const l = layouts[j]!;
    if (c.spec.calc === 'FRAMES') out += centred('FRAMES', l.frameWidth);
    else if (c.spec.calc === 'FRAMES BYTES') out += centred('Frames', l.frameWidth) + centred('Bytes', l.valueWidth);
    else out += centred(c.spec.calc, l.valueWidth);
  });
  out += `${filler}\n|-${'-'.repeat(rowWidth - 3)}|${filler}\n`;

  const rows = interval === 0 || duration === 0 ? 0 : Math.floor(duration / interval) + (duration % interval > 0 ? 1 : 0);
  const wide = prec === 0 && durMag === 1;
  let t = 0;
  for (let i = 0; i < rows; i++) {
    const last = i === rows - 1;
    const end = last ? duration : t + interval;
    if (prec === 0) {
      const open = wide ? '|  ' : '| ';
      if (last) out += `${open}${secs(Math.floor(t / 1e6))} <> ${left('Dur', durMag >= 3 ? durMag + 1 : 3)}|`;
      else out += `${open}${secs(Math.floor(t / 1e6))} <> ${secs(Math.floor(end / 1e6))}${wide ? '  |' : ' |'}`;
    } else {
      const f = (us: number): string => `${secs(Math.floor(us / 1e6))}.${zeroPad(Math.floor((us % 1e6) / dv), prec)}`;
      out += `| ${f(t)} <> ${f(end)} |`;
    }
    columns.forEach((c, j) => {
      out += layouts[j]!.cell(c.cells[i] ?? null, { last, start: t, end });
    });
    out += `${filler}\n`;
    t += interval;
  }
  return `${out}${'='.repeat(border)}\n`;
}
