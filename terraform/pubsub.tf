# Cancel: the cancel function publishes, the cancel listener is triggered (with retries). A
# message that still fails after cancel_max_delivery_attempts goes to the dead-letter topic,
# where a subscription keeps it for a week for inspection.
resource "google_pubsub_topic" "cancel" {
  name = "${var.environment}-playground-cancel"
  # A cancel older than the pipeline state it targets (15 minutes idle) has nothing left to do.
  message_retention_duration = "1200s"

  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "cancel_dead_letter" {
  name = "${var.environment}-playground-cancel-dead-letter"

  depends_on = [google_project_service.apis]
}

resource "google_pubsub_subscription" "cancel_dead_letter" {
  name                       = "${var.environment}-playground-cancel-dead-letter"
  topic                      = google_pubsub_topic.cancel_dead_letter.id
  message_retention_duration = "604800s"
  expiration_policy {
    ttl = ""
  }
}

locals {
  pubsub_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# Pub/Sub forwards undeliverable messages as its own service agent.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  topic  = google_pubsub_topic.cancel_dead_letter.id
  role   = "roles/pubsub.publisher"
  member = local.pubsub_agent
}

# Eventarc creates the cancel listener's subscription itself, and neither it nor the function
# resource can set a dead-letter policy on it (hashicorp/terraform-provider-google#25069): set it
# on the subscription Eventarc made, again whenever the trigger is replaced. Needs gcloud.
resource "terraform_data" "cancel_dead_letter_policy" {
  triggers_replace = [
    google_cloudfunctions2_function.function["cancel-listener"].event_trigger[0].trigger,
    google_pubsub_topic.cancel_dead_letter.id,
    var.cancel_max_delivery_attempts,
  ]

  provisioner "local-exec" {
    interpreter = ["bash", "-c"]
    command     = <<-EOT
      set -euo pipefail
      sub=$(gcloud eventarc triggers describe "$TRIGGER" --project "$PROJECT" --location "$REGION" \
        --format='value(transport.pubsub.subscription)')
      gcloud pubsub subscriptions update "$sub" --project "$PROJECT" \
        --dead-letter-topic="$DEAD_LETTER_TOPIC" --max-delivery-attempts="$ATTEMPTS" \
        --min-retry-delay=5s --max-retry-delay=60s
      gcloud pubsub subscriptions add-iam-policy-binding "$sub" --project "$PROJECT" \
        --member="$PUBSUB_AGENT" --role=roles/pubsub.subscriber >/dev/null
    EOT
    environment = {
      PROJECT           = var.project_id
      REGION            = var.region
      TRIGGER           = google_cloudfunctions2_function.function["cancel-listener"].event_trigger[0].trigger
      DEAD_LETTER_TOPIC = google_pubsub_topic.cancel_dead_letter.id
      ATTEMPTS          = tostring(var.cancel_max_delivery_attempts)
      PUBSUB_AGENT      = local.pubsub_agent
    }
  }

  depends_on = [google_pubsub_topic_iam_member.dead_letter_publisher]
}

# Maintenance: Cloud Scheduler publishes, the maintenance function runs pending migrations and
# removes stale user snippets. deploy/deploy.sh publishes here too, to migrate right after a deploy.
resource "google_pubsub_topic" "maintenance" {
  name                       = "${var.environment}-playground-maintenance"
  message_retention_duration = "86400s"

  depends_on = [google_project_service.apis]
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
