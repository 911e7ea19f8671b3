/** The static server moved to src/print (the print command serves a build with it); scripts keep this path. */
export { serveDirectory } from '../src/print/static-server.ts';
