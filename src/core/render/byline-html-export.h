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

/**
 * BylineHtmlExportFlags:
 * @BYLINE_HTML_EXPORT_DEFAULT: refuse an article with suggestions or comments left
 * @BYLINE_HTML_EXPORT_WITH_SUGGESTIONS: show them on the page as tracked changes
 */
typedef enum
{
  BYLINE_HTML_EXPORT_DEFAULT          = 0,
  BYLINE_HTML_EXPORT_WITH_SUGGESTIONS = 1 << 0,
} BylineHtmlExportFlags;

char     *byline_html_export_render_result (BylineRenderResult  *result,
                                            GFile               *base_dir,
                                            GError             **error);
char     *byline_html_export_text          (const char          *text,
                                            gssize               length,
                                            GFile               *base_dir,
                                            GError             **error);
char     *byline_html_export_text_full     (const char           *text,
                                            gssize                length,
                                            GFile                *base_dir,
                                            BylineHtmlExportFlags flags,
                                            const char           *theme,
                                            GPtrArray           **unembedded,
                                            GError              **error);
char     *byline_html_export_text_themed   (const char           *text,
                                            gssize                length,
                                            GFile                *base_dir,
                                            BylineHtmlExportFlags flags,
                                            const char           *theme,
                                            JsonObject           *basic_theme,
                                            GPtrArray           **unembedded,
                                            GError              **error);
gboolean  byline_html_export_file          (GFile               *article,
                                            GFile               *output,
                                            GError             **error);
char     *byline_html_export_get_css       (void);
gboolean  byline_html_export_is_theme      (const char          *theme);
char     *byline_html_export_publication_css (JsonObject        *basic_theme);
char     *byline_html_export_read_stylesheet (BylineMetadata    *metadata,
                                              GFile             *base_dir,
                                              GError           **error);

G_END_DECLS
