output "function_urls" {
  description = "URL of every HTTP function; the Connect API is POST <url>/api.v1.PlaygroundService/<Method>."
  value       = { for name, f in local.http_functions : name => google_cloudfunctions2_function.function[name].url }
}

output "maintenance_topic" {
  description = "Publish here to run migrations and cleanup now."
  value       = google_pubsub_topic.maintenance.id
}

output "cancel_topic" {
  value = google_pubsub_topic.cancel.id
}

output "cancel_dead_letter_subscription" {
  description = "Cancel messages the listener could not handle."
  value       = google_pubsub_subscription.cancel_dead_letter.id
}

output "redis_instance" {
  value = google_redis_instance.cache.id
}

output "datastore_namespace" {
  value = var.datastore_namespace
}
