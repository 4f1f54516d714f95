/* byline-leaflet-private.h
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

#include "byline-leaflet.h"

G_BEGIN_DECLS

#define LEAFLET_LINEAR_TYPE      "pub.leaflet.pages.linearDocument"
#define LEAFLET_BLOCK_ITEM_TYPE  "pub.leaflet.pages.linearDocument#block"
#define LEAFLET_TEXT_TYPE        "pub.leaflet.blocks.text"
#define LEAFLET_HEADER_TYPE      "pub.leaflet.blocks.header"
#define LEAFLET_BLOCKQUOTE_TYPE  "pub.leaflet.blocks.blockquote"
#define LEAFLET_CODE_TYPE        "pub.leaflet.blocks.code"
#define LEAFLET_MATH_TYPE        "pub.leaflet.blocks.math"
#define LEAFLET_RULE_TYPE        "pub.leaflet.blocks.horizontalRule"
#define LEAFLET_WEBSITE_TYPE     "pub.leaflet.blocks.website"
#define LEAFLET_HTML_TYPE        "pub.leaflet.blocks.html"
#define LEAFLET_IMAGE_TYPE       "pub.leaflet.blocks.image"
#define LEAFLET_UNORDERED_TYPE   "pub.leaflet.blocks.unorderedList"
#define LEAFLET_ORDERED_TYPE     "pub.leaflet.blocks.orderedList"

/* The info string of a fenced block that holds a block as JSON, and the comment that
 * starts a page. */
#define LEAFLET_PLACEHOLDER_INFO "leaflet-block"
#define LEAFLET_PAGE_MARKER      "<!-- leaflet-page"

const char *_byline_leaflet_feature_name (JsonNode *feature);
JsonNode   *_byline_leaflet_deep_copy    (JsonNode *node);

gboolean    _byline_image_size           (const guint8 *data,
                                          gsize         length,
                                          guint        *width,
                                          guint        *height);

G_END_DECLS
