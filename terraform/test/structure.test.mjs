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

test("each function: java17, its own jar under a content-hash name, its entry point from local.entry_points, its own service account", () => {
  assert.deepEqual(checks.functionShape(config), []);
  const inSpec = clone();
  inSpec.locals.function_specs.cancel.entry_point = "dev.beamplayground.edge.PlaygroundHttpFunction";
  assert.ok(checks.functionShape(inSpec).some((p) => p.includes("cancel: entry point belongs in local.entry_points")));
  const wrong = clone();
  wrong.locals.entry_points["get-snippet"] = "dev.beamplayground.cancel.listener.CancelListenerFunction";
  assert.ok(checks.functionShape(wrong).some((p) => p.includes("get-snippet: HTTP functions use PlaygroundHttpFunction")));
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
  const viewer = clone();
  viewer.resource.google_project_iam_member.redis_viewer.for_each = "${local.redis_functions}";
  assert.ok(checks.leastPrivilege(viewer).some((p) => p.includes("roles/redis.viewer only for the functions with redis and redis_endpoint_lookup")));
  const builder = clone();
  builder.resource.google_project_iam_member.build_editor = { project: "${var.project_id}", role: "roles/cloudbuild.builds.editor", member: "${google_service_account.build.member}" };
  assert.ok(checks.leastPrivilege(builder).some((p) => p.includes("the build account needs no project-wide roles/cloudbuild.builds.editor")));
});

test("every function builds as its own build account, with only a build's grants, into the environment's repository", () => {
  assert.deepEqual(checks.buildAccount(config), []);
  const unset = clone();
  delete unset.resource.google_cloudfunctions2_function.function.build_config[0].service_account;
  assert.ok(checks.buildAccount(unset).some((p) => p.includes("builds as google_service_account.build")));
  const more = clone();
  more.resource.google_project_iam_member.build_ar = { project: "${var.project_id}", role: "roles/artifactregistry.writer", member: "${google_service_account.build.member}" };
  assert.ok(checks.buildAccount(more).some((p) => p.includes("the build account's grants")));
});

