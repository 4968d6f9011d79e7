# One Cloud Function (2nd gen) per module in functions/. What each one touches decides its roles,
# its environment and whether it goes through the VPC connector:
#   datastore       - reads/writes Datastore: roles/datastore.user, backend settings
#   redis           - uses Memorystore: VPC connector, endpoint and CA from Terraform, AUTH secret
#   publishes_cancel- publishes on the cancel topic: publisher on that topic only
#   trigger         - null for HTTP functions, else the Pub/Sub topic whose messages are pushed to it
#   methods         - the api.v1.PlaygroundService methods an HTTP function serves: the load balancer
#                     sends POST (and Connect GET) /api.v1.PlaygroundService/<Method> to it (loadbalancer.tf)
#   concurrency     - requests one instance serves at once (max_instance_request_concurrency), from
#                     bench/concurrency.sh (bench/RESULTS.md, "Concurrency"): one JVM on one core held 32
#                     with no error. 8 for the Redis-backed reads (about 0.5 ms of CPU each: 8 already
#                     saturate a core, more only queue); 16 for the functions that wait on Datastore or
#                     Pub/Sub round trips (tens of ms on GCP) while the CPU idles.
locals {
  # The entry point of every function, in this one place. The HTTP functions share one class: the
  # protocol layer in it serves the methods of the modules each jar carries.
  entry_points = {
    "save-snippet"        = "dev.beamplayground.edge.PlaygroundHttpFunction"
    "get-snippet"         = "dev.beamplayground.edge.PlaygroundHttpFunction"
    "get-catalog"         = "dev.beamplayground.edge.PlaygroundHttpFunction"
    "get-pipeline-output" = "dev.beamplayground.edge.PlaygroundHttpFunction"
    "cancel"              = "dev.beamplayground.edge.PlaygroundHttpFunction"
    "cancel-listener"     = "dev.beamplayground.cancel.listener.CancelListenerFunction"
    "maintenance"         = "dev.beamplayground.function.maintenance.MaintenanceFunction"
  }

  function_specs = {
    "save-snippet" = {
      datastore        = true
      redis            = false
      publishes_cancel = false
      trigger          = null
      methods          = ["SaveSnippet"]
      memory           = "1Gi"
      cpu              = "1"
      concurrency      = 16
      max_instances    = 20
      timeout_seconds  = 30
    }
    "get-snippet" = {
      datastore        = true
      redis            = true # visits go to the Redis visit buffer, not to the snippet's entity
      publishes_cancel = false
      trigger          = null
      methods          = ["GetSnippet"]
      memory           = "1Gi"
      cpu              = "1"
      concurrency      = 16
      max_instances    = 20
      timeout_seconds  = 30
    }
    "get-catalog" = {
      datastore        = true
      redis            = true
      publishes_cancel = false
      trigger          = null
      methods = [
        "GetPrecompiledObjects", "GetPrecompiledObject", "GetPrecompiledObjectCode", "GetPrecompiledObjectOutput",
        "GetPrecompiledObjectLogs", "GetPrecompiledObjectGraph", "GetDefaultPrecompiledObject",
      ]
      memory          = "1Gi"
      cpu             = "1"
      concurrency     = 8
      max_instances   = 20
      timeout_seconds = 60
    }
    "get-pipeline-output" = {
      datastore        = false
      redis            = true
      publishes_cancel = false
      trigger          = null
      methods = [
        "CheckStatus", "GetRunOutput", "GetRunOutputFrom", "GetRunError", "GetValidationOutput",
        "GetPreparationOutput", "GetCompileOutput", "GetLogs", "GetGraph",
      ]
      memory          = "1Gi"
      cpu             = "1"
      concurrency     = 8
      max_instances   = 20
      timeout_seconds = 30
    }
    "cancel" = {
      datastore        = false
      redis            = true # reads the pipeline's state: unknown and finished pipelines are answered, not published
      publishes_cancel = true
      trigger          = null
      methods          = ["Cancel"]
      memory           = "512Mi"
      cpu              = "1"
      concurrency      = 16
      max_instances    = 10
      timeout_seconds  = 30
    }
    "cancel-listener" = {
      datastore        = false
      redis            = true
      publishes_cancel = false
      trigger          = "cancel"
      methods          = []
      memory           = "512Mi"
      cpu              = "1"
      # Not load-tested (bench/concurrency.sh drives the HTTP functions): one message per instance, as before.
      concurrency     = 1
      max_instances   = 10
      timeout_seconds = 30
    }
    "maintenance" = {
      datastore        = true
      redis            = true # publishes the store's catalog version to the Redis cache after a load
      publishes_cancel = false
      trigger          = "maintenance"
      methods          = []
      memory           = "1Gi"
      cpu              = "1"
      # One run at a time: migrations are resumable but not meant to race each other.
      concurrency     = 1
      max_instances   = 1
      timeout_seconds = 540
    }
  }

  functions = {
    for name, spec in local.function_specs : name => merge(spec, {
      entry_point     = local.entry_points[name]
      memory          = coalesce(try(var.function_overrides[name].memory, null), spec.memory)
      cpu             = coalesce(try(var.function_overrides[name].cpu, null), spec.cpu)
      concurrency     = coalesce(try(var.function_overrides[name].concurrency, null), spec.concurrency)
      min_instances   = coalesce(try(var.function_overrides[name].min_instances, null), 0)
      max_instances   = coalesce(try(var.function_overrides[name].max_instances, null), spec.max_instances)
      timeout_seconds = coalesce(try(var.function_overrides[name].timeout_seconds, null), spec.timeout_seconds)
    })
  }

  http_functions      = { for name, f in local.functions : name => f if f.trigger == null }
  event_functions     = { for name, f in local.functions : name => f if f.trigger != null }
  datastore_functions = { for name, f in local.functions : name => f if f.datastore }
  redis_functions     = { for name, f in local.functions : name => f if f.redis }
  cancel_publishers   = { for name, f in local.functions : name => f if f.publishes_cancel }

  trigger_topics = {
    cancel      = google_pubsub_topic.cancel.id
    maintenance = google_pubsub_topic.maintenance.id
  }

  # The agreed configuration names (README, "Configuration").
  base_env = {
    GCP_PROJECT_ID    = var.project_id
    JAVA_TOOL_OPTIONS = var.java_tool_options
  }
  http_env = {
    CORS_ALLOWED_ORIGINS = join(",", var.cors_allowed_origins)
  }
  datastore_env = merge({
    BACKEND_MODULE      = "datastore"
    DATASTORE_DATABASE  = google_firestore_database.datastore.name
    DATASTORE_NAMESPACE = var.datastore_namespace
  }, var.objects_pin == "" ? {} : { OBJECTS_PIN = var.objects_pin })
  # The endpoint Terraform knows (host, port; the CA comes as a secret), or, with redis_endpoint_lookup,
  # the instance name for the functions to look it up through the Memorystore admin API.
  redis_env = var.redis_endpoint_lookup ? {
    REDIS_MEMORYSTORE_INSTANCE = google_redis_instance.cache.id
    } : {
    REDIS_MEMORYSTORE_HOST = google_redis_instance.cache.host
    REDIS_MEMORYSTORE_PORT = tostring(google_redis_instance.cache.port)
  }
  redis_secrets = merge(
    { REDIS_PASSWORD = google_secret_manager_secret.redis_auth.secret_id },
    var.redis_endpoint_lookup ? {} : { REDIS_MEMORYSTORE_SERVER_CA = google_secret_manager_secret.redis_ca.secret_id },
  )
  cancel_env = {
    CANCEL_TOPIC = google_pubsub_topic.cancel.name
  }
  maintenance_env = {
    MAINTENANCE_STALE_AFTER_DAYS = tostring(var.maintenance_stale_after_days)
  }
}

