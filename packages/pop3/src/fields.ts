import { defineExpert, defineFields, defineProtocol, FT, BASE, Group, Severity, type FragmentFields } from '@netdissect/core';

/** The POP protocol node ("Post Office Protocol"). */
export const hfPop = defineProtocol('pop', 'Post Office Protocol');

/** POP's field table (packet-pop.c 4.0, same names and labels). */
export const popFields = defineFields('pop', {
  response: { abbrev: 'pop.response', name: 'Response', type: FT.STRING },
  responseIndicator: { abbrev: 'pop.response.indicator', name: 'Response indicator', type: FT.STRING },
  responseDescription: { abbrev: 'pop.response.description', name: 'Response description', type: FT.STRING },
  responseData: { abbrev: 'pop.response.data', name: 'Data', type: FT.STRING, blurb: 'Response Data' },
  request: { abbrev: 'pop.request', name: 'Request', type: FT.STRING },
  requestCommand: { abbrev: 'pop.request.command', name: 'Request command', type: FT.STRING },
  requestParameter: { abbrev: 'pop.request.parameter', name: 'Request parameter', type: FT.STRING },
  requestData: { abbrev: 'pop.request.data', name: 'Data', type: FT.STRING, blurb: 'Request data' },
});

const frag = defineFields('pop', {
  fragments: { abbrev: 'pop.data.fragments', name: 'DATA fragments', type: FT.NONE, blurb: 'Message fragments' },
  fragment: { abbrev: 'pop.data.fragment', name: 'DATA fragment', type: FT.FRAMENUM, blurb: 'Message fragment' },
  overlap: { abbrev: 'pop.data.fragment.overlap', name: 'DATA fragment overlap', type: FT.BOOLEAN },
  overlapConflict: { abbrev: 'pop.data.fragment.overlap.conflicts', name: 'DATA fragment overlapping with conflicting data', type: FT.BOOLEAN },
  multipleTails: { abbrev: 'pop.data.fragment.multiple_tails', name: 'DATA has multiple tail fragments', type: FT.BOOLEAN },
  tooLong: { abbrev: 'pop.data.fragment.too_long_fragment', name: 'DATA fragment too long', type: FT.BOOLEAN },
  error: { abbrev: 'pop.data.fragment.error', name: 'DATA defragmentation error', type: FT.FRAMENUM },
  count: { abbrev: 'pop.data.fragment.count', name: 'DATA fragment count', type: FT.UINT32, base: BASE.DEC },
  reassembledIn: { abbrev: 'pop.data.reassembled.in', name: 'Reassembled DATA in frame', type: FT.FRAMENUM },
  reassembledLength: { abbrev: 'pop.data.reassembled.length', name: 'Reassembled DATA length', type: FT.UINT32, base: BASE.DEC },
});

/** The fragment fields of the reassembled RETR/TOP DATA (pop_data_frag_items). */
export const popDataFragmentFields: FragmentFields = { ...frag, reassembledData: null, tag: 'DATA fragments' };

export const popExpert = {
  totLenInvalid: defineExpert('pop', 'pop.response.tot_len.invalid', Group.MALFORMED, Severity.ERROR, 'Length must be a string containing an integer'),
  /** Not in Wireshark, which has no cap: a DATA unit or retrieved message outgrew the session limits. */
  reassemblyLimit: defineExpert('pop', 'pop.data.limit_reached', Group.REASSEMBLE, Severity.WARN, 'POP DATA not reassembled: reassembly limit reached'),
};
