/* byline-pdf-export.h
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

#include "byline-html-export.h"

G_BEGIN_DECLS

GtkPageSetup *byline_pdf_export_default_page_setup (void);
GtkPageSetup *byline_pdf_export_get_page_setup     (void);
void          byline_pdf_export_choose_page_setup  (GtkWindow            *parent);
void          byline_pdf_export_async              (const char           *html,
                                                    GtkPageSetup         *page_setup,
                                                    GFile                *output,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean      byline_pdf_export_finish             (GAsyncResult         *result,
                                                    GError              **error);
int           byline_pdf_export_run_cli            (const char           *article_path,
                                                    const char           *output_path,
                                                    BylineHtmlExportFlags flags);

G_END_DECLS
