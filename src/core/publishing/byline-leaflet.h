/* byline-leaflet.h
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

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BYLINE_LEAFLET_CONTENT_TYPE "pub.leaflet.content"
/* pub.leaflet.blocks.image's maxSize */
#define BYLINE_LEAFLET_IMAGE_MAX_SIZE 1000000

/**
 * BylineLeafletImageFunc:
 * @url: the destination of an image alone in its paragraph
 * @user_data: the data given with the function
 *
 * Returns: (transfer full) (nullable): the `image` blob and the `aspectRatio` of a
 *   Leaflet image block, as the members of an object, or %NULL to write the image's
 *   description as text
 */
typedef JsonObject *(*BylineLeafletImageFunc) (const char *url,
                                               gpointer    user_data);

/* Leaflet blocks (`pub.leaflet.content` with linearDocument pages) to Markdown and back. */
char       *byline_leaflet_to_markdown        (JsonObject             *content);
JsonObject *byline_leaflet_from_markdown      (const char             *markdown,
                                               gsize                   length,
                                               JsonObject             *original);
JsonObject *byline_leaflet_from_markdown_full (const char             *markdown,
                                               gsize                   length,
                                               JsonObject             *original,
                                               BylineLeafletImageFunc  image_func,
                                               gpointer                user_data);

/* Shared by import and export. */
JsonNode   *_byline_leaflet_canonical_item  (JsonNode    *item);
JsonArray  *_byline_leaflet_canonical_facets (const char *text,
                                              gsize       length,
                                              JsonArray  *facets);

G_END_DECLS
