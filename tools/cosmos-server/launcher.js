#!/usr/bin/env node
// Runs @vercel/cosmosdb-server (an in-memory Cosmos DB for NoSQL wire-compatible server) on 127.0.0.1 for
// RecomAmp's local runs and tests, with the gaps closed that the .NET SDK and our document store run into.
// The package's account model, routes and handlers do the work; this file replaces only its small request
// loop, so that it can look at a request before the package's handler does:
//
//   - keep-alive: the package answers every request with `connection: close`, which makes the SDK open a new
//     TLS connection per call (about 8 times slower). This loop never sends it.
//   - a missing document: reading one answers 500 (the handler dereferences the missing document); here 404,
//     as Cosmos DB does. Any document request to a container that does not exist is a 404 too.
//   - query plans: on Linux the .NET SDK cannot compute a query plan itself and asks the gateway for one (for
//     cross-partition queries, aggregates and OFFSET/LIMIT). The package has no such endpoint. This server
//     keeps every container in one physical partition that executes the whole query (ORDER BY, COUNT,
//     OFFSET/LIMIT) itself, so the plan tells the SDK to pass the query through unchanged to that partition.
//   - partitions: the package runs a query over every document of the container, whatever partition the
//     request names (it asks instead that the WHERE clause test the partition key). Here a query that names a
//     partition in x-ms-documentdb-partitionkey reads only that partition, as in Cosmos DB.
//   - OFFSET/LIMIT: the package's query engine cannot parse them. A query ending in OFFSET n LIMIT m runs
//     without that clause and the window is cut from its results here, paged by x-ms-max-item-count.
//   - time to live: the package stores `defaultTtl` and `ttl` but never applies them. Before any request to a
//     container's documents, those whose time has passed are deleted, so they are never read, queried or
//     counted (Cosmos DB also hides expired documents before it purges them).
//   - ETags: the package's are bare UUIDs; Cosmos DB's, and the ones our store promises, are quoted.
//
// Usage: node launcher.js [--port N] [--parent-pid PID]
//   --port 0 (the default) picks a free port. Once listening it prints one line on stdout:
//     cosmos-server ready https://127.0.0.1:<port>/
//   --parent-pid makes it exit when that process is gone, so a crashed test run leaves no server behind.
// Any account key is accepted. Data lives in memory and is gone when the process stops.
// COSMOS_SERVER_LOG=1 prints each request's method, path and x-ms-* headers on stderr.
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const https = require("https");
const path = require("path");

const packageRoot = path.dirname(require.resolve("@vercel/cosmosdb-server/package.json"));
const fromPackage = (module) => require(path.join(packageRoot, "lib", module)).default;
const rawBody = require(require.resolve("raw-body", { paths: [packageRoot] }));
const Account = fromPackage("account");
const Documents = fromPackage("account/documents");
const findRoute = fromPackage("routes");

const HOST = "127.0.0.1";

// One partition key range covers every container (see the package's Collection), so a plan with that range
// and no client-side steps is true to how this server executes queries.
const PASSTHROUGH_QUERY_PLAN = {
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: "None",
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: "",
    hasSelectValue: false,
    dCountInfo: null,
    hasNonStreamingOrderBy: false
  },
  queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }]
};

// Our store writes OFFSET and LIMIT as parameters or numbers at the very end of the query.
const OFFSET_LIMIT = /\s+OFFSET\s+(@\w+|\d+)\s+LIMIT\s+(@\w+|\d+)\s*$/i;

// Quote ETags where documents are stored, so headers, bodies, query results and If-Match agree.
const storeDocument = Documents.prototype._set;
Documents.prototype._set = function setWithQuotedETag(data) {
  return storeDocument.call(this, { ...data, _etag: `"${data._etag}"` });
};

function parseArgs(argv) {
  const args = { port: 0, parentPid: null };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--port") args.port = Number.parseInt(argv[(i += 1)], 10);
    else if (argv[i] === "--parent-pid") args.parentPid = Number.parseInt(argv[(i += 1)], 10);
    else throw new Error(`Unknown argument ${argv[i]}; use --port N and --parent-pid PID.`);
  }
  if (!Number.isInteger(args.port) || args.port < 0) throw new Error("--port needs a number.");
  return args;
}

