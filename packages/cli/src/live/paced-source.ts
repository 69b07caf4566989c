import type { PacketSource, RawPacket } from '@netdissect/core';

export interface PacedSourceHooks {
  /** Once, when the pipeline asks for the first packets (everything before that was set up). */
  onStart(): void;
  /** After the pipeline finished a batch, before it waits for the next. */
  afterBatch(): void;
}

/**
 * A live capture as the pipeline sees it, with the two moments the command
 * line needs: the start (announce "Capturing on", start -a duration) and the
 * end of each batch (flush output, so live lines appear as packets arrive
 * rather than when 64 KiB have accumulated).
 */
export function pacedSource(source: PacketSource, hooks: PacedSourceHooks): PacketSource {
  return {
    async *batches(): AsyncGenerator<RawPacket[]> {
      hooks.onStart();
      for await (const batch of source.batches()) {
        yield batch;
        hooks.afterBatch();
      }
    },
    close: () => source.close(),
  };
}
