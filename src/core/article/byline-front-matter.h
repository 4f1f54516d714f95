/* byline-front-matter.h
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

#include <glib.h>

#include "byline-metadata.h"

G_BEGIN_DECLS

#define BYLINE_FRONT_MATTER_ERROR (byline_front_matter_error_quark ())

/**
 * BylineFrontMatterError:
 * @BYLINE_FRONT_MATTER_ERROR_SYNTAX: the YAML is malformed
 * @BYLINE_FRONT_MATTER_ERROR_NOT_MAPPING: the front matter is a list or a single value
 * @BYLINE_FRONT_MATTER_ERROR_DUPLICATE_KEY: a key appears twice in one mapping
 * @BYLINE_FRONT_MATTER_ERROR_ENCODING: the front matter is not valid UTF-8
 * @BYLINE_FRONT_MATTER_ERROR_INVALID_VALUE: a known key holds the wrong kind of value
 *
 * Errors of [func@front_matter_parse]. Messages name the line and column in the
 * file, counted from 1.
 */
typedef enum
{
  BYLINE_FRONT_MATTER_ERROR_SYNTAX,
  BYLINE_FRONT_MATTER_ERROR_NOT_MAPPING,
  BYLINE_FRONT_MATTER_ERROR_DUPLICATE_KEY,
  BYLINE_FRONT_MATTER_ERROR_ENCODING,
  BYLINE_FRONT_MATTER_ERROR_INVALID_VALUE,
} BylineFrontMatterError;

GQuark          byline_front_matter_error_quark (void);
gboolean        byline_front_matter_find        (const char      *text,
                                                 gsize            len,
                                                 gsize           *block_end);
BylineMetadata *byline_front_matter_parse       (const char      *text,
                                                 gsize            len,
                                                 gsize           *body_offset,
                                                 GError         **error);
char           *byline_front_matter_serialize   (BylineMetadata  *metadata);
char           *byline_front_matter_replace     (const char      *text,
                                                 gsize            len,
                                                 BylineMetadata  *metadata);

G_END_DECLS
