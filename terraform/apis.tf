locals {
  apis = [
    "artifactregistry.googleapis.com", # images built from the function sources
    "cloudbuild.googleapis.com",       # builds the functions
    "cloudfunctions.googleapis.com",
    "cloudresourcemanager.googleapis.com", # project IAM grants, the project data source
    "cloudscheduler.googleapis.com",
    "compute.googleapis.com", # the VPC network, the load balancer, Cloud Armor
    "datastore.googleapis.com",
    "eventarc.googleapis.com", # event_delivery = "eventarc": the event functions' triggers
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com", # OIDC tokens of Pub/Sub push
    "logging.googleapis.com",        # build and function logs
    "monitoring.googleapis.com",     # alert policies
    "pubsub.googleapis.com",
    "redis.googleapis.com",
    "run.googleapis.com", # 2nd gen functions run on Cloud Run
    "secretmanager.googleapis.com",
    "storage.googleapis.com", # the function sources bucket
    "vpcaccess.googleapis.com",
  ]
}

# Every resource below depends on these, directly or through what it references (terraform/test checks
# it), so that a first apply in a fresh project does not race the enablement.
resource "google_project_service" "apis" {
  for_each = toset(local.apis)
  service  = each.value
  # Other environments in the project may still need them.
  disable_on_destroy = false
}

data "google_project" "this" {
  depends_on = [google_project_service.apis]
}
