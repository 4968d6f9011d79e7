// A real browser (Debian's chromium, headless, driven by playwright-core) on a page of another origin than
// the playground's: the page served on PLAYGROUND_ALLOWED_PAGE_PORT is on the server's cors.allowed-origins
// list, a second page on a free port is not. From the first, Connect JSON, Connect GET, gRPC-Web through
// fetch and the Dart frontend's XMLHttpRequest all work, errors included; from the second the browser
// blocks every one of them.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { GO_EXAMPLE, cloudPaths, method, methodUrl, newSnippet, plainFiles, required, unknownId } from "../lib/support.js";

const CHROMIUM = process.env.PLAYGROUND_CHROMIUM || "/usr/bin/chromium";
const allowedPort = Number(required("PLAYGROUND_ALLOWED_PAGE_PORT"));
const pageScript = readFileSync(new URL("../lib/page.js", import.meta.url), "utf8");
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>playground client</title>
<script src="/page.js"></script></head><body>client page</body></html>`;

/** The page's own tiny server: the HTML and its script, nothing else. */
function pageServer(port) {
  const server = createServer((request, response) => {
    const script = request.url === "/page.js";
    response.writeHead(script || request.url === "/" ? 200 : 404, {
      "Content-Type": script ? "text/javascript" : "text/html; charset=utf-8",
    });
    response.end(script ? pageScript : PAGE);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

function bytesOf(name, request) {
  const m = method(name);
  return Array.from(toBinary(m.input, create(m.input, request)));
}

function decode(name, answer) {
  assert.equal(answer.messages.length, 1, JSON.stringify(answer));
  return fromBinary(method(name).output, Uint8Array.from(answer.messages[0]));
}

/** A successful gRPC-Web answer as grpc-dart and grpc-web accept it; returns its one message decoded. */
function grpcOk(name, answer) {
  assert.equal(answer.httpStatus, 200, JSON.stringify(answer));
  assert.match(answer.contentType ?? "", /^application\/grpc/, JSON.stringify(answer));
  assert.equal(answer.trailerFrames, 1, JSON.stringify(answer));
  assert.equal(answer.trailers["grpc-status"], "0", JSON.stringify(answer));
  return decode(name, answer);
}

/**
 * An error as a gRPC-Web client reads it: HTTP 200, and the status in a trailer frame or, in a trailers-only
 * answer (empty body), in the headers, which the page can read only if CORS exposes them.
 */
function grpcError(answer, status) {
  assert.equal(answer.httpStatus, 200, JSON.stringify(answer));
  assert.match(answer.contentType ?? "", /^application\/grpc/, JSON.stringify(answer));
  assert.equal(answer.messages.length, 0, JSON.stringify(answer));
  const trailersOnly = answer.bodyBytes === 0;
  const read = trailersOnly ? { status: answer.headerGrpcStatus, message: answer.headerGrpcMessage }
    : { status: answer.trailers["grpc-status"], message: answer.trailers["grpc-message"] };
  assert.equal(read.status, String(status), `grpc-status not readable (trailers-only: ${trailersOnly}): ${JSON.stringify(answer)}`);
  assert.ok(read.message, JSON.stringify(answer));
}

describe("headless chromium on another origin", () => {
  let context, allowedServer, blockedServer, profile, allowed, blocked;

  before(async () => {
    allowedServer = await pageServer(allowedPort);
    blockedServer = await pageServer(0);
    profile = mkdtempSync(join(tmpdir(), "playground-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    allowed = await context.newPage();
    await allowed.goto(`http://127.0.0.1:${allowedPort}/`);
    blocked = await context.newPage();
    await blocked.goto(`http://127.0.0.1:${blockedServer.address().port}/`);
  });

  after(async () => {
    await context?.close();
    allowedServer?.close();
    blockedServer?.close();
    if (profile) {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it("Connect JSON from the allowed origin: save, read back, not_found 404, RunCode 501", async () => {
    const snippet = newSnippet("browser connect");
    const json = { sdk: "SDK_GO", pipelineOptions: snippet.pipelineOptions, complexity: "COMPLEXITY_MEDIUM", files: snippet.files };
    const saved = await allowed.evaluate(([url, r]) => window.connectJson(url, r), [methodUrl("SaveSnippet"), json]);
    assert.equal(saved.status, 200, JSON.stringify(saved));
    const got = await allowed.evaluate(([url, r]) => window.connectJson(url, r), [methodUrl("GetSnippet"), { id: saved.body.id }]);
    assert.equal(got.status, 200, JSON.stringify(got));
    assert.equal(got.body.sdk, "SDK_GO");
    assert.deepEqual(plainFiles(got.body.files), plainFiles(snippet.files));

    const missing = await allowed.evaluate(([url, r]) => window.connectJson(url, r), [methodUrl("GetSnippet"), { id: unknownId() }]);
    assert.equal(missing.status, 404, JSON.stringify(missing));
    assert.equal(missing.body.code, "not_found");
    const run = await allowed.evaluate(([url, r]) => window.connectJson(url, r), [methodUrl("RunCode"), { code: "print(1)", sdk: "SDK_PYTHON" }]);
    assert.equal(run.status, 501, JSON.stringify(run));
    assert.equal(run.body.code, "unimplemented");
  });

  it("Connect GET from the allowed origin: the catalog, with its ETag readable", async () => {
    const got = await allowed.evaluate(([url, r]) => window.connectGet(url, r), [methodUrl("GetPrecompiledObjects"), { sdk: "SDK_GO" }]);
    assert.equal(got.status, 200, JSON.stringify(got).slice(0, 500));
    assert.ok(got.etag, "ETag not readable: missing from Access-Control-Expose-Headers?");
    const paths = cloudPaths({
      sdkCategories: got.body.sdkCategories.map((s) => ({ categories: s.categories.map((c) => ({ precompiledObjects: c.precompiledObjects ?? [] })) })),
    });
    assert.ok(paths.includes(GO_EXAMPLE), JSON.stringify(paths));
  });

  for (const [label, call] of [["fetch", "grpcWebFetch"], ["the Dart frontend's XMLHttpRequest", "dartXhr"]]) {
    it(`gRPC-Web binary through ${label} from the allowed origin: save, read back, catalog, errors`, async () => {
      const ask = (name, request) => allowed.evaluate(([fn, url, bytes]) => window[fn](url, bytes),
        [call, methodUrl(name), bytesOf(name, request)]);
      const snippet = newSnippet(`browser ${call}`);
      const saved = grpcOk("SaveSnippet", await ask("SaveSnippet", snippet));
      const got = grpcOk("GetSnippet", await ask("GetSnippet", { id: saved.id }));
      assert.equal(got.sdk, snippet.sdk);
      assert.deepEqual(plainFiles(got.files), plainFiles(snippet.files));
      const catalog = grpcOk("GetPrecompiledObjects", await ask("GetPrecompiledObjects", { sdk: 2 }));
      assert.ok(cloudPaths(catalog).includes(GO_EXAMPLE));

      grpcError(await ask("GetSnippet", { id: unknownId() }), 5);
      grpcError(await ask("RunCode", { code: "print(1)", sdk: 3 }), 12);
    });
  }

  it("blocks every call from an origin that is not on the list", async () => {
    const outcomes = await blocked.evaluate(async ([save, catalog, json, bytes]) => ({
      connectJson: await window.settle(window.connectJson(save, json)),
      connectGet: await window.settle(window.connectGet(catalog, { sdk: "SDK_GO" })),
      grpcWebFetch: await window.settle(window.grpcWebFetch(save, bytes)),
      dartXhr: await window.dartXhr(save, bytes),
    }), [methodUrl("SaveSnippet"), methodUrl("GetPrecompiledObjects"),
      { sdk: "SDK_GO", files: [{ name: "main.go", content: "package main" }] },
      bytesOf("SaveSnippet", { sdk: 2, files: [{ name: "main.go", content: "package main" }] })]);
    for (const name of ["connectJson", "connectGet", "grpcWebFetch"]) {
      assert.equal(outcomes[name].rejected?.name, "TypeError", `${name}: ${JSON.stringify(outcomes[name])}`);
    }
    assert.equal(outcomes.dartXhr.error, "network", JSON.stringify(outcomes.dartXhr));
    assert.equal(outcomes.dartXhr.status, 0, JSON.stringify(outcomes.dartXhr));
  });
});
