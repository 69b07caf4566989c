import type { DissectionSession } from '@netdissect/core';
import { UsageError } from '../usage-error.js';
import { FollowOutput, parseFollow } from './follow-stream.js';

/** A -z statistic: attached to the session before dissection, rendered after. */
export interface StatsOutput {
  render(): string;
}

/** Build the collector for one -z argument. */
export function createStats(arg: string, session: DissectionSession): StatsOutput {
  const kind = arg.split(',')[0];
  switch (kind) {
    case 'follow':
      return new FollowOutput(parseFollow(arg), session);
    default:
      throw new UsageError(`invalid -z argument "${arg}" (see netdissect --help for the statistics available)`);
  }
}
