import { vals } from './field-def.js';

/** proto_checksum_vals: the *.checksum.status values every checksum field shares. */
export const checksumStatusNames = vals({ 0: 'Bad', 1: 'Good', 2: 'Unverified', 3: 'Not present', 4: 'Illegal' });
