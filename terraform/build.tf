# How the functions are built: Cloud Build runs as this account, with only what a function build needs
# (read the uploaded source, push the image, write the build log), and pushes to this repository.
# Projects created since mid-2024 no longer give the default Compute/Cloud Build accounts these roles.
resource "google_service_account" "build" {
  account_id   = "${var.environment}-playground-build"
  display_name = "Beam Playground ${var.environment} function builds"

  depends_on = [google_project_service.apis]
}

resource "google_artifact_registry_repository" "functions" {
  repository_id = "${var.environment}-playground-functions"
  location      = var.region
  format        = "DOCKER"
  description   = "Images of the Beam Playground ${var.environment} functions, built by Cloud Functions."

  # Every deployment of a changed jar adds an image; the running revisions use the newest ones.
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = 5
    }
  }
  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"
    condition {
      older_than = "2592000s"
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_storage_bucket_iam_member" "build_source_reader" {
  bucket = google_storage_bucket.sources.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.build.member
}

resource "google_artifact_registry_repository_iam_member" "build_writer" {
  location   = google_artifact_registry_repository.functions.location
  repository = google_artifact_registry_repository.functions.name
  role       = "roles/artifactregistry.writer"
  member     = google_service_account.build.member
}

# Build logs: Cloud Logging has no narrower grant than the project.
resource "google_project_iam_member" "build_log_writer" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = google_service_account.build.member

  depends_on = [google_project_service.apis]
}