function isTrue(req, header) {
  return String(req.headers[header] || "").toLowerCase() === "true";
}

// The package's router strips a doubled leading slash and trailing slashes; so does this.
function pathnameOf(req) {
  let pathname = req.url.split("?")[0].replace(/^\/\/+/, "/");
  while (pathname.length > 1 && pathname.endsWith("/")) pathname = pathname.slice(0, -1);
  return pathname;
}

// The container and document a /dbs/{db}/colls/{coll}/docs[/{id}] request is about, or null.
function documentTarget(account, req) {
  const match = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs(?:\/([^/]+))?$/.exec(pathnameOf(req));
  if (!match) return null;
  const [dbId, collId, docId] = match.slice(1).map((part) => part && decodeURIComponent(part));
  return { collection: account.database(dbId).collection(collId), docId };
}

function purgeExpired(collection) {
  const { defaultTtl } = collection.read();
  if (defaultTtl === undefined || defaultTtl === null) return;
  const now = Date.now() / 1000;
  const { documents } = collection;
  for (const item of [...documents._data.values()]) {
    const doc = item.read();
    const ttl = typeof doc.ttl === "number" ? doc.ttl : defaultTtl;
    if (ttl > 0 && doc._ts + ttl <= now) documents.delete(doc.id, documents._getPartition(doc));
  }
}

function notFound(res) {
  res.statusCode = 404;
  return { code: "NotFound", message: "Entity with the specified id does not exist in the system." };
}

function readDocument(collection, req, docId) {
  const doc = collection.document(docId, partitionKeyOf(req)).read();
  return doc && doc.id === docId ? doc : null;
}

// The partition a request names in its x-ms-documentdb-partitionkey header (a JSON array of one value), or
// undefined for none.
function partitionKeyOf(req) {
  try {
    const [value] = JSON.parse(req.headers["x-ms-documentdb-partitionkey"]);
    return typeof value === "object" && value !== null ? undefined : value;
  } catch {
    return undefined;
  }
}

// Runs a query over one partition (when the request names one, as Cosmos DB does) or over all. The package
// itself ignores the partition header of a query and reads every document.
function runQuery(collection, req, query, parameters, paging) {
  const { documents } = collection;
  const partitionKey = partitionKeyOf(req);
  const data = [...documents._data.values()]
    .map((item) => item.read())
    .filter((doc) => partitionKey === undefined || documents._getPartition(doc) === partitionKey);
  const { indexingPolicy } = collection.read();
  try {
    return documents._getQuery(query).exec(data, {
      parameters,
      udf: documents._userDefinedFunctions(),
      compositeIndexes: (indexingPolicy && indexingPolicy.compositeIndexes) || [],
      ...paging
    });
  } catch (error) {
    error.badRequest = true;
    throw error;
  }
}

// A query, with OFFSET/LIMIT applied here when the query ends in them.
async function queryDocuments(collection, req, res) {
  const body = JSON.parse((await rawBody(req)).toString());
  const parameters = body.parameters || [];
  const maxItemCount = Number.parseInt(req.headers["x-ms-max-item-count"], 10) || 0;
  const continuation = req.headers["x-ms-continuation"]
    ? JSON.parse(req.headers["x-ms-continuation"])
    : null;

  const offsetLimit = OFFSET_LIMIT.exec(body.query);
  let page;
  try {
    if (!offsetLimit) {
      page = runQuery(collection, req, body.query, parameters, { maxItemCount, continuation });
    } else {
      const valueOf = (term) => {
        if (!term.startsWith("@")) return Number(term);
        const parameter = parameters.find((p) => p.name === term);
        return parameter ? parameter.value : Number.NaN;
      };
      const [offset, limit] = [valueOf(offsetLimit[1]), valueOf(offsetLimit[2])];
      if (!Number.isInteger(offset) || !Number.isInteger(limit) || offset < 0 || limit < 0) {
        res.statusCode = 400;
        return { code: "BadRequest", message: "OFFSET and LIMIT must be whole numbers." };
      }
      const query = body.query.slice(0, offsetLimit.index);
      const window = runQuery(collection, req, query, parameters, {}).result.slice(offset, offset + limit);
      const skip = continuation ? continuation.skip : 0;
      const take = maxItemCount > 0 ? maxItemCount : window.length;
      const rest = skip + take < window.length ? { skip: skip + take } : null;
      page = { result: window.slice(skip, skip + take), continuation: rest };
    }
  } catch (error) {
    if (!error.badRequest) throw error;
    res.statusCode = 400;
    return { code: "BadRequest", message: error.message };
  }

  if (page.continuation) res.setHeader("x-ms-continuation", JSON.stringify(page.continuation));
  res.setHeader("x-ms-item-count", String(page.result.length));
  return { _rid: collection.read()._rid, Documents: page.result, _count: page.result.length };
}

