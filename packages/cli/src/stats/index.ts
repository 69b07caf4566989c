/**
 * The -z statistics as data models (for the terminal UI's statistics
 * views) and as tshark-layout text. Each model is filled frame by frame
 * (or from a tap) and read at any time; the *Text functions print what
 * tshark prints.
 */
export { parseStatsRequest, type StatsOutput, type StatsRequest } from './stats-request.js';
export { ProtocolHierarchy, protocolHierarchyText, ProtocolHierarchyOutput, type ProtocolHierarchyNode } from './protocol-hierarchy.js';
export { ConversationTable, type ConversationRow, type ConversationSample } from './conversation-table.js';
export { EndpointTable, type EndpointRow } from './endpoint-table.js';
export { conversationsText, endpointsText, ConversationsOutput, EndpointsOutput, LAYER_TITLES } from './conversation-report.js';
export { addressTapRecords, addressTapFields, type AddressLayer, type AddressTapRecord } from './address-taps.js';
export { IoStatistics, IoStatOutput, parseIoStat, type IoStatSpec, type IoColumn, type IoColumnSpec, type IoCell, type IoCalc } from './io-stat.js';
export { ioStatText } from './io-stat-table.js';
export { StatsTree, StatsTreeNode } from './stats-tree.js';
export { statsTreeText } from './stats-tree-text.js';
export { DnsStatsTree, DnsStatsTreeOutput, type DnsTapSummary } from './dns-stats-tree.js';
export { HttpPacketCounter, HttpRequestsByHost, HttpLoadDistribution, HttpStatsTreeOutput, httpTapRecords, type HttpTapRecord, type HttpStatsTree } from './http-stats-trees.js';
export { ExpertSummary, expertSummaryText, ExpertOutput, EXPERT_LEVELS, type ExpertSummaryRow } from './expert-summary.js';
export { CredentialsList, credentialsText, CredentialsOutput, type CredentialRow } from './credentials-list.js';
export { renderTranscript, transcriptLines, transcriptProtocol, type TranscriptLine, type TranscriptOptions, type TranscriptProtocol, type Speaker } from './transcript.js';
export { TranscriptOutput, parseTranscript } from './transcript-output.js';
export { formatDig, digName, rdataText, type DigContext } from './dig-format.js';
export { DigOutput } from './dig-output.js';
export { FollowOutput, parseFollow, type FollowRequest } from './follow-stream.js';
