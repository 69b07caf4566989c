import type { Address } from '@netdissect/core';

/** One endpoint (an address, with a port for TCP/UDP) and the traffic it sent and received. */
export interface EndpointRow {
  readonly address: Address;
  /** 0 when the layer has no ports. */
  readonly port: number;
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
}

/**
 * Endpoints in the order first seen (Wireshark's endpoint table): each
 * frame counts once as sent by its source and once as received by its
 * destination, so a host talking to itself counts twice.
 */
export class EndpointTable {
  private readonly list: EndpointRow[] = [];
  private readonly index = new Map<string, EndpointRow>();

  add(address: Address, port: number, sender: boolean, bytes: number): void {
    const k = `${address.key}/${port}`;
    let row = this.index.get(k);
    if (!row) {
      row = { address: address.detach(), port, txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0 };
      this.list.push(row);
      this.index.set(k, row);
    }
    if (sender) {
      row.txFrames++;
      row.txBytes += bytes;
    } else {
      row.rxFrames++;
      row.rxBytes += bytes;
    }
  }

  /** Every endpoint, in the order first seen. */
  rows(): readonly EndpointRow[] {
    return this.list;
  }
}
