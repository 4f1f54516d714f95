/* byline-html-export.h
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

#include <gio/gio.h>

#include "byline-renderer.h"

G_BEGIN_DECLS

char     *byline_html_export_render_result (BylineRenderResult  *result,
                                            GFile               *base_dir,
                                            GError             **error);
char     *byline_html_export_render_result_full (BylineRenderResult  *result,
                                                 GFile               *base_dir,
                                                 GPtrArray          **unembedded,
                                                 GError             **error);
char     *byline_html_export_text          (const char          *text,
                                            gssize               length,
                                            GFile               *base_dir,
                                            GError             **error);
char     *byline_html_export_text_full     (const char          *text,
                                            gssize               length,
                                            GFile               *base_dir,
                                            GPtrArray          **unembedded,
                                            GError             **error);
gboolean  byline_html_export_file          (GFile               *article,
                                            GFile               *output,
                                            GError             **error);
char     *byline_html_export_get_css       (void);

G_END_DECLS
