/* byline-publisher.h
 *
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "byline-metadata.h"
#include "byline-publication.h"
#include "byline-xrpc-client.h"

G_BEGIN_DECLS

#define BYLINE_DOCUMENT_COLLECTION "site.standard.document"
#define BYLINE_POST_COLLECTION     "app.bsky.feed.post"
#define BYLINE_PUBLICATION_COLLECTION "site.standard.publication"
#define BYLINE_MAX_BLOB_SIZE       1000000

/**
 * BylinePublishFlags:
 * @BYLINE_PUBLISH_FLAGS_NONE: publish, failing on a conflicting edit
 * @BYLINE_PUBLISH_FLAGS_ANNOUNCE: also announce the article on Bluesky, once
 * @BYLINE_PUBLISH_FLAGS_OVERWRITE: replace the record even if it changed elsewhere
 * @BYLINE_PUBLISH_FLAGS_CONTENT_MARKDOWN: write `content` as Markdown, whatever the
 *   article's `contentFormat`
 * @BYLINE_PUBLISH_FLAGS_CONTENT_LEAFLET: write `content` as Leaflet blocks
 * @BYLINE_PUBLISH_FLAGS_CONTENT_NONE: write no `content`, only `textContent`
 */
typedef enum
{
  BYLINE_PUBLISH_FLAGS_NONE             = 0,
  BYLINE_PUBLISH_FLAGS_ANNOUNCE         = 1 << 0,
  BYLINE_PUBLISH_FLAGS_OVERWRITE        = 1 << 1,
  BYLINE_PUBLISH_FLAGS_CONTENT_MARKDOWN = 1 << 2,
  BYLINE_PUBLISH_FLAGS_CONTENT_LEAFLET  = 1 << 3,
  BYLINE_PUBLISH_FLAGS_CONTENT_NONE     = 1 << 4,
} BylinePublishFlags;

/**
 * BylinePublishStep:
 * @BYLINE_PUBLISH_STEP_NONE: no publish is running
 * @BYLINE_PUBLISH_STEP_UPLOADING_COVER: uploading the cover image
 * @BYLINE_PUBLISH_STEP_ANNOUNCING: posting the announcement on Bluesky
 * @BYLINE_PUBLISH_STEP_WRITING_RECORD: writing the record; this step is not interrupted
 * @BYLINE_PUBLISH_STEP_READING_CONFLICT: reading the version that was changed elsewhere
 *
 * What a running publish is doing, for its progress.
 */
typedef enum
{
  BYLINE_PUBLISH_STEP_NONE,
  BYLINE_PUBLISH_STEP_UPLOADING_COVER,
  BYLINE_PUBLISH_STEP_ANNOUNCING,
  BYLINE_PUBLISH_STEP_WRITING_RECORD,
  BYLINE_PUBLISH_STEP_READING_CONFLICT,
} BylinePublishStep;

#define BYLINE_TYPE_PUBLISH_STEP (byline_publish_step_get_type ())
GType byline_publish_step_get_type (void);

#define BYLINE_TYPE_PUBLISHER (byline_publisher_get_type ())

G_DECLARE_FINAL_TYPE (BylinePublisher, byline_publisher, BYLINE, PUBLISHER, GObject)

BylinePublisher  *byline_publisher_new                (BylineXrpcClient     *client);
BylinePublishStep byline_publisher_get_step           (BylinePublisher      *self);
JsonObject       *byline_publisher_get_conflict       (BylinePublisher      *self);
const char       *byline_publisher_get_step_label     (BylinePublisher      *self);
double            byline_publisher_get_fraction       (BylinePublisher      *self);
char             *byline_publisher_format_time        (const char           *iso8601,
                                                       GTimeZone            *time_zone);
JsonObject       *byline_publisher_build_record       (BylineMetadata       *metadata,
                                                       const char           *body,
                                                       JsonObject           *cover_blob);
JsonObject       *byline_publisher_build_record_full  (BylineMetadata       *metadata,
                                                       const char           *body,
                                                       JsonObject           *cover_blob,
                                                       GFile                *base_dir,
                                                       BylinePublishFlags    flags,
                                                       GPtrArray            *image_files);
void              byline_publisher_publish_async      (BylinePublisher      *self,
                                                       GBytes               *text,
                                                       GFile                *base_dir,
                                                       BylinePublishFlags    flags,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
BylineMetadata   *byline_publisher_publish_finish     (BylinePublisher      *self,
                                                       GAsyncResult         *result,
                                                       JsonObject          **record,
                                                       GError              **error);
void              byline_publisher_publish_file_async (BylinePublisher      *self,
                                                       GFile                *article,
                                                       BylinePublishFlags    flags,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
BylineMetadata   *byline_publisher_publish_file_finish(BylinePublisher      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void              byline_publisher_unpublish_async    (BylinePublisher      *self,
                                                       BylineMetadata       *metadata,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
BylineMetadata   *byline_publisher_unpublish_finish   (BylinePublisher      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void              byline_publisher_list_publications_async
                                                      (BylinePublisher      *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
JsonArray        *byline_publisher_list_publications_finish
                                                      (BylinePublisher      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void              byline_publisher_create_publication_async
                                                      (BylinePublisher      *self,
                                                       const char           *name,
                                                       const char           *url,
                                                       const char           *description,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
char             *byline_publisher_create_publication_finish
                                                      (BylinePublisher      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void              byline_publisher_get_publication_async
                                                      (BylinePublisher      *self,
                                                       const char           *uri,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
JsonObject       *byline_publisher_get_publication_finish
                                                      (BylinePublisher      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
gboolean          byline_publication_is_leaflet       (JsonObject           *record);
void              byline_publisher_list_records_async (BylinePublisher      *self,
                                                       const char           *collection,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
JsonArray        *byline_publisher_list_records_finish(BylinePublisher      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void              byline_publisher_save_publication_async
                                                      (BylinePublisher      *self,
                                                       const BylinePublication *publication,
                                                       const char           *uri,
                                                       const char           *swap_cid,
                                                       GFile                *icon,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
char             *byline_publisher_save_publication_finish
                                                      (BylinePublisher      *self,
                                                       GAsyncResult         *result,
                                                       char                **cid,
                                                       GError              **error);

G_END_DECLS
