/* byline-source-view-private.h
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

#include "byline-source-view.h"

G_BEGIN_DECLS

/* Shared by the files that make up BylineSourceView, split by concern. */

gboolean _byline_source_view_is_blank          (const char       *text);
void     _byline_source_view_format_class_init (GtkWidgetClass   *widget_class);
void     _byline_source_view_format_init       (BylineSourceView *self);
void     _byline_source_view_review_class_init (GtkWidgetClass   *widget_class);
void     _byline_source_view_review_init       (GtkWidget        *widget);
void     _byline_source_view_marks_init        (GtkWidget        *widget);
void     _byline_source_view_vim_init          (GtkWidget        *widget);
char    *_byline_source_view_vim_dup_status    (GtkWidget        *widget);
void     _byline_source_view_queue_status      (GtkWidget        *widget);
gboolean _byline_source_view_review_go         (GtkWidget        *widget,
                                                gboolean          forward);
gboolean _byline_source_view_review_resolve    (GtkWidget        *widget,
                                                gsize             start,
                                                gboolean          accept);
guint    _byline_source_view_review_resolve_all (GtkWidget       *widget,
                                                 gboolean         accept);
gboolean _byline_source_view_review_get_suggesting (GtkWidget    *widget);
gboolean _byline_source_view_review_set_suggesting (GtkWidget    *widget,
                                                    gboolean      suggesting);

G_END_DECLS
