// buf curl (@bufbuild/buf) with the schema read from api.proto itself, over HTTP/1.1, in the Connect
// protocol (binary codec, buf's default) and in gRPC-Web.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { BUF, GO_EXAMPLE, cloudPaths, methodUrl, newSnippet, plainFiles, schemaPath, unknownId } from "../lib/support.js";

// buf curl's exit code for a failed RPC is the gRPC code shifted three bits to the left.
const NOT_FOUND = 5 << 3;
const UNIMPLEMENTED = 12 << 3;

/** One buf curl call; its exit status, its JSON answer (stdout) and its verbose trace (stderr). */
function bufCurl(protocol, name, request) {
  const result = spawnSync(BUF, ["curl", "--schema", schemaPath, "--protocol", protocol, "--verbose",
    "--data", JSON.stringify(request), methodUrl(name)], { encoding: "utf8", timeout: 60_000 });
  if (result.error) {
    throw result.error;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ok(outcome) {
  assert.equal(outcome.status, 0, outcome.stderr);
  return JSON.parse(outcome.stdout);
}

/** The HTTP status of the answer in buf curl's verbose trace ("buf: < (#1) HTTP/1.1 404 Not Found"). */
function httpStatus(outcome) {
  const status = /^buf: < \(#\d+\) HTTP\/1\.1 (\d{3})/m.exec(outcome.stderr);
  assert.ok(status, outcome.stderr);
  return Number(status[1]);
}

for (const protocol of ["connect", "grpcweb"]) {
  describe(`buf curl --protocol ${protocol}`, () => {
    it("saves a snippet and reads it back", () => {
      const snippet = newSnippet(`buf curl ${protocol}`);
      const saved = ok(bufCurl(protocol, "SaveSnippet", {
        sdk: "SDK_GO", pipelineOptions: snippet.pipelineOptions, complexity: "COMPLEXITY_MEDIUM", files: snippet.files,
      }));
      assert.match(saved.id, /^[A-Za-z0-9_-]{11,}$/);
      const got = ok(bufCurl(protocol, "GetSnippet", { id: saved.id }));
      assert.equal(got.sdk, "SDK_GO");
      assert.equal(got.pipelineOptions, snippet.pipelineOptions);
      assert.equal(got.complexity, "COMPLEXITY_MEDIUM");
      assert.deepEqual(plainFiles(got.files), plainFiles(snippet.files));
    });

    it("lists the shipped examples", () => {
      const catalog = ok(bufCurl(protocol, "GetPrecompiledObjects", { sdk: "SDK_GO" }));
      // buf curl leaves out empty fields; fill the repeated ones back for cloudPaths.
      const paths = cloudPaths({
        sdkCategories: (catalog.sdkCategories ?? []).map((sdk) => ({
          categories: (sdk.categories ?? []).map((c) => ({ precompiledObjects: c.precompiledObjects ?? [] })),
        })),
      });
      assert.ok(paths.includes(GO_EXAMPLE), JSON.stringify(paths));
    });

    it("answers not_found for an unknown snippet", () => {
      const outcome = bufCurl(protocol, "GetSnippet", { id: unknownId() });
      assert.equal(outcome.status, NOT_FOUND, outcome.stderr);
      assert.equal(errorCode(outcome), "not_found", outcome.stderr);
      assert.equal(httpStatus(outcome), protocol === "connect" ? 404 : 200, outcome.stderr);
    });

    it("answers unimplemented for RunCode", () => {
      const outcome = bufCurl(protocol, "RunCode", { code: "print(1)", sdk: "SDK_PYTHON" });
      assert.equal(outcome.status, UNIMPLEMENTED, outcome.stderr);
      assert.equal(errorCode(outcome), "unimplemented", outcome.stderr);
      assert.equal(httpStatus(outcome), protocol === "connect" ? 501 : 200, outcome.stderr);
    });
  });
}

/** The code of the error that buf curl prints last on stderr, as JSON ({"code": "not_found", ...}). */
function errorCode(outcome) {
  const start = outcome.stderr.lastIndexOf("\n{");
  assert.ok(start >= 0, outcome.stderr);
  return JSON.parse(outcome.stderr.slice(start + 1)).code;
}
