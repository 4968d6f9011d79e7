// Structural tests of the GCP environment, offline: `npm ci && npm test` in this directory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadConfig, functionModules, indexYaml } from "./terraform.mjs";
import * as checks from "./checks.mjs";

const config = await loadConfig();
const modules = functionModules();
const clone = () => structuredClone(config);

test("every function module under functions/ has a Cloud Function", () => {
  assert.ok(modules.length > 0, "no function modules found");
  assert.deepEqual(checks.functionCoverage(modules, config), []);
});

test("every Cloud Function has its module under functions/", () => {
  assert.deepEqual(checks.functionsWithoutModule(modules, config), []);
});

test("a function module without a Terraform function is reported", () => {
  const problems = checks.functionCoverage([...modules, "new-function"], config);
  assert.ok(problems.some((p) => p.includes("functions/new-function has no Terraform function")), problems.join("\n"));
});

test("each function: java17, its own jar under a content-hash name, its entry point, its own service account", () => {
  assert.deepEqual(checks.functionShape(config), []);
});

test("each function is configured for exactly what it touches", () => {
  assert.deepEqual(checks.needs(config), []);
  const broken = clone();
  broken.locals.function_specs["save-snippet"].redis = true;
  assert.ok(checks.needs(broken).some((p) => p.startsWith("save-snippet: redis")));
});

test("service accounts get no project-wide role they do not need", () => {
  assert.deepEqual(checks.leastPrivilege(config), []);
  const broken = clone();
  broken.resource.google_project_iam_member.extra = {
    for_each: "${local.functions}", project: "${var.project_id}", role: "roles/pubsub.publisher",
    member: "${google_service_account.function[each.key].member}",
  };
  assert.ok(checks.leastPrivilege(broken).some((p) => p.includes("project-wide roles/pubsub.publisher")));
  const wide = clone();
  wide.resource.google_project_iam_member.datastore_user.for_each = "${local.functions}";
  assert.ok(checks.leastPrivilege(wide).some((p) => p.includes("roles/datastore.user only for the functions with datastore")));
});

test("Redis requires AUTH and TLS, and the password comes from Secret Manager", () => {
  assert.deepEqual(checks.redisSecured(config), []);
  const noAuth = clone();
  Object.values(noAuth.resource.google_redis_instance)[0].auth_enabled = false;
  assert.ok(checks.redisSecured(noAuth).some((p) => p.includes("auth_enabled")));
  const noTls = clone();
  Object.values(noTls.resource.google_redis_instance)[0].transit_encryption_mode = "DISABLED";
  assert.ok(checks.redisSecured(noTls).some((p) => p.includes("transit_encryption_mode")));
});

test("index.yaml holds composite indexes only, each once", () => {
  const indexes = indexYaml();
  assert.deepEqual(checks.indexShape(indexes), []);
  assert.ok(checks.indexShape([{ kind: "pg_snippets", properties: [{ name: "origin" }] }]).length > 0);
});

test("Terraform's composite indexes are exactly index.yaml's", () => {
  assert.deepEqual(checks.indexesMatch(config), []);
  const extra = clone();
  extra.resource.google_firestore_index.handwritten = { collection: "pg_examples", api_scope: "DATASTORE_MODE_API" };
  assert.ok(checks.indexesMatch(extra).some((p) => p.includes("found 2")));
});

test("cancel listener retried with a dead-letter topic; maintenance fed by Cloud Scheduler", () => {
  assert.deepEqual(checks.triggers(config), []);
});

test("HTTP functions' ingress and invokers as stated; event functions internal only", () => {
  assert.deepEqual(checks.httpExposure(config), []);
});
