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
 */
typedef enum
{
  BYLINE_RECORD_ERROR_INVALID_JSON,
  BYLINE_RECORD_ERROR_WRONG_TYPE,
  BYLINE_RECORD_ERROR_INVALID,
  BYLINE_RECORD_ERROR_ENCODING,
} BylineRecordError;

/**
 * BylineRecordExportFlags:
 * @BYLINE_RECORD_EXPORT_DEFAULT: the whole record
 * @BYLINE_RECORD_EXPORT_OMIT_CONTENT: leave `content` out (only `textContent`)
 */
typedef enum
{
  BYLINE_RECORD_EXPORT_DEFAULT      = 0,
  BYLINE_RECORD_EXPORT_OMIT_CONTENT = 1 << 0,
} BylineRecordExportFlags;

#define BYLINE_RECORD_TYPE       "site.standard.document"
#define BYLINE_MARKPUB_TYPE      "at.markpub.markdown"
#define BYLINE_STANDARD_MD_TYPE  "site.standard.content.markdown"

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

/* Shared by export and import: where a Markdown content object keeps its text. */
gboolean        _byline_record_find_markdown (JsonObject            *content,
                                              JsonObject           **holder,
                                              const char           **member);

G_END_DECLS
