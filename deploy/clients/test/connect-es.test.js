// connect-es (@connectrpc/connect-node) over HTTP/1.1 with each of its four unary protocol/codec pairs.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createClient, Code, ConnectError } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { GO_EXAMPLE, baseUrl, cloudPaths, newSnippet, plainFiles, service, unknownId } from "../lib/support.js";

const transports = {
  "Connect JSON": (url) => createConnectTransport({ baseUrl: url, httpVersion: "1.1", useBinaryFormat: false }),
  "Connect binary": (url) => createConnectTransport({ baseUrl: url, httpVersion: "1.1", useBinaryFormat: true }),
  "gRPC-Web binary": (url) => createGrpcWebTransport({ baseUrl: url, httpVersion: "1.1", useBinaryFormat: true }),
  "gRPC-Web JSON": (url) => createGrpcWebTransport({ baseUrl: url, httpVersion: "1.1", useBinaryFormat: false }),
};

/**
 * connect-es also derives a code from a bare HTTP status (a 404 page reads as unimplemented in gRPC-Web),
 * so an error must also show that the server wrote it in the caller's protocol: a Connect error body
 * (application/json) or a gRPC-Web status.
 */
function assertProtocolError(name, error, code) {
  assert.equal(error.code, code, error.message);
  if (name.startsWith("Connect")) {
    assert.match(error.metadata.get("content-type") ?? "", /^application\/json/, [...error.metadata].join("; "));
  } else {
    assert.equal(error.metadata.get("grpc-status"), String(code), [...error.metadata].join("; "));
  }
}

/** A client whose every method goes to the server that serves it (one transport per base URL). */
function clientFor(transport, methodName) {
  return createClient(service, transport(baseUrl(methodName)));
}

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return ConnectError.from(e);
  }
  assert.fail("the call succeeded; an error was expected");
}

for (const [name, transport] of Object.entries(transports)) {
  describe(`connect-es ${name}`, () => {
    it("saves a snippet and reads it back", async () => {
      const snippet = newSnippet(`connect-es ${name}`);
      const saved = await clientFor(transport, "SaveSnippet").saveSnippet(snippet);
      assert.match(saved.id, /^[A-Za-z0-9_-]{11,}$/);
      const got = await clientFor(transport, "GetSnippet").getSnippet({ id: saved.id });
      assert.equal(got.sdk, snippet.sdk);
      assert.equal(got.pipelineOptions, snippet.pipelineOptions);
      assert.equal(got.complexity, snippet.complexity);
      assert.deepEqual(plainFiles(got.files), plainFiles(snippet.files));
    });

    it("lists the shipped examples", async () => {
      const catalog = await clientFor(transport, "GetPrecompiledObjects").getPrecompiledObjects({ sdk: 2 });
      assert.ok(cloudPaths(catalog).includes(GO_EXAMPLE), JSON.stringify(cloudPaths(catalog)));
    });

    it("answers not_found for an unknown snippet", async () => {
      const error = await rejection(clientFor(transport, "GetSnippet").getSnippet({ id: unknownId() }));
      assertProtocolError(name, error, Code.NotFound);
    });

    it("answers unimplemented for RunCode, which no function serves", async () => {
      const error = await rejection(clientFor(transport, "RunCode").runCode({ code: "print(1)", sdk: 3 }));
      assertProtocolError(name, error, Code.Unimplemented);
    });
  });
}
