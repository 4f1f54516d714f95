/* byline-source-view.h
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

#include <gtksourceview/gtksource.h>
#include <libspelling.h>

#include "byline-word-counter.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_SOURCE_VIEW (byline_source_view_get_type ())

G_DECLARE_FINAL_TYPE (BylineSourceView, byline_source_view, BYLINE, SOURCE_VIEW, GtkSourceView)

GtkWidget  *byline_source_view_new             (void);
const char *byline_source_view_get_status_text (BylineSourceView *self);
void        byline_source_view_set_word_counter (BylineSourceView  *self,
                                                 BylineWordCounter *counter);
SpellingTextBufferAdapter *
            byline_source_view_get_spelling_adapter (BylineSourceView *self);

G_END_DECLS
