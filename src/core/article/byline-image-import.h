/* byline-image-import.h
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

G_BEGIN_DECLS

/* The folder beside the article that images are copied into. */
#define BYLINE_IMAGE_FOLDER "images"

gboolean  byline_image_import_is_image      (const char           *name,
                                             const guchar         *data,
                                             gsize                 data_len);
char     *byline_image_import_file_name     (const char           *name);
char     *byline_image_import_alt_text      (const char           *name);
char     *byline_image_import_markdown      (const char           *alt,
                                             const char           *path);
void      byline_image_import_async         (GFile                *article_folder,
                                             GFile                *source,
                                             GBytes               *data,
                                             const char           *name,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char     *byline_image_import_finish        (GAsyncResult         *result,
                                             GError              **error);
void      byline_image_import_elsewhere_async (GFile              *folder,
                                               GFile              *source,
                                               GBytes             *data,
                                               const char         *name,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
GFile    *byline_image_import_elsewhere_finish (GAsyncResult      *result,
                                                GError           **error);
char     *byline_image_import_link          (GFile                *article_folder,
                                             GFile                *image);

G_END_DECLS
