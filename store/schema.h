// store/schema.h — creates and upgrades the newsfacts schema (internal).
#ifndef NEWSFACTS_STORE_SCHEMA_H_
#define NEWSFACTS_STORE_SCHEMA_H_

#include "database.h"
#include "newsfacts/status.h"

namespace newsfacts::store {

// Applies every migration the database has not seen yet (PRAGMA user_version).
Status Migrate(Database& db);

// The schema version this build writes.
int SchemaVersion();

}  // namespace newsfacts::store

#endif  // NEWSFACTS_STORE_SCHEMA_H_
