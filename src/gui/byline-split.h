/* byline-split.h
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

#define BYLINE_TYPE_SPLIT (byline_split_get_type ())

G_DECLARE_FINAL_TYPE (BylineSplit, byline_split, BYLINE, SPLIT, GtkWidget)

GtkWidget  *byline_split_new            (void);
GtkWidget  *byline_split_get_start_child (BylineSplit *self);
void        byline_split_set_start_child (BylineSplit *self,
                                          GtkWidget   *child);
GtkWidget  *byline_split_get_end_child  (BylineSplit *self);
void        byline_split_set_end_child  (BylineSplit *self,
                                         GtkWidget   *child);
const char *byline_split_get_layout     (BylineSplit *self);
void        byline_split_set_layout     (BylineSplit *self,
                                         const char  *layout);
const char *byline_split_get_shown      (BylineSplit *self);
void        byline_split_set_shown      (BylineSplit *self,
                                         const char  *shown);
gboolean    byline_split_get_narrow     (BylineSplit *self);

G_END_DECLS
