// What every client test shares: where the playground is (PLAYGROUND_ROUTES), its schema compiled by buf
// at test time (no generated code is committed), and the facts the tests check against the shipped examples.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createFileRegistry, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";

const here = dirname(fileURLToPath(import.meta.url));
export const BUF = join(here, "..", "node_modules", ".bin", "buf");
export const SERVICE = "api.v1.PlaygroundService";
/** In the catalog of the shipped examples (deploy/examples/go). */
export const GO_EXAMPLE = "SDK_GO_WordCount";

export function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: these tests are run by RealClientsIT, which starts the servers`);
  }
  return value;
}

/** PLAYGROUND_SCHEMA: the path of api.proto. */
export const schemaPath = required("PLAYGROUND_SCHEMA");

/**
 * PLAYGROUND_ROUTES: JSON object, method name -> base URL of the server that serves it ("*" for any other
 * method), as a load balancer's URL map sends each method path to its function.
 */
const routes = JSON.parse(required("PLAYGROUND_ROUTES"));

export function baseUrl(method) {
  const url = routes[method] ?? routes["*"];
  if (!url) {
    throw new Error(`PLAYGROUND_ROUTES has no route for ${method} and no "*"`);
  }
  return url.replace(/\/$/, "");
}

export function methodUrl(method) {
  return `${baseUrl(method)}/${SERVICE}/${method}`;
}

/** The schema as buf compiles it, in a registry: api.v1.PlaygroundService and its messages. */
function loadRegistry() {
  const dir = mkdtempSync(join(tmpdir(), "playground-schema-"));
  try {
    const out = join(dir, "api.binpb");
    execFileSync(BUF, ["build", schemaPath, "--as-file-descriptor-set", "-o", out], { stdio: "pipe" });
    return createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(out)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const registry = loadRegistry();
const found = registry.getService(SERVICE);
if (!found) {
  throw new Error(`${schemaPath} has no service ${SERVICE}`);
}
export const service = found;

/** The method descriptor by its proto name (SaveSnippet, ...). */
export function method(name) {
  const m = service.methods.find((candidate) => candidate.name === name);
  if (!m) {
    throw new Error(`${SERVICE} has no rpc ${name} in ${schemaPath}`);
  }
  return m;
}

/** A snippet unique to this run and client, so that two clients never see each other's save. */
export function newSnippet(client) {
  const marker = `${client} ${process.pid} ${Date.now()} ${Math.random()}`;
  return {
    sdk: 2, // SDK_GO
    pipelineOptions: "--output=out.txt",
    complexity: 2, // COMPLEXITY_MEDIUM
    files: [
      { name: "main.go", content: `package main\n\n// ${marker}\nfunc main() { println("héllo ✓") }\n`, isMain: true },
      { name: "util.go", content: "package main\n\nfunc helper() int { return 1 }\n", isMain: false },
    ],
  };
}

/** The shipped Go examples' cloud paths in a GetPrecompiledObjects answer (any codec's decoded message). */
export function cloudPaths(response) {
  return response.sdkCategories.flatMap((sdk) =>
    sdk.categories.flatMap((category) => category.precompiledObjects.map((object) => object.cloudPath)));
}

/** A snippet's files as plain values sorted by name: the order of the answer is not part of the API. */
export function plainFiles(files) {
  return files
    .map((f) => ({ name: f.name, content: f.content, isMain: Boolean(f.isMain) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A snippet id that no content hashes to: 11 characters of the id alphabet that were never saved. */
export function unknownId() {
  return "zz" + Math.random().toString(36).slice(2, 11).padEnd(9, "0");
}
