/* byline-record.h
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

G_BEGIN_DECLS

#define BYLINE_RECORD_ERROR (byline_record_error_quark ())

/**
 * BylineRecordError:
 * @BYLINE_RECORD_ERROR_INVALID_JSON: the record is not JSON, or not an object
 * @BYLINE_RECORD_ERROR_WRONG_TYPE: the record is not a `site.standard.document`
 * @BYLINE_RECORD_ERROR_INVALID: validation found errors; nothing was written
 * @BYLINE_RECORD_ERROR_ENCODING: the input is not UTF-8
 * @BYLINE_RECORD_ERROR_UNWRITABLE_CONTENT: the body was edited, but the record's content
 *   is of a type Byline cannot write, and no content format was chosen
 */
typedef enum
{
  BYLINE_RECORD_ERROR_INVALID_JSON,
  BYLINE_RECORD_ERROR_WRONG_TYPE,
  BYLINE_RECORD_ERROR_INVALID,
  BYLINE_RECORD_ERROR_ENCODING,
  BYLINE_RECORD_ERROR_UNWRITABLE_CONTENT,
} BylineRecordError;

/**
 * BylineRecordExportFlags:
 * @BYLINE_RECORD_EXPORT_DEFAULT: the whole record
 * @BYLINE_RECORD_EXPORT_OMIT_CONTENT: leave `content` out (only `textContent`), whatever
 *   the article's `contentFormat`
 * @BYLINE_RECORD_EXPORT_MARKDOWN: write `content` as Markdown (`at.markpub.markdown`)
 * @BYLINE_RECORD_EXPORT_LEAFLET: write `content` as Leaflet blocks (`pub.leaflet.content`)
 *
 * Without a content flag, the article's `contentFormat` says what `content` is.
 */
typedef enum
{
  BYLINE_RECORD_EXPORT_DEFAULT      = 0,
  BYLINE_RECORD_EXPORT_OMIT_CONTENT = 1 << 0,
  BYLINE_RECORD_EXPORT_MARKDOWN     = 1 << 1,
  BYLINE_RECORD_EXPORT_LEAFLET      = 1 << 2,
} BylineRecordExportFlags;

#define BYLINE_RECORD_EXPORT_CONTENT_FLAGS \
  (BYLINE_RECORD_EXPORT_OMIT_CONTENT | BYLINE_RECORD_EXPORT_MARKDOWN | BYLINE_RECORD_EXPORT_LEAFLET)

#define BYLINE_RECORD_TYPE       "site.standard.document"
#define BYLINE_MARKPUB_TYPE      "at.markpub.markdown"
#define BYLINE_STANDARD_MD_TYPE  "site.standard.content.markdown"
#define BYLINE_LEAFLET_TYPE      "pub.leaflet.content"

GQuark          byline_record_error_quark (void);
char           *byline_record_slugify     (const char               *title);
JsonNode       *byline_record_build       (BylineMetadata           *metadata,
                                           const char               *body,
                                           gsize                     body_length,
                                           GFile                    *base_dir,
                                           BylineRecordExportFlags   flags,
                                           GPtrArray                *problems);
char           *byline_record_export      (const char               *text,
                                           gsize                     length,
                                           GFile                    *base_dir,
                                           BylineRecordExportFlags   flags,
                                           GPtrArray               **problems,
                                           gsize                    *json_length,
                                           GError                  **error);
BylineMetadata *byline_record_to_metadata (JsonObject               *record,
                                           char                    **body,
                                           GError                  **error);
char           *byline_record_import      (const char               *json,
                                           gsize                     length,
                                           GError                  **error);
gboolean        byline_record_check_content (BylineMetadata         *metadata,
                                             const char             *body,
                                             gsize                   body_length,
                                             BylineRecordExportFlags flags,
                                             GError                **error);
BylineRecordExportFlags byline_record_parse_content_format (const char *name,
                                                            gboolean   *valid);

JsonNode       *_byline_record_build_full (BylineMetadata          *metadata,
                                           const char              *body,
                                           gsize                    body_length,
                                           GFile                   *base_dir,
                                           BylineRecordExportFlags  flags,
                                           GPtrArray               *problems,
                                           GPtrArray               *image_files);

/* Shared by export and import: where a Markdown content object keeps its text. */
gboolean        _byline_record_find_markdown (JsonObject            *content,
                                              JsonObject           **holder,
                                              const char           **member);

G_END_DECLS
