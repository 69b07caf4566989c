import { describe, expect, it } from 'vitest';
import { DataSource, Tvb } from '@netdissect/core';

describe('data source names, as get_data_source_name shows them under the hex dump', () => {
  it('follow the name with the size, "byte" for one', () => {
    expect(DataSource.named('Reassembled SMTP', new Uint8Array(926)).name).toBe('Reassembled SMTP (926 bytes)');
    expect(DataSource.named('base64', new Uint8Array(1)).name).toBe('base64 (1 byte)');
    expect(Tvb.fromBytes('De-chunked entity body', new Uint8Array(0)).ds.name).toBe('De-chunked entity body (0 bytes)');
  });
});
