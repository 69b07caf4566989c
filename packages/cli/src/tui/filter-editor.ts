import type { Key } from 'ink';
import { compileDisplayFilter, isFilterProblem, type DisplayFilter, type FilterProblem } from './display-filter.js';

export type EditOutcome =
  /** Still editing. */
  | { kind: 'editing' }
  | { kind: 'cancel' }
  /** Enter on a valid filter (null: the empty filter, show everything). */
  | { kind: 'apply'; filter: DisplayFilter | null };

/**
 * The filter bar's text while it is being edited: cursor movement,
 * history (↑/↓ like Wireshark's recent filters), and validation on every
 * change so the bar can turn green or red.
 */
export class FilterEditor {
  text = '';
  cursor = 0;
  /** Result of checking the current text: null while it is empty. */
  checked: DisplayFilter | FilterProblem | null = null;
  private historyPos = -1;

  constructor(private readonly history: string[]) {}

  open(initial: string): void {
    this.set(initial);
    this.historyPos = -1;
  }

  get valid(): boolean | null {
    return this.checked === null ? null : !isFilterProblem(this.checked);
  }

  get problem(): FilterProblem | null {
    return this.checked !== null && isFilterProblem(this.checked) ? this.checked : null;
  }

  onKey(input: string, key: Key): EditOutcome {
    if (key.escape) return { kind: 'cancel' };
    if (key.return) return this.submit();
    if (key.upArrow || key.downArrow) {
      this.browseHistory(key.upArrow ? 1 : -1);
    } else if (key.leftArrow) {
      this.cursor = Math.max(0, this.cursor - 1);
    } else if (key.rightArrow) {
      this.cursor = Math.min(this.text.length, this.cursor + 1);
    } else if (key.home || (key.ctrl && input === 'a')) {
      this.cursor = 0;
    } else if (key.end || (key.ctrl && input === 'e')) {
      this.cursor = this.text.length;
    } else if (key.ctrl && input === 'u') {
      this.set('');
    } else if (key.backspace || key.delete) {
      // Terminals send DEL (0x7f) for Backspace and Ink reports it as "delete", like the Delete key: both erase backwards.
      if (this.cursor > 0) this.edit(this.text.slice(0, this.cursor - 1) + this.text.slice(this.cursor), this.cursor - 1);
    } else if (key.ctrl && input === 'd') {
      this.edit(this.text.slice(0, this.cursor) + this.text.slice(this.cursor + 1), this.cursor);
    } else if (!key.ctrl && !key.meta && !key.tab && input) {
      // Typed or pasted text; control characters never enter the filter.
      const clean = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
      if (clean) this.edit(this.text.slice(0, this.cursor) + clean + this.text.slice(this.cursor), this.cursor + clean.length);
    }
    return { kind: 'editing' };
  }

  /** Enter: apply the text if it is a valid filter (remembering it), else keep editing. */
  submit(): EditOutcome {
    if (this.checked === null) return { kind: 'apply', filter: null };
    if (isFilterProblem(this.checked)) return { kind: 'editing' };
    this.remember(this.text.trim());
    return { kind: 'apply', filter: this.checked };
  }

  private edit(text: string, cursor: number): void {
    this.text = text;
    this.cursor = cursor;
    this.check();
  }

  private set(text: string): void {
    this.edit(text, text.length);
  }

  private check(): void {
    this.checked = this.text.trim() === '' ? null : compileDisplayFilter(this.text);
  }

  /** Most recent first; up goes back in time. */
  private browseHistory(step: number): void {
    if (this.history.length === 0) return;
    const pos = Math.max(-1, Math.min(this.history.length - 1, this.historyPos + step));
    this.historyPos = pos;
    this.set(pos < 0 ? '' : this.history[pos]!);
  }

  private remember(text: string): void {
    const i = this.history.indexOf(text);
    if (i >= 0) this.history.splice(i, 1);
    this.history.unshift(text);
    if (this.history.length > 50) this.history.length = 50;
  }
}