test("Redis requires AUTH and TLS; host and port from Terraform, CA and password from Secret Manager", () => {
  assert.deepEqual(checks.redisSecured(config), []);
  const lookup = clone();
  lookup.locals.redis_env = "${{ REDIS_MEMORYSTORE_INSTANCE = google_redis_instance.cache.id }}";
  assert.ok(checks.redisSecured(lookup).some((p) => p.includes("host and port")));
  const plain = clone();
  plain.locals.base_env.REDIS_PASSWORD = "${google_redis_instance.cache.auth_string}";
  assert.ok(checks.redisSecured(plain).some((p) => p.includes("REDIS_PASSWORD must not be a plain environment variable")));
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

test("event functions: Eventarc triggers, or push subscriptions Terraform owns with OIDC, retries and a dead-letter topic; nothing run at apply", () => {
  assert.deepEqual(checks.deliveries(config), []);
  const always = clone();
  always.resource.google_cloudfunctions2_function.function.dynamic.event_trigger[0].for_each = "${each.value.trigger == null ? [] : [each.value.trigger]}";
  assert.ok(checks.deliveries(always).some((p) => p.includes("exactly when event_delivery is eventarc")));
  const gcloud = clone();
  gcloud.resource.terraform_data = { dead_letter: { provisioner: [{ "local-exec": [{ command: "gcloud ..." }] }] } };
  assert.ok(checks.deliveries(gcloud).some((p) => p.includes("nothing may run at apply time")));
  const noDlq = clone();
  delete noDlq.resource.google_pubsub_subscription.push.dead_letter_policy;
  assert.ok(checks.deliveries(noDlq).some((p) => p.includes("dead-letters")));
});

test("alerts on dead-lettered messages, on events waiting and on the functions' 5xx share, to the notification channels", () => {
  assert.deepEqual(checks.alerts(config), []);
  const none = clone();
  delete none.resource.google_monitoring_alert_policy.dead_letters;
  assert.ok(checks.alerts(none).some((p) => p.includes("dead-letter")));
});

test("HTTP functions: internal and load balancer ingress with a domain, public invokers; event functions internal only", () => {
  assert.deepEqual(checks.httpExposure(config), []);
});

// One assertion per method path, so that a failure names the route that broke.
const { routes, fallback } = checks.routeTable(config);
for (const [method, fn] of Object.entries(checks.ROUTES)) {
  test(`route ${checks.API_PREFIX}${method} -> ${fn}`, () => {
    assert.equal(routes[checks.API_PREFIX + method], fn);
  });
}

test("URL map: an exact-path rule per method to its function, the rest of the service to the fallback function", () => {
  assert.deepEqual(checks.routing(config), []);
  assert.equal(fallback, "get-pipeline-output");
  const twice = clone();
  twice.locals.function_specs["get-snippet"].methods.push("SaveSnippet");
  assert.ok(checks.routing(twice).some((p) => p.includes("SaveSnippet is served by two functions")));
  const lost = clone();
  lost.locals.function_specs["get-catalog"].methods = lost.locals.function_specs["get-catalog"].methods.filter((m) => m !== "GetPrecompiledObjectGraph");
  assert.ok(checks.routing(lost).some((p) => p.includes("GetPrecompiledObjectGraph goes to no function")));
  const prefix = clone();
  prefix.resource.google_compute_url_map.api.path_matcher[0].dynamic.route_rules[0].content[0].match_rules[0] = { prefix_match: "${route_rules.key}" };
  assert.ok(checks.routing(prefix).some((p) => p.includes("exact path")));
});

test("one HTTPS origin: managed certificate for the domain, serverless NEG and backend per HTTP function, origin output", () => {
  assert.deepEqual(checks.loadBalancer(config), []);
});

test("Cloud Armor: SaveSnippet and everything else throttled per client IP, WAF rules that leave code bodies alone", () => {
  assert.deepEqual(checks.armor(config), []);
  const sqli = clone();
  sqli.variable.waf_rules.default.push("sqli-v33-stable");
  assert.ok(checks.armor(sqli).some((p) => p.includes("sqli-v33-stable")));
  const unlimited = clone();
  unlimited.resource.google_compute_security_policy.api.rule = unlimited.resource.google_compute_security_policy.api.rule.filter((r) => r.priority !== 1000);
  assert.ok(checks.armor(unlimited).some((p) => p.includes("SaveSnippet throttled")));
});

test("concurrency per function (HTTP from the load test, maintenance 1), min instances 0 by default, CPU for the concurrency", () => {
  assert.deepEqual(checks.capacity(config), []);
  const one = clone();
  one.locals.function_specs["get-snippet"].concurrency = 1;
  assert.ok(checks.capacity(one).some((p) => p.includes("get-snippet: HTTP functions serve at least")));
  const racing = clone();
  racing.locals.function_specs.maintenance.concurrency = 4;
  assert.ok(checks.capacity(racing).some((p) => p.includes("maintenance: one run at a time")));
});

test("a database per environment, its indexes on it, its id passed to the functions", () => {
  assert.deepEqual(checks.database(config), []);
  const shared = clone();
  shared.resource.google_firestore_database.datastore.name = "(default)";
  assert.ok(checks.database(shared).some((p) => p.includes("local.datastore_database")));
});

test("CORS origins reach every HTTP function as CORS_ALLOWED_ORIGINS", () => {
  assert.deepEqual(checks.cors(config), []);
});

test("every API used is enabled, and everything that calls one waits for its enablement", () => {
  assert.deepEqual(checks.apiOrdering(config), []);
  const early = clone();
  delete early.resource.google_service_account.function.depends_on;
  assert.ok(checks.apiOrdering(early).some((p) => p.includes("google_service_account.function: does not wait for the APIs")));
  const missing = clone();
  missing.locals.apis = missing.locals.apis.filter((a) => a !== "monitoring.googleapis.com");
  assert.ok(checks.apiOrdering(missing).some((p) => p.includes("monitoring.googleapis.com is not in local.apis")));
});
