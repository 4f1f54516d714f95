/* byline-window.h
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

#include "byline-page.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_WINDOW (byline_window_get_type ())

G_DECLARE_FINAL_TYPE (BylineWindow, byline_window, BYLINE, WINDOW, AdwApplicationWindow)

BylineWindow *byline_window_new       (GtkApplication *application);
BylinePage   *byline_window_get_page  (BylineWindow   *self);
BylinePage   *byline_window_add_document (BylineWindow   *self,
                                          BylineDocument *document);
void          byline_window_open_file (BylineWindow   *self,
                                       GFile          *file);
gboolean      byline_window_is_empty  (BylineWindow   *self);
GPtrArray    *byline_window_dup_documents (BylineWindow   *self);

G_END_DECLS
