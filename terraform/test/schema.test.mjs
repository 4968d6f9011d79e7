// Offline check of terraform/ against the google provider's schema (@cdktf/provider-google, provider
// 6.50.0) and the breaking changes of provider 7.0, which versions.tf asks for.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadConfig } from "./terraform.mjs";
import { ProviderSchema, schemaProblems, breaking7Problems } from "./schema.mjs";

const config = await loadConfig();
const schema = ProviderSchema.load();
const clone = () => structuredClone(config);

test("the binding is the provider build the check claims", () => {
  assert.equal(schema.version, "6.50.0");
  assert.ok(schema.resources.size > 1000 && schema.dataSources.size > 300, `${schema.resources.size} resources`);
});

test("every resource, data source, argument, nested block and attribute reference is in the provider schema", () => {
  assert.deepEqual(schemaProblems(config, schema), []);
});

test("no 7.0 breaking change: nothing removed, made read-only or required in 7.0", () => {
  assert.deepEqual(breaking7Problems(config), []);
});

test("the schema check catches a misspelled argument, a read-only one, a missing required one, a bad reference", () => {
  const broken = clone();
  broken.resource.google_cloudfunctions2_function.function.service_config[0].max_concurrency = 8;
  broken.resource.google_cloudfunctions2_function.function.url = "https://example.org";
  delete broken.resource.google_compute_security_policy.api.rule[0].rate_limit_options[0].conform_action;
  broken.resource.google_compute_url_map.api.path_matcher[0].dynamic.route_rules[0].content[0].match_rules[0].full_path = "/x";
  broken.output.ca = { value: "${google_redis_instance.cache.server_ca_certs[0].pem}" };
  broken.resource.google_compute_url_mapp = { x: { name: "x" } };
  const problems = schemaProblems(broken, schema);
  for (const expected of [
    "service_config: max_concurrency is not an argument or block",
    "google_cloudfunctions2_function.function: url is a read-only attribute",
    "rate_limit_options: required argument conform_action missing",
    "match_rules: full_path is not an argument or block",
    "server_ca_certs[0].pem: pem is no attribute",
    "google_compute_url_mapp: no such resource",
  ]) {
    assert.ok(problems.some((p) => p.includes(expected)), `${expected} not reported in:\n${problems.join("\n")}`);
  }
});

test("the 7.0 check catches what 7.0 removed or made read-only", () => {
  const broken = clone();
  broken.resource.google_cloudfunctions2_function.function.service_config[0].service = "x";
  delete broken.resource.google_project_service.apis.disable_on_destroy;
  broken.resource.google_tpu_node = { x: {} };
  const problems = breaking7Problems(broken);
  assert.ok(problems.some((p) => p.includes("service_config.service: read-only in provider 7.0")), problems.join("\n"));
  assert.ok(problems.some((p) => p.includes("disable_on_destroy")), problems.join("\n"));
  assert.ok(problems.some((p) => p.includes("google_tpu_node: removed in provider 7.0")), problems.join("\n"));
});
