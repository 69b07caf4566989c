import type { Address } from '@netdissect/core';

/**
 * Interns the frame index's Source and Destination addresses by their
 * bytes, so the index stores a 4-byte id per frame. The same few addresses
 * repeat in every frame: comparing their bytes costs less than writing out
 * and hashing their text each time.
 */
export class AddressTable {
  /** Ids of the kept addresses by the hash of their bytes. */
  private readonly byHash = new Map<number, number[]>();
  private readonly kept: Address[] = [];
  private readonly texts: string[] = [];

  intern(a: Address): number {
    const h = a.mixInto(0) & 0x3fffffff; // a Smi: a Map looks up small integers fastest
    const ids = this.byHash.get(h);
    if (ids !== undefined) {
      for (const id of ids) if (this.kept[id]!.equals(a)) return id;
    }
    const id = this.kept.length;
    this.kept.push(a.detach());
    this.texts.push(a.toString());
    if (ids === undefined) this.byHash.set(h, [id]);
    else ids.push(id);
    return id;
  }

  /** The address's text, as the Source and Destination columns show it. */
  get(id: number): string {
    return this.texts[id] ?? '';
  }
}
