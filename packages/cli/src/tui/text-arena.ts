/**
 * Append-only storage for many strings that rarely repeat (the Info
 * column): UTF-8 bytes packed into large chunks, addressed by a number.
 * A million Info strings cost their bytes plus 10 bytes each, instead of
 * a million JS strings.
 */
const CHUNK_BITS = 22;
const CHUNK_SIZE = 1 << CHUNK_BITS;

export class TextArena {
  private readonly chunks: Buffer[] = [];
  private used = CHUNK_SIZE;

  /** Store `s`; returns its address. `lengthOut[0]` receives the byte length. */
  add(s: string, lengthOut: Uint32Array): number {
    // A string never spans chunks; Info is capped (4095 chars) far below a chunk.
    const max = s.length * 3;
    if (this.used + max > CHUNK_SIZE) {
      this.chunks.push(Buffer.allocUnsafe(CHUNK_SIZE));
      this.used = 0;
    }
    const chunk = this.chunks.length - 1;
    const at = this.used;
    const n = this.chunks[chunk]!.write(s, at, 'utf8');
    this.used += n;
    lengthOut[0] = n;
    return chunk * CHUNK_SIZE + at;
  }

  get(address: number, length: number): string {
    const chunk = Math.floor(address / CHUNK_SIZE);
    const at = address - chunk * CHUNK_SIZE;
    return this.chunks[chunk]!.toString('utf8', at, at + length);
  }
}
