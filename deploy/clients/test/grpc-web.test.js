// Google's grpc-web runtime (the npm package grpc-web) in its two wire formats: binary
// (application/grpc-web+proto, the XHR answer read as an ArrayBuffer) and text (application/grpc-web-text,
// base64). It runs on XMLHttpRequest, so node gets the xhr2 implementation of it.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import XMLHttpRequest from "xhr2";
import grpcWeb from "grpc-web";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { GO_EXAMPLE, cloudPaths, method, methodUrl, newSnippet, plainFiles, unknownId } from "../lib/support.js";

globalThis.XMLHttpRequest = XMLHttpRequest;
const { GrpcWebClientBase, MethodDescriptor, MethodType, StatusCode } = grpcWeb;

/** A MethodDescriptor whose (de)serializers are protobuf-es's, for the method of the compiled schema. */
function descriptor(name) {
  const m = method(name);
  return new MethodDescriptor(`/api.v1.PlaygroundService/${name}`, MethodType.UNARY, Object, Object,
    (request) => toBinary(m.input, create(m.input, request)),
    (bytes) => fromBinary(m.output, bytes));
}

function call(format, name, request) {
  const client = new GrpcWebClientBase({ format });
  return client.unaryCall(methodUrl(name), request, {}, descriptor(name));
}

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("the call succeeded; an error was expected");
}

for (const format of ["binary", "text"]) {
  describe(`grpc-web (Google's runtime) ${format}`, () => {
    it("saves a snippet and reads it back", async () => {
      const snippet = newSnippet(`grpc-web ${format}`);
      const saved = await call(format, "SaveSnippet", snippet);
      assert.match(saved.id, /^[A-Za-z0-9_-]{11,}$/);
      const got = await call(format, "GetSnippet", { id: saved.id });
      assert.equal(got.sdk, snippet.sdk);
      assert.equal(got.pipelineOptions, snippet.pipelineOptions);
      assert.equal(got.complexity, snippet.complexity);
      assert.deepEqual(plainFiles(got.files), plainFiles(snippet.files));
    });

    it("lists the shipped examples", async () => {
      const catalog = await call(format, "GetPrecompiledObjects", { sdk: 2 });
      assert.ok(cloudPaths(catalog).includes(GO_EXAMPLE), JSON.stringify(cloudPaths(catalog)));
    });

    it("answers grpc-status 5 (not found) for an unknown snippet", async () => {
      const error = await rejection(call(format, "GetSnippet", { id: unknownId() }));
      assert.equal(error.code, StatusCode.NOT_FOUND, `${error.code} ${error.message}`);
    });

    it("answers grpc-status 12 (unimplemented) for RunCode", async () => {
      const error = await rejection(call(format, "RunCode", { code: "print(1)", sdk: 3 }));
      assert.equal(error.code, StatusCode.UNIMPLEMENTED, `${error.code} ${error.message}`);
    });
  });
}
