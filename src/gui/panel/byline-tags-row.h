/* byline-tags-row.h
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

#include <adwaita.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_TAGS_ROW (byline_tags_row_get_type ())

G_DECLARE_FINAL_TYPE (BylineTagsRow, byline_tags_row, BYLINE, TAGS_ROW, AdwPreferencesRow)

GtkWidget          *byline_tags_row_new       (void);
const char * const *byline_tags_row_get_tags  (BylineTagsRow      *self);
void                byline_tags_row_set_tags  (BylineTagsRow      *self,
                                               const char * const *tags);
void                byline_tags_row_set_error (BylineTagsRow      *self,
                                               const char         *message);
char               *byline_tags_row_normalize (const char         *tag);

G_END_DECLS
