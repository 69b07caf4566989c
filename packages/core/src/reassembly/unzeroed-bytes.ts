/**
 * A byte array whose contents are not cleared, for buffers that are
 * written before they are read. Small ones are carved from Node's shared
 * pool (Buffer.allocUnsafe): a fresh zeroed ArrayBuffer per reassembly
 * piece or PDU cost more than copying the bytes into it. The result is a
 * plain Uint8Array view (its `slice` copies, unlike Buffer's).
 */
export function unzeroedBytes(length: number): Uint8Array {
  const b = Buffer.allocUnsafe(length);
  return new Uint8Array(b.buffer, b.byteOffset, length);
}
