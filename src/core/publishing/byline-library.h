/* byline-library.h
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
#include "byline-xrpc-client.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_LIBRARY (byline_library_get_type ())

G_DECLARE_FINAL_TYPE (BylineLibrary, byline_library, BYLINE, LIBRARY, GObject)

BylineLibrary  *byline_library_new             (BylineXrpcClient     *client);
BylineXrpcClient *byline_library_get_client    (BylineLibrary        *self);
guint           byline_library_get_page_size   (BylineLibrary        *self);
void            byline_library_set_page_size   (BylineLibrary        *self,
                                                guint                 page_size);
guint           byline_library_get_n_loaded    (BylineLibrary        *self);
void            byline_library_list_async      (BylineLibrary        *self,
                                                const char           *collection,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
JsonArray      *byline_library_list_finish     (BylineLibrary        *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void            byline_library_fetch_async     (BylineLibrary        *self,
                                                const char           *uri,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
JsonObject     *byline_library_fetch_finish    (BylineLibrary        *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void            byline_library_pull_async      (BylineLibrary        *self,
                                                const char           *uri,
                                                GFile                *folder,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GFile          *byline_library_pull_finish     (BylineLibrary        *self,
                                                GAsyncResult         *result,
                                                GError              **error);

char           *byline_library_article_name    (JsonObject           *record,
                                                const char           *rkey);
char           *byline_library_image_name      (JsonObject           *blob);
BylineMetadata *byline_library_record_to_article (JsonObject         *record,
                                                  char              **body,
                                                  GPtrArray          *blobs,
                                                  GError            **error);
char           *byline_library_diff_article    (const char           *text,
                                                gsize                 length,
                                                GFile                *base_dir,
                                                JsonObject           *answer,
                                                const char           *article_label,
                                                GError              **error);

G_END_DECLS
