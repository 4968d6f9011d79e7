# One Cloud Function (2nd gen) per module in functions/. What each one touches decides its roles,
# its environment and whether it goes through the VPC connector:
#   datastore       - reads/writes Datastore: roles/datastore.user, backend settings
#   redis           - uses Memorystore: VPC connector, redis.viewer (admin API lookup), AUTH secret
#   publishes_cancel- publishes on the cancel topic: publisher on that topic only
#   trigger         - null for HTTP functions, else the Pub/Sub topic whose messages invoke it
locals {
  http_entry_point = "io.micronaut.gcp.function.http.HttpFunction"

  function_specs = {
    "save-snippet" = {
      entry_point      = local.http_entry_point
      datastore        = true
      redis            = false
      publishes_cancel = false
      trigger          = null
      memory           = "1Gi"
      cpu              = "1"
      max_instances    = 20
      timeout_seconds  = 30
    }
    "get-snippet" = {
      entry_point      = local.http_entry_point
      datastore        = true
      redis            = true # visits go to the Redis visit buffer, not to the snippet's entity
      publishes_cancel = false
      trigger          = null
      memory           = "1Gi"
      cpu              = "1"
      max_instances    = 20
      timeout_seconds  = 30
    }
    "get-catalog" = {
      entry_point      = local.http_entry_point
      datastore        = true
      redis            = true
      publishes_cancel = false
      trigger          = null
      memory           = "1Gi"
      cpu              = "1"
      max_instances    = 20
      timeout_seconds  = 60
    }
    "get-pipeline-output" = {
      entry_point      = local.http_entry_point
      datastore        = false
      redis            = true
      publishes_cancel = false
      trigger          = null
      memory           = "1Gi"
      cpu              = "1"
      max_instances    = 20
      timeout_seconds  = 30
    }
    "cancel" = {
      entry_point      = local.http_entry_point
      datastore        = false
      redis            = true # reads the pipeline's state: unknown and finished pipelines are answered, not published
      publishes_cancel = true
      trigger          = null
      memory           = "512Mi"
      cpu              = "1"
      max_instances    = 10
      timeout_seconds  = 30
    }
    "cancel-listener" = {
      entry_point      = "dev.beamplayground.cancel.listener.CancelListenerFunction"
      datastore        = false
      redis            = true
      publishes_cancel = false
      trigger          = "cancel"
      memory           = "512Mi"
      cpu              = "1"
      max_instances    = 10
      timeout_seconds  = 30
    }
    "maintenance" = {
      entry_point      = "dev.beamplayground.function.maintenance.MaintenanceFunction"
      datastore        = true
      redis            = true # publishes the store's catalog version to the Redis cache after a load
      publishes_cancel = false
      trigger          = "maintenance"
      memory           = "1Gi"
      cpu              = "1"
      # One run at a time: migrations are resumable but not meant to race each other.
      max_instances   = 1
      timeout_seconds = 540
    }
  }

  functions = {
    for name, spec in local.function_specs : name => merge(spec, {
      memory          = coalesce(try(var.function_overrides[name].memory, null), spec.memory)
      cpu             = coalesce(try(var.function_overrides[name].cpu, null), spec.cpu)
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
  datastore_env = merge({
    BACKEND_MODULE      = "datastore"
    DATASTORE_NAMESPACE = var.datastore_namespace
  }, var.objects_pin == "" ? {} : { OBJECTS_PIN = var.objects_pin })
  redis_env = {
    REDIS_MEMORYSTORE_INSTANCE = google_redis_instance.cache.id
  }
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
}

resource "google_cloudfunctions2_function" "function" {
  for_each = local.functions
  name     = "${var.environment}-${each.key}"
  location = var.region

  build_config {
    runtime     = "java17"
    entry_point = each.value.entry_point
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
    timeout_seconds                  = each.value.timeout_seconds
    service_account_email            = google_service_account.function[each.key].email
    all_traffic_on_latest_revision   = true
    ingress_settings                 = each.value.trigger == null ? var.http_ingress : "ALLOW_INTERNAL_ONLY"
    vpc_connector                    = each.value.redis ? google_vpc_access_connector.connector.id : null
    vpc_connector_egress_settings    = each.value.redis ? "PRIVATE_RANGES_ONLY" : null
    max_instance_request_concurrency = 1

    environment_variables = merge(
      local.base_env,
      each.value.datastore ? local.datastore_env : {},
      each.value.redis ? local.redis_env : {},
      each.value.publishes_cancel ? local.cancel_env : {},
      each.key == "maintenance" ? local.maintenance_env : {},
    )

    dynamic "secret_environment_variables" {
      for_each = each.value.redis ? [google_secret_manager_secret.redis_auth] : []
      content {
        key        = "REDIS_PASSWORD"
        project_id = var.project_id
        secret     = secret_environment_variables.value.secret_id
        version    = "latest"
      }
    }
  }

  dynamic "event_trigger" {
    for_each = each.value.trigger == null ? [] : [each.value.trigger]
    content {
      trigger_region        = var.region
      event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
      pubsub_topic          = local.trigger_topics[event_trigger.value]
      service_account_email = google_service_account.function[each.key].email
      # A cancel must not be lost to one failed invocation; a failed maintenance run is simply
      # picked up by the next scheduled one (migrations resume where they stopped).
      retry_policy = event_trigger.value == "cancel" ? "RETRY_POLICY_RETRY" : "RETRY_POLICY_DO_NOT_RETRY"
    }
  }

  depends_on = [
    google_project_service.apis,
    google_project_iam_member.datastore_user,
    google_project_iam_member.redis_viewer,
    google_secret_manager_secret_iam_member.redis_auth,
    google_secret_manager_secret_version.redis_auth,
  ]
}

# --- Who may do what. Project-wide roles only where no narrower resource exists. ---

# Datastore has no per-entity IAM: the store's functions get datastore.user on the project.
resource "google_project_iam_member" "datastore_user" {
  for_each = local.datastore_functions
  project  = var.project_id
  role     = "roles/datastore.user"
  member   = google_service_account.function[each.key].member
}

# Reading an instance's endpoint and CA (REDIS_MEMORYSTORE_INSTANCE) needs redis.instances.get,
# which Memorystore grants on the project only.
resource "google_project_iam_member" "redis_viewer" {
  for_each = local.redis_functions
  project  = var.project_id
  role     = "roles/redis.viewer"
  member   = google_service_account.function[each.key].member
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

# Eventarc invokes an event function as the trigger's service account (the function's own).
resource "google_cloud_run_service_iam_member" "event_invoker" {
  for_each = local.event_functions
  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = google_service_account.function[each.key].member
}

# The HTTP functions are the Playground's public API, called straight from browsers: no
# authentication, bounded by input limits and max_instances. With http_public = false only
# http_invokers may call them.
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
