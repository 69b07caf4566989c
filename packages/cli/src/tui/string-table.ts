/**
 * Interns short strings that repeat across many frames (addresses,
 * protocol names), so the frame index stores a 4-byte id per frame
 * instead of a string.
 */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];

  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  get(id: number): string {
    return this.strings[id] ?? '';
  }
}
