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
}