async function dispatch(account, req, res) {
  const target = documentTarget(account, req);
  if (target) {
    if (!target.collection.read()) return notFound(res);
    purgeExpired(target.collection);

    if (req.method === "GET" && target.docId && !readDocument(target.collection, req, target.docId)) {
      return notFound(res);
    }

    const isQuery = req.method === "POST" && !target.docId
      && (isTrue(req, "x-ms-documentdb-isquery") || req.headers["content-type"] === "application/query+json");
    if (isQuery && isTrue(req, "x-ms-cosmos-is-query-plan-request")) {
      await rawBody(req);
      return PASSTHROUGH_QUERY_PLAN;
    }
    if (isQuery) return queryDocuments(target.collection, req, res);
  }

  const route = findRoute(req);
  if (!route) {
    res.statusCode = 400;
    return { message: "no route" };
  }
  const [params, handler] = route;
  return handler(account, req, res, params);
}

// The package's own response framing, less `connection: close`.
function handleRequest(account, req, res) {
  if (process.env.COSMOS_SERVER_LOG) {
    const headers = Object.entries(req.headers).filter(([name]) => name.startsWith("x-ms-"));
    console.error(req.method, req.url, JSON.stringify(Object.fromEntries(headers)));
  }
  (async () => {
    let body;
    try {
      body = await dispatch(account, req, res);
    } catch (error) {
      console.error(error);
      res.statusCode = 500;
      body = { message: error.message };
    }
    body = body || {};
    if (res.statusCode > 399 && !body.message) body.message = "";
    if (body._etag) res.setHeader("etag", body._etag);
    res.setHeader("content-type", "application/json");
    res.setHeader("content-location", `https://${req.headers.host}${req.url}`);
    res.setHeader("x-ms-activity-id", crypto.randomUUID());
    res.setHeader("x-ms-request-charge", "1");
    if (req.headers["a-im"] && res.statusCode === 200) {
      // Partition key ranges are read as a feed; once the SDK has them, nothing changed.
      if (req.headers["if-none-match"]) res.statusCode = 304;
      res.setHeader("etag", "1");
    }
    res.end(JSON.stringify(body));
  })().catch((error) => {
    console.error(error);
    if (!res.writableEnded) {
      res.statusCode = 500;
      res.end("");
    }
  });
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const options = {
    cert: fs.readFileSync(path.join(packageRoot, "cert.pem")),
    key: fs.readFileSync(path.join(packageRoot, "key.pem"))
  };
  let account;
  const server = https.createServer(options, (req, res) => handleRequest(account, req, res));
  // Connections stay open between requests (Node's default once `connection: close` is not sent); the SDK
  // drops idle ones after 30 s, before this.
  server.keepAliveTimeout = 60_000;
  server.listen(args.port, HOST, () => {
    const { port } = server.address();
    account = new Account(HOST, port);
    process.stdout.write(`cosmos-server ready https://${HOST}:${port}/\n`);
  });

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  if (args.parentPid) {
    setInterval(() => {
      try {
        process.kill(args.parentPid, 0);
      } catch {
        process.exit(0);
      }
    }, 2000).unref();
  }
}

main();
