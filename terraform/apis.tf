locals {
  apis = [
    "artifactregistry.googleapis.com", # images built from the function sources
    "cloudbuild.googleapis.com",       # builds the functions
    "cloudfunctions.googleapis.com",
    "cloudscheduler.googleapis.com",
    "compute.googleapis.com", # the VPC network
    "datastore.googleapis.com",
    "eventarc.googleapis.com", # Pub/Sub triggers of the event functions
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "pubsub.googleapis.com",
    "redis.googleapis.com",
    "run.googleapis.com", # 2nd gen functions run on Cloud Run
    "secretmanager.googleapis.com",
    "vpcaccess.googleapis.com",
  ]
}

resource "google_project_service" "apis" {
  for_each = toset(local.apis)
  service  = each.value
  # Other environments in the project may still need them.
  disable_on_destroy = false
}

data "google_project" "this" {
  depends_on = [google_project_service.apis]
}
