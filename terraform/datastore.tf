# The environment's own Datastore-mode database (Firestore named database), so that environments in one
# project neither collide on the project's `(default)` database nor share its indexes. Snippets are user
# data: the database outlives `terraform destroy`.
locals {
  datastore_database = var.datastore_database != "" ? var.datastore_database : "${var.environment}-playground"
}

resource "google_firestore_database" "datastore" {
  name                    = local.datastore_database
  location_id             = var.datastore_location
  type                    = "DATASTORE_MODE"
  delete_protection_state = "DELETE_PROTECTION_ENABLED"
  deletion_policy         = "ABANDON"

  depends_on = [google_project_service.apis]
}

# Composite indexes, generated from index.yaml at the repository root: the file the emulator
# enforces in the tests is the one deployed, so the two cannot drift.
locals {
  datastore_indexes = {
    for index in yamldecode(file("${path.module}/../index.yaml")).indexes :
    join(":", concat([index.kind], [for p in index.properties : "${p.name}.${lower(try(p.direction, "asc"))}"])) => index
  }
}

resource "google_firestore_index" "datastore" {
  for_each    = local.datastore_indexes
  database    = google_firestore_database.datastore.name
  collection  = each.value.kind
  api_scope   = "DATASTORE_MODE_API"
  query_scope = "COLLECTION_GROUP"

  dynamic "fields" {
    for_each = each.value.properties
    content {
      field_path = fields.value.name
      order      = lower(try(fields.value.direction, "asc")) == "desc" ? "DESCENDING" : "ASCENDING"
    }
  }
}
