/**
 * @netdissect/http: HTTP/1.x over TCP as Wireshark 4.0 dissects it —
 * requests, responses and headers, bodies de-chunked and decompressed,
 * handed to media-type dissectors (text, JSON, forms, multipart, XML,
 * images), request/response pairing, Basic credentials and exported
 * objects, and SSDP (HTTP over UDP 1900). Importing it registers everything
 * in the default registry.
 */
import { defaultRegistry } from '@netdissect/core';
import { HTTP_TCP_PORTS, httpHeuristicDissector, httpTcpDissector } from './stream.js';
import './ssdp.js';
import './media/json.js';
import './media/urlencoded-form.js';
import './media/xml.js';
import { gifDissector } from './media/gif.js';
import { pngDissector } from './media/png.js';
import { jfifDissector } from './media/jfif.js';

for (const port of HTTP_TCP_PORTS) defaultRegistry.addUint('tcp.port', port, httpTcpDissector);
defaultRegistry.addHeuristic('tcp', httpHeuristicDissector, 'HTTP over TCP');
// Image formats recognise untyped HTTP bodies by their signature.
defaultRegistry.addHeuristic('http', gifDissector, 'GIF file in HTTP');
defaultRegistry.addHeuristic('http', pngDissector, 'PNG file in HTTP');
defaultRegistry.addHeuristic('http', jfifDissector, 'JPEG file in HTTP');

export { HTTP_TCP_PORTS, httpTcpDissector, httpHeuristicDissector } from './stream.js';
export { SSDP_UDP_PORT, ssdpDissector, hfSsdp } from './ssdp.js';
export { hfHttp, httpFields, httpExpert } from './fields.js';
export { httpStatusCodes, statusCodeName } from './status-codes.js';
export { HttpType, classifyFirstLine, type FirstLine } from './message-type.js';
export { HttpConversation, httpConversation, type HttpStreamState, type RequestResponse } from './conversation-state.js';
export { decodeBasicCredentials } from './basic-auth.js';
export { unrecognisedHttpMessages } from './unrecognised-messages.js';
export { brotliBody } from './content-decoding.js';
export { inflateBody, isDecodeFailure, type DecodeResult, type DecodeFailure } from '@netdissect/core';
export { mediaTypeDissector } from './media-types.js';
export { HTTP_EO_TAP, collectHttpObjects, httpObjectsOfFile, pathBasename } from './export-objects.js';
export { jsonDissector } from './media/json.js';
export { urlencodedDissector } from './media/urlencoded-form.js';
export { xmlDissector } from './media/xml.js';
// The shared media layer lives in core; re-exported for code written against this package.
export { registerMediaType, mediaDissector, textLinesDissector, multipartDissector, type MediaInfo } from '@netdissect/core';
export { gifDissector, pngDissector, jfifDissector };
