/* decap-server for `make edit` and the browser tests: Decap CMS's local
 * backend, which reads and writes the working copy (its file-system mode),
 * started with decap-server's own middleware, with two differences from
 * `npx decap-server`:
 *
 *  - it listens on the loopback address only (BIND_HOST, default 127.0.0.1;
 *    the port is PORT, default 8081), never on every interface;
 *  - the story list shows only the web editor's spelling of the language
 *    files (index.uk.md, index.en.md). Decap's GitHub backend lists only
 *    those too (it matches the collection's path); decap-server would also
 *    list uk.md and en.md, each as a story of its own that cannot be opened.
 *
 * The repository is GIT_REPO_DIRECTORY (default: the current folder); the
 * pages that may call it, ORIGIN (default: any page on localhost or
 * 127.0.0.1). Stop it with Ctrl+C (SIGINT) or SIGTERM. */
"use strict";

const path = require("node:path");

const decapServer = path.dirname(require.resolve("decap-server/package.json"));
// decap-server's own dependency, resolved from where decap-server is.
const express = require(require.resolve("express", { paths: [decapServer] }));
const { registerLocalFs } = require(path.join(decapServer, "dist", "middlewares.js"));

const host = process.env.BIND_HOST || "127.0.0.1";
const port = parseInt(process.env.PORT || "8081", 10);
const STORY_FILE = /(^|\/)index\.[^./]+\.md$/;

async function main() {
  if (process.env.MODE && process.env.MODE !== "fs") {
    throw new Error("only MODE=fs (the working copy) is supported here");
  }
  const app = express();
  app.use((req, res, next) => {
    const json = res.json.bind(res);
    res.json = body => {
      const action = req.body && req.body.action;
      if (action === "entriesByFolder" && Array.isArray(body)) {
        body = body.filter(entry => STORY_FILE.test((entry.file && entry.file.path) || ""));
      }
      return json(body);
    };
    next();
  });
  await registerLocalFs(app, { logLevel: process.env.LOG_LEVEL || "info" });
  const server = app.listen(port, host, () => {
    console.log(`decap-server (file system) for ${path.resolve(process.env.GIT_REPO_DIRECTORY || ".")} ` +
                `listening on http://${host}:${port}/api/v1`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch(error => {
  console.error(`decap-server: ${error.message}`);
  process.exit(1);
});
