# Alerts, sent to var.alert_notification_channels (none: the incidents still open in Cloud Monitoring).
locals {
  # The Cloud Run services behind this environment's functions (a 2nd gen function's service has its name).
  function_service_regex   = "${var.environment}-(${join("|", keys(local.functions))})"
  event_names              = join("|", keys(local.event_functions))
  event_subscription_regex = "(eventarc-${var.region}-${var.environment}-(${local.event_names})-.*|${var.environment}-playground-(${local.event_names}))"
  run_requests             = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.labels.service_name=monitoring.regex.full_match(\"${local.function_service_regex}\")"
}

# A message reached a dead-letter topic: a cancel or maintenance run failed every delivery attempt.
# Inspect it with `gcloud pubsub subscriptions pull <output dead_letter_subscriptions>`.
resource "google_monitoring_alert_policy" "dead_letters" {
  count                 = var.event_delivery == "push" ? 1 : 0
  display_name          = "Beam Playground ${var.environment}: dead-lettered messages"
  combiner              = "OR"
  notification_channels = var.alert_notification_channels

  conditions {
    display_name = "messages waiting in a dead-letter subscription"
    condition_threshold {
      filter          = "metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\" AND resource.type=\"pubsub_subscription\" AND resource.labels.subscription_id=monitoring.regex.full_match(\"${var.environment}-playground-.*-dead-letter\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "60s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    content   = "A Pub/Sub message to a Beam Playground function failed ${var.event_max_delivery_attempts} deliveries and was dead-lettered. The function's logs say why; the message stays in its dead-letter subscription for 7 days."
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

# A message to an event function waiting unacknowledged longer than alert_event_age_seconds: the
# function keeps failing it (Eventarc retries until it expires) or cannot keep up. Matches the
# subscriptions Eventarc creates for this environment's triggers and the push subscriptions.
resource "google_monitoring_alert_policy" "events_waiting" {
  display_name          = "Beam Playground ${var.environment}: events waiting for a function"
  combiner              = "OR"
  notification_channels = var.alert_notification_channels

  conditions {
    display_name = "oldest unacknowledged message older than ${var.alert_event_age_seconds} s"
    condition_threshold {
      filter          = "metric.type=\"pubsub.googleapis.com/subscription/oldest_unacked_message_age\" AND resource.type=\"pubsub_subscription\" AND resource.labels.subscription_id=monitoring.regex.full_match(\"${local.event_subscription_regex}\")"
      comparison      = "COMPARISON_GT"
      threshold_value = var.alert_event_age_seconds
      duration        = "60s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    content   = "A Pub/Sub message to a Beam Playground event function (cancel-listener, maintenance) has waited more than ${var.alert_event_age_seconds} s. The function's logs say why it fails."
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}

# Share of a function's answers that are 5xx, over 5 minutes.
resource "google_monitoring_alert_policy" "function_errors" {
  display_name          = "Beam Playground ${var.environment}: function 5xx rate"
  combiner              = "OR"
  notification_channels = var.alert_notification_channels

  conditions {
    display_name = "5xx share of a function's requests above ${var.alert_5xx_ratio}"
    condition_threshold {
      filter             = "${local.run_requests} AND metric.labels.response_code_class=\"5xx\""
      denominator_filter = local.run_requests
      comparison         = "COMPARISON_GT"
      threshold_value    = var.alert_5xx_ratio
      duration           = "300s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
      }
      denominator_aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
      }
    }
  }

  documentation {
    content   = "More than ${var.alert_5xx_ratio * 100}% of a Beam Playground function's answers were 5xx for 5 minutes (503 = Datastore or Redis unreachable, 500 = a bug). See the function's logs."
    mime_type = "text/markdown"
  }

  depends_on = [google_project_service.apis]
}
