/* byline-cover-row.h
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

#define BYLINE_TYPE_COVER_ROW (byline_cover_row_get_type ())

/* The largest blob a `coverImage` may be, in bytes (FORMAT.md). */
#define BYLINE_COVER_MAX_BYTES 1000000

G_DECLARE_FINAL_TYPE (BylineCoverRow, byline_cover_row, BYLINE, COVER_ROW, AdwPreferencesRow)

const char *byline_cover_row_get_value         (BylineCoverRow *self);
void        byline_cover_row_set_value         (BylineCoverRow *self,
                                                const char     *value);
GFile      *byline_cover_row_get_base_directory (BylineCoverRow *self);
void        byline_cover_row_set_base_directory (BylineCoverRow *self,
                                                GFile          *directory);
void        byline_cover_row_set_file          (BylineCoverRow *self,
                                                GFile          *file);
gboolean    byline_cover_row_get_busy          (BylineCoverRow *self);

G_END_DECLS
