/**
 * A buffer that field offsets point into: the frame itself, or a buffer a
 * reassembler or decompressor made (Wireshark's data sources, shown as tabs
 * under the hex pane).
 */
export class DataSource {
  constructor(
    /** "Frame (74 bytes)", "Reassembled TCP (1460 bytes)", "Uncompressed entity body (42 bytes)". */
    readonly name: string,
    readonly bytes: Uint8Array,
  ) {}

  /** A source called `name` with its size after it, "Reassembled SMTP (926 bytes)", as get_data_source_name shows every source. */
  static named(name: string, bytes: Uint8Array): DataSource {
    return new DataSource(sizedSourceName(name, bytes.length), bytes);
  }
}

/** "name (n bytes)", "name (1 byte)". */
export function sizedSourceName(name: string, length: number): string {
  return `${name} (${length} byte${length === 1 ? '' : 's'})`;
}
