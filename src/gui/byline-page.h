/* byline-page.h
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

#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>

#include "byline-document.h"
#include "byline-preview.h"
#include "byline-renderer.h"
#include "byline-text-mirror.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_PAGE (byline_page_get_type ())

G_DECLARE_FINAL_TYPE (BylinePage, byline_page, BYLINE, PAGE, GtkWidget)

BylinePage     *byline_page_new              (BylineDocument *document);
BylineDocument *byline_page_get_document     (BylinePage     *self);
BylinePreview  *byline_page_get_preview      (BylinePage     *self);
GtkSourceView  *byline_page_get_view         (BylinePage     *self);
gboolean        byline_page_get_changed_on_disk (BylinePage  *self);
gboolean        byline_page_get_watching_file   (BylinePage  *self);
BylineRenderResult *byline_page_get_render_result (BylinePage *self);
BylineTextMirror   *byline_page_get_text_mirror   (BylinePage *self);

G_END_DECLS
