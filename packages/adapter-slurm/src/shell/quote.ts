// The one shell quoter lives in core; transports import it from here.
export { shellJoin, shellQuote } from '@hpckit/core';
