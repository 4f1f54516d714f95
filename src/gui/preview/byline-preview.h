/* byline-preview.h
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
#include <webkit/webkit.h>

#include "byline-renderer.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_PREVIEW (byline_preview_get_type ())

G_DECLARE_FINAL_TYPE (BylinePreview, byline_preview, BYLINE, PREVIEW, GtkWidget)

GtkWidget     *byline_preview_new                     (void);
void           byline_preview_set_base_file           (BylinePreview      *self,
                                                       GFile              *file);
void           byline_preview_forget_shown            (BylinePreview      *self);
void           byline_preview_show_result             (BylinePreview      *self,
                                                       BylineRenderResult *result);
void           byline_preview_scroll_to_line          (BylinePreview      *self,
                                                       guint               line);
gboolean       byline_preview_get_allow_remote_images (BylinePreview      *self);
void           byline_preview_set_theme               (BylinePreview      *self,
                                                       const char         *theme);
void           byline_preview_set_allow_remote_images (BylinePreview      *self,
                                                       gboolean            allow);
WebKitWebView *byline_preview_get_web_view            (BylinePreview      *self);
guint          byline_preview_get_n_updates           (BylinePreview      *self);

G_END_DECLS