resource "google_storage_bucket" "sources" {
  name                        = "${var.project_id}-${var.environment}-playground-sources"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true

  # Sources are only read while a function builds; old ones are dead weight.
  lifecycle_rule {
    condition {
      age = 30
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.apis]
}

# Cloud Functions builds Java from a zip holding the shaded jar alone (no pom.xml: no Maven build).
data "archive_file" "source" {
  for_each         = local.functions
  type             = "zip"
  source_file      = "${var.artifacts_dir}/${each.key}.jar"
  output_path      = "${path.module}/.build/${each.key}.zip"
  output_file_mode = "0644"
}

# Named by the jar's content hash: a changed jar is a new object and so a new deployment; an
# unchanged one is left alone.
resource "google_storage_bucket_object" "source" {
  for_each = local.functions
  name     = "${each.key}/${filesha256("${var.artifacts_dir}/${each.key}.jar")}.zip"
  bucket   = google_storage_bucket.sources.name
  source   = data.archive_file.source[each.key].output_path
}

resource "google_service_account" "function" {
  for_each     = local.functions
  account_id   = "${var.environment}-${each.key}"
  display_name = "Beam Playground ${var.environment} ${each.key} function"

  depends_on = [google_project_service.apis]
}

resource "google_cloudfunctions2_function" "function" {
  for_each = local.functions
  name     = "${var.environment}-${each.key}"
  location = var.region

  build_config {
    runtime     = "java17"
    entry_point = each.value.entry_point
    # Its own build account and image repository (build.tf): the default build account of new projects
    # often lacks the roles, and the shared gcf-artifacts repository would need a project-wide grant.
    service_account   = google_service_account.build.id
    docker_repository = google_artifact_registry_repository.functions.id
    source {
      storage_source {
        bucket = google_storage_bucket.sources.name
        object = google_storage_bucket_object.source[each.key].name
      }
    }
  }

  service_config {
    available_memory                 = each.value.memory
    available_cpu                    = each.value.cpu
    min_instance_count               = each.value.min_instances
    max_instance_count               = each.value.max_instances
    max_instance_request_concurrency = each.value.concurrency
    timeout_seconds                  = each.value.timeout_seconds
    service_account_email            = google_service_account.function[each.key].email
    all_traffic_on_latest_revision   = true
    # HTTP functions: only through the load balancer (and its Cloud Armor policy) when there is one.
    # Event functions: Pub/Sub push from this project counts as internal.
    ingress_settings              = each.value.trigger != null ? "ALLOW_INTERNAL_ONLY" : (local.lb_enabled ? "ALLOW_INTERNAL_AND_GCLB" : "ALLOW_ALL")
    vpc_connector                 = each.value.redis ? google_vpc_access_connector.connector.id : null
    vpc_connector_egress_settings = each.value.redis ? "PRIVATE_RANGES_ONLY" : null

    environment_variables = merge(
      local.base_env,
      each.value.trigger == null ? local.http_env : {},
      each.value.datastore ? local.datastore_env : {},
      each.value.redis ? local.redis_env : {},
      each.value.publishes_cancel ? local.cancel_env : {},
      each.key == "maintenance" ? local.maintenance_env : {},
    )

    dynamic "secret_environment_variables" {
      for_each = each.value.redis ? local.redis_secrets : {}
      content {
        key        = secret_environment_variables.key
        project_id = var.project_id
        secret     = secret_environment_variables.value
        version    = "latest"
      }
    }
  }

  # With event_delivery = "eventarc" (pubsub.tf): Pub/Sub reaches an event function through Eventarc,
  # as the function's own account. With "push", through subscriptions this configuration owns.
  dynamic "event_trigger" {
    for_each = each.value.trigger != null && var.event_delivery == "eventarc" ? [each.value.trigger] : []
    content {
      trigger_region        = var.region
      event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
      pubsub_topic          = local.trigger_topics[event_trigger.value]
      service_account_email = google_service_account.function[each.key].email
      # A cancel must not be lost to one failed invocation; a failed maintenance run is picked up by
      # the next scheduled one (migrations resume where they stopped).
      retry_policy = event_trigger.value == "cancel" ? "RETRY_POLICY_RETRY" : "RETRY_POLICY_DO_NOT_RETRY"
    }
  }

  lifecycle {
    precondition {
      condition     = each.value.concurrency == 1 || tonumber(each.value.cpu) >= 1
      error_message = "${each.key}: more than one request at a time needs at least 1 CPU (cpu)."
    }
    precondition {
      condition     = each.value.concurrency <= 16 * tonumber(each.value.cpu)
      error_message = "${each.key}: at most 16 concurrent requests per CPU (bench/RESULTS.md, \"Concurrency\"): raise cpu with concurrency."
    }
  }

  depends_on = [
    google_project_service.apis,
    google_project_iam_member.datastore_user,
    google_project_iam_member.redis_viewer,
    google_project_iam_member.build_log_writer,
    google_storage_bucket_iam_member.build_source_reader,
    google_artifact_registry_repository_iam_member.build_writer,
    google_secret_manager_secret_iam_member.redis_auth,
    google_secret_manager_secret_iam_member.redis_ca,
    google_secret_manager_secret_version.redis_auth,
    google_secret_manager_secret_version.redis_ca,
  ]
}

# --- Who may do what. Project-wide roles only where no narrower resource exists. ---

# Datastore has no per-entity IAM: the store's functions get datastore.user on the project.
resource "google_project_iam_member" "datastore_user" {
  for_each = local.datastore_functions
  project  = var.project_id
  role     = "roles/datastore.user"
  member   = google_service_account.function[each.key].member

  depends_on = [google_project_service.apis]
}

# Only with redis_endpoint_lookup: reading an instance's endpoint and CA through the admin API needs
# redis.instances.get, which Memorystore grants on the project only. By default Terraform passes them.
resource "google_project_iam_member" "redis_viewer" {
  for_each = var.redis_endpoint_lookup ? local.redis_functions : {}
  project  = var.project_id
  role     = "roles/redis.viewer"
  member   = google_service_account.function[each.key].member

  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic_iam_member" "cancel_publisher" {
  for_each = local.cancel_publishers
  topic    = google_pubsub_topic.cancel.id
  role     = "roles/pubsub.publisher"
  member   = google_service_account.function[each.key].member
}

resource "google_secret_manager_secret_iam_member" "redis_auth" {
  for_each  = local.redis_functions
  secret_id = google_secret_manager_secret.redis_auth.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.function[each.key].member
}

resource "google_secret_manager_secret_iam_member" "redis_ca" {
  for_each  = var.redis_endpoint_lookup ? {} : local.redis_functions
  secret_id = google_secret_manager_secret.redis_ca.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.function[each.key].member
}

# Eventarc (or Pub/Sub push, with an OIDC token) invokes an event function as the function's own account.
resource "google_cloud_run_service_iam_member" "event_invoker" {
  for_each = local.event_functions
  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = google_service_account.function[each.key].member
}

# The HTTP functions are the Playground's public API, called straight from browsers: no
# authentication, bounded by input limits, max_instances and (with a domain) Cloud Armor. With
# http_public = false only http_invokers may call them.
resource "google_cloud_run_service_iam_member" "http_invoker" {
  for_each = {
    for pair in setproduct(keys(local.http_functions), var.http_public ? ["allUsers"] : var.http_invokers) :
    "${pair[0]} ${pair[1]}" => { function = pair[0], member = pair[1] }
  }
  location = var.region
  service  = google_cloudfunctions2_function.function[each.value.function].service_config[0].service
  role     = "roles/run.invoker"
  member   = each.value.member
}
