/* byline-cli.h
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

#include "byline-record.h"
#include "byline-html-export.h"

G_BEGIN_DECLS

int byline_cli_export (const char              *article_path,
                       const char              *output_path,
                       BylineRecordExportFlags  flags);
int byline_cli_import (const char *record_path,
                       const char *output_path);
int byline_cli_check  (const char *article_path);
int byline_cli_export_html (const char            *article_path,
                            const char            *output_path,
                            BylineHtmlExportFlags  flags);

/* What the options leave to the caller: no command-line mode was asked for. */
#define BYLINE_CLI_CONTINUE (-1)

/**
 * BylineCliRunner:
 * @article_path: the Markdown article
 * @output_path: (nullable): where the result goes
 * @flags: #BylineHtmlExportFlags: whether suggestions and comments may show
 *
 * Runs an export that the core cannot do alone (the PDF needs a web view).
 *
 * Returns: the exit status
 */
typedef int (*BylineCliRunner) (const char            *article_path,
                                const char            *output_path,
                                BylineHtmlExportFlags  flags);

const GOptionEntry *byline_cli_get_option_entries (void);
int                 byline_cli_handle_options     (GVariantDict    *options,
                                                   BylineCliRunner  export_pdf);

gboolean byline_cli_write_file (GFile       *file,
                                const char  *text,
                                gsize        length,
                                GError     **error);

G_END_DECLS
