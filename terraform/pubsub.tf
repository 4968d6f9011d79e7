# How Pub/Sub reaches the event functions (var.event_delivery):
#   eventarc - an Eventarc trigger per function (functions.tf). Eventarc owns the subscription, and
#              neither it nor Terraform can give that a dead-letter policy
#              (hashicorp/terraform-provider-google#25069): a message that keeps failing is retried until
#              it expires, and the "events waiting" alert (monitoring.tf) fires. Works with the functions
#              as they are.
#   push     - push subscriptions this configuration owns: OIDC token of the function's account, retry
#              backoff, and after event_max_delivery_attempts the function's dead-letter topic, whose
#              subscription keeps messages a week (alert "dead-lettered messages"). Needs an event
#              function that accepts a Pub/Sub push request: the Java Functions Framework (invoker
#              1.4.1) answers 500 to one for a CloudEventsFunction (functions-framework-java#375,
#              reproduced locally), so this waits for an entry point that does.
# Nothing runs gcloud at apply time in either mode.
#
#   cancel:      the cancel function publishes, cancel-listener marks the pipeline canceled.
#   maintenance: Cloud Scheduler (and deploy/deploy.sh) publish, the maintenance function runs pending
#                migrations and removes stale user snippets; a run that fails is retried with backoff
#                (migrations resume where they stopped) and dead-lettered after the last attempt.
resource "google_pubsub_topic" "cancel" {
  name = "${var.environment}-playground-cancel"
  # A cancel older than the pipeline state it targets (15 minutes idle) has nothing left to do.
  message_retention_duration = "1200s"

  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "maintenance" {
  name                       = "${var.environment}-playground-maintenance"
  message_retention_duration = "86400s"

  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "dead_letter" {
  for_each = local.push_functions
  name     = "${var.environment}-playground-${each.key}-dead-letter"

  depends_on = [google_project_service.apis]
}

resource "google_pubsub_subscription" "dead_letter" {
  for_each                   = local.push_functions
  name                       = "${var.environment}-playground-${each.key}-dead-letter"
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  message_retention_duration = "604800s"
  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription" "push" {
  for_each = local.push_functions
  name     = "${var.environment}-playground-${each.key}"
  topic    = local.trigger_topics[each.value.trigger]
  # How long Pub/Sub waits for the function's answer before it counts the delivery as failed.
  ack_deadline_seconds = min(600, each.value.timeout_seconds + 30)
  # A cancel is useless once the pipeline state it targets has expired; a maintenance run is due daily.
  message_retention_duration = each.value.trigger == "cancel" ? "1200s" : "86400s"

  push_config {
    push_endpoint = google_cloudfunctions2_function.function[each.key].service_config[0].uri
    oidc_token {
      service_account_email = google_service_account.function[each.key].email
      audience              = google_cloudfunctions2_function.function[each.key].service_config[0].uri
    }
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter[each.key].id
    max_delivery_attempts = var.event_max_delivery_attempts
  }

  retry_policy {
    minimum_backoff = "5s"
    maximum_backoff = "60s"
  }

  expiration_policy {
    ttl = ""
  }

  depends_on = [
    google_cloud_run_service_iam_member.event_invoker,
    google_pubsub_topic_iam_member.dead_letter_publisher,
  ]
}

locals {
  push_functions = var.event_delivery == "push" ? local.event_functions : {}
  pubsub_agent   = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# Dead-lettering: Pub/Sub's service agent publishes to the dead-letter topic and acknowledges on the
# source subscription.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.push_functions
  topic    = google_pubsub_topic.dead_letter[each.key].id
  role     = "roles/pubsub.publisher"
  member   = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each     = local.push_functions
  subscription = google_pubsub_subscription.push[each.key].id
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

# Push with an OIDC token: Pub/Sub's service agent mints the token as the function's account (granted
# automatically only in projects created after April 2021).
resource "google_service_account_iam_member" "push_token_creator" {
  for_each           = local.push_functions
  service_account_id = google_service_account.function[each.key].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent
}

resource "google_cloud_scheduler_job" "maintenance" {
  name      = "${var.environment}-playground-maintenance"
  region    = var.region
  schedule  = var.maintenance_schedule
  time_zone = "Etc/UTC"

  pubsub_target {
    topic_name = google_pubsub_topic.maintenance.id
    data       = base64encode(jsonencode({ reason = "schedule" }))
    attributes = { reason = "schedule" }
  }

  depends_on = [google_project_service.apis]
}
