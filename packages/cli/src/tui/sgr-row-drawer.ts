import { BoundedCache } from './bounded-cache.js';
import { oneColumnCharacters } from './ink-text-measure.js';

/**
 * Draws one screen row as Ink's Output would, without Ink's per-cell cost,
 * for rows whose text is one-column characters and SGR colour codes (all of
 * netdissect's own rows, and packet text once escaped).
 *
 * Ink tokenises each line into graphemes (Intl.Segmenter), gives every
 * character its own copy of the active styles, and turns the row back into
 * a string by diffing each cell's styles with the previous cell's (three
 * Sets per cell). That is about a millisecond for a full 160-column row:
 * the bulk of drawing a screen of rows not drawn before (an overlay opening,
 * a new page of the list).
 *
 * Here the styles are worked out per run of characters between two SGR
 * codes, with ansi-tokenize's own functions (once for each style and SGR
 * code, then remembered), and shared by the run's cells. Diffing two cells
 * that share styles gives no codes, so the diff is taken only where the
 * styles change, and the string is Ink's. Any other text (wide or
 * combining characters, other escapes) returns undefined and is left to Ink.
 */

/** An ANSI code as ansi-tokenize represents it. */
export interface AnsiCode {
  type: 'ansi';
  code: string;
  endCode: string;
}

/** The parts of @alcalzone/ansi-tokenize (Ink's tokeniser) this drawer uses. */
export interface AnsiTokenizeParts {
  tokenize(text: string): ReadonlyArray<{ type: string }>;
  reduceAnsiCodesIncremental(codes: AnsiCode[], newCodes: AnsiCode[]): AnsiCode[];
  diffAnsiCodes(from: AnsiCode[], to: AnsiCode[]): AnsiCode[];
  ansiCodesToString(codes: AnsiCode[]): string;
}

/** A write placed on the row: its column and its one line of text. */
export interface RowWrite {
  x: number;
  line: string;
}

const ESC = 0x1b;
const OPEN_BRACKET = 0x5b;
const LETTER_M = 0x6d;
const SEMICOLON = 0x3b;
/** Styles and steps between them kept; a screen uses a handful. */
const MAX_STEPS = 1024;
const SEPARATOR = '\u0000';
const FIRST = '\u0001';

export type RowDrawer = (width: number, writes: readonly RowWrite[]) => string | undefined;

/** Styles active on a run of cells: ansi-tokenize's reduced codes, and their code strings joined (which the codes are a function of). */
interface Style {
  codes: AnsiCode[];
  key: string;
}

export function sgrRowDrawer(parts: AnsiTokenizeParts, stringWidth: (text: string) => number): RowDrawer {
  const { tokenize, reduceAnsiCodesIncremental, diffAnsiCodes, ansiCodesToString } = parts;
  const NO_STYLE: Style = { codes: [], key: '' };
  const oneColumn = oneColumnCharacters(stringWidth);

  // Styles are functions of their key, so the steps between them are worked out once:
  // the style after an SGR sequence, and the codes written where one style follows another.
  const after = new BoundedCache<Style>(MAX_STEPS);
  const between = new BoundedCache<string>(MAX_STEPS);
  const styleAfter = (style: Style, sgr: string): Style =>
    after.getOrSet(style.key + SEPARATOR + sgr, () => {
      // The codes ansi-tokenize makes of the sequence (it splits compound ones), reduced onto the style as Ink does.
      const codes = reduceAnsiCodesIncremental(style.codes, tokenize(sgr).filter((t): t is AnsiCode => t.type === 'ansi'));
      return { codes, key: codes.map((c) => c.code).join('') };
    });
  /** What Ink writes before a cell of style `to` that follows one of style `from` (undefined: the row's first cell). */
  const codesBetween = (from: Style | undefined, to: Style): string =>
    from === undefined
      ? between.getOrSet(FIRST + to.key, () => ansiCodesToString(to.codes))
      : between.getOrSet(from.key + SEPARATOR + to.key, () => ansiCodesToString(diffAnsiCodes(from.codes, to.codes)));

  // The row's cells; a hole (undefined) is a cell Ink's grid does not have (written past its end).
  const chars: (string | undefined)[] = [];
  const cellStyles: Style[] = [];

  /** Places one line's characters from column x; false if the line needs Ink's tokeniser. */
  const place = (x: number, line: string): boolean => {
    let active = NO_STYLE;
    let col = x;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === ESC) {
        if (line.charCodeAt(i + 1) !== OPEN_BRACKET) return false;
        let end = i + 2;
        for (; end < line.length; end++) {
          const d = line.charCodeAt(end);
          if (d === LETTER_M || !((d >= 0x30 && d <= 0x39) || d === SEMICOLON)) break;
        }
        if (line.charCodeAt(end) !== LETTER_M) return false;
        active = styleAfter(active, line.slice(i, end + 1));
        i = end;
        continue;
      }
      if (!oneColumn(c)) return false;
      // Ink sets cells by index: negative columns are not cells, columns past the end extend the row.
      if (col >= 0) {
        chars[col] = line[i];
        cellStyles[col] = active;
      }
      col++;
    }
    return true;
  };

  return (width, writes) => {
    chars.length = 0;
    cellStyles.length = 0;
    for (let x = 0; x < width; x++) {
      chars.push(' ');
      cellStyles.push(NO_STYLE);
    }
    for (const { x, line } of writes) if (!place(x, line)) return undefined;
    let out = '';
    let previous: Style | undefined;
    for (let x = 0; x < chars.length; x++) {
      const ch = chars[x];
      if (ch === undefined) continue;
      const style = cellStyles[x]!;
      // Ink diffs every cell with the one before; between cells of one style that diff is empty.
      if (style !== previous) out += codesBetween(previous, style);
      out += ch;
      previous = style;
    }
    if (previous !== undefined) out += codesBetween(previous, NO_STYLE);
    return out.trimEnd();
  };
}
